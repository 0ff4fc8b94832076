// Catalog panel: search and filters over every model the core knows, in a clipped table, and a
// vendor-by-capability matrix (seed 000's overview) computed from the same catalog.
#include "ui/model_text.h"
#include "panels/panels.h"
#include "ui/ui_widgets.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <cfloat>
#include <array>
#include <map>
#include <optional>
#include <string>

namespace vg::app {

namespace {

bool modeFilterCombo(std::optional<Mode>& mode) {
    bool changed = false;
    if (ImGui::BeginCombo("##mode", mode ? modeTitle(*mode) : "Any mode")) {
        if (ImGui::Selectable("Any mode", !mode)) {
            mode.reset();
            changed = true;
        }
        for (Mode candidate : kAllModes) {
            if (ImGui::Selectable(modeTitle(candidate), mode == candidate)) {
                mode = candidate;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool providerFilterCombo(const std::vector<std::string>& providers, std::string& provider) {
    bool changed = false;
    if (ImGui::BeginCombo("##provider", provider.empty() ? "Any provider" : provider.c_str())) {
        if (ImGui::Selectable("Any provider", provider.empty())) {
            provider.clear();
            changed = true;
        }
        for (const std::string& candidate : providers) {
            if (ImGui::Selectable(candidate.c_str(), provider == candidate)) {
                provider = candidate;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool capabilityFilterCombo(bool& audio) {
    bool changed = false;
    if (ImGui::BeginCombo("##capability", audio ? "Audio" : "Any capability")) {
        if (ImGui::Selectable("Any capability", !audio)) {
            audio = false;
            changed = true;
        }
        if (ImGui::Selectable("Audio", audio)) {
            audio = true;
            changed = true;
        }
        ImGui::EndCombo();
    }
    return changed;
}

// One line when the search keeps room beside the three filters; else the search has its own line
// and the filters follow, each wide enough for its longest label ("Any capability") and wrapping
// onto another line where they do not fit.
void drawFilters(AppState& state, const UiLook& look) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float comboWidth = ImGui::CalcTextSize("Any capability").x + ImGui::GetFrameHeight() + style.FramePadding.x * 2;
    const float filtersWidth = 3 * comboWidth + 2 * style.ItemSpacing.x;
    const float searchWidth = ImGui::GetContentRegionAvail().x - filtersWidth - style.ItemSpacing.x;
    const bool oneLine = !singleColumn(look) && searchWidth >= dp(look, 200);
    ImGui::SetNextItemWidth(oneLine ? searchWidth : -FLT_MIN);
    bool changed = ImGui::InputTextWithHint("##search", "Search id, name, vendor or alias", &state.filter.search);
    if (oneLine) ImGui::SameLine();
    ImGui::SetNextItemWidth(comboWidth);
    changed |= modeFilterCombo(state.filter.mode);
    sameLineIfRoom(comboWidth);
    ImGui::SetNextItemWidth(comboWidth);
    changed |= providerFilterCombo(state.providers, state.filter.provider);
    sameLineIfRoom(comboWidth);
    ImGui::SetNextItemWidth(comboWidth);
    changed |= capabilityFilterCombo(state.filter.audio);
    if (changed) applyFilter(state);
}

// The matrix's columns in seed 000's order; nullopt is audio, the one capability that is not a mode.
constexpr std::optional<Mode> kMatrixColumns[] = {Mode::T2V, Mode::I2V, Mode::FLF, Mode::R2V, std::nullopt, Mode::V2V};
using CapabilityRow = std::array<bool, std::size(kMatrixColumns)>;

bool offers(const Model& model, std::optional<Mode> column) {
    return column ? model.supports(*column) : generatesAudio(model);
}

// Per vendor, sorted by name: a capability is offered when any of the vendor's models offers it.
std::map<std::string, CapabilityRow> capabilitiesByVendor(const Catalog& catalog) {
    std::map<std::string, CapabilityRow> rows;
    for (const Model& model : catalog.models) {
        CapabilityRow& row = rows[model.vendor];
        for (size_t column = 0; column < row.size(); ++column) row[column] = row[column] || offers(model, kMatrixColumns[column]);
    }
    return rows;
}

// Collapsed by default: the model table keeps the panel's height until someone asks for the overview.
void drawCapabilityMatrix(const AppState& state, const UiLook& look) {
    if (!ImGui::CollapsingHeader("Capabilities")) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("capabilities", 1 + static_cast<int>(std::size(kMatrixColumns)), flags)) return;
    ImGui::TableSetupColumn("Vendor", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    for (std::optional<Mode> column : kMatrixColumns) {
        ImGui::TableSetupColumn(column ? modeName(*column) : "audio", ImGuiTableColumnFlags_WidthFixed, dp(look, 48));
    }
    ImGui::TableHeadersRow();
    for (const auto& [vendor, row] : capabilitiesByVendor(*state.catalog)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(vendor.c_str());
        for (bool offered : row) {
            ImGui::TableNextColumn();
            if (offered) {
                ImGui::TextColored(kColorValid, "yes");
            } else {
                ImGui::TextColored(kColorMuted, "-");
            }
        }
    }
    ImGui::EndTable();
}

// A narrow screen shows the id and the modes (what tells models apart); the rest is in the form and
// the model reference once picked.
void drawModelRow(AppState& state, const UiLook& look, const Model& model, bool narrow) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(model.id.c_str(), state.selected == &model, ImGuiSelectableFlags_SpanAllColumns,
                          ImVec2(0, pressableRowHeight(look))) &&
        state.selected != &model) {
        selectModel(state, model);
    }
    if (narrow) {
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();  // level with the id, in the middle of the row
        ImGui::TextUnformatted(joinModes(model.modes).c_str());
        return;
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(model.vendor.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(joinModes(model.modes).c_str());
    ImGui::TableNextColumn();
    const std::string aliases = joinAliases(model);
    ImGui::TextColored(kColorMuted, "%s", aliases.c_str());
    if (!aliases.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", aliases.c_str());
    ImGui::TableNextColumn();
    if (model.limitsKnown) {
        ImGui::TextColored(kColorValid, "known");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Limits known: the form offers and checks what the model takes.");
    } else {
        ImGui::TextColored(kColorWarning, "unknown");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", limitsUnknownText().c_str());
    }
}

}  // namespace

void drawCatalogPanel(AppState& state, const UiLook& look) {
    const std::string count = std::to_string(state.visibleModels.size()) + " of " + std::to_string(state.catalog->models.size()) + " models";
    panelTitle("Catalog", count.c_str());
    drawFilters(state, look);
    drawCapabilityMatrix(state, look);

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    const bool narrow = singleColumn(look);
    if (!ImGui::BeginTable("models", narrow ? 2 : 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Id", ImGuiTableColumnFlags_WidthStretch, 2.4f);
    if (!narrow) ImGui::TableSetupColumn("Vendor", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Modes", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    if (!narrow) {
        ImGui::TableSetupColumn("Aliases", ImGuiTableColumnFlags_WidthStretch, 1.8f);
        ImGui::TableSetupColumn("Limits", ImGuiTableColumnFlags_WidthFixed, dp(look, 70));
    }
    ImGui::TableHeadersRow();
    // Only the rows on screen are laid out: a large catalog costs the same per frame as a small one.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.visibleModels.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            ImGui::PushID(row);
            drawModelRow(state, look, *state.visibleModels[static_cast<size_t>(row)], narrow);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace vg::app
