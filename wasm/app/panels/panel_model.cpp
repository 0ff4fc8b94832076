// Model panel: the selected model's modes, parameters (allowed values, default, source, note),
// aliases per dialect and cross-field rules, all as the catalog states them. The one place that
// names sources, by the titles of their documents (Catalog::sources), never by our keys.
#include "ui/model_text.h"
#include "panels/panels.h"
#include "ui/ui_widgets.h"

#include "request/rules.h"

#include "imgui.h"

namespace vg::app {

namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;

void drawSummary(const Catalog& catalog, const Model& model, const UiLook& look) {
    ImGui::Text("%s", model.name.c_str());
    ImGui::SameLine();
    ImGui::TextColored(kColorMuted, "by %s, provider options under \"%s\"", model.vendor.c_str(), model.provider.c_str());
    pushMonoFont(look);
    ImGui::TextUnformatted(model.id.c_str());
    ImGui::PopFont();
    for (Mode mode : model.modes) {
        ImGui::SameLine();
        ImGui::TextColored(kColorAccent, "[%s]", modeTitle(mode));
    }
    if (!model.limitsKnown) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorWarning);
        ImGui::TextWrapped("%s", limitsUnknownText().c_str());
        ImGui::PopStyleColor();
    }
    if (!model.notes.empty()) {
        const std::string notes = catalog.namingSources(model.notes);
        ImGui::TextWrapped("%s", notes.c_str());
        nameLastItem((notes + "###model-notes").c_str());
    }
}

// A source by its document's title, muted; named "source:<what>" for the browser tests.
void sourceText(const Catalog& catalog, const std::string& key, const std::string& what) {
    const std::string& title = catalog.sourceTitle(key);
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    ImGui::TextWrapped("%s", title.c_str());
    ImGui::PopStyleColor();
    nameLastItem((title + "###source:" + what).c_str());
}

// A new table row whose first cell is `id` in the monospace font (a parameter path, an alias).
void beginRowWithId(const UiLook& look, const std::string& id) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    pushMonoFont(look);
    ImGui::TextUnformatted(id.c_str());
    ImGui::PopFont();
}

void drawParameters(const Catalog& catalog, const Model& model, const UiLook& look) {
    if (!ImGui::BeginTable("params", 5, kTableFlags)) return;
    ImGui::TableSetupColumn("Parameter", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Allowed", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Default", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    for (const ParamSpec& spec : model.params) {
        beginRowWithId(look, spec.path);
        ImGui::TextColored(kColorMuted, "%s", valueTypeName(spec.type));
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", describeAllowed(spec).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", describeDefault(spec).c_str());
        ImGui::TableNextColumn();
        sourceText(catalog, spec.source, spec.path);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", spec.note.c_str());
    }
    ImGui::EndTable();
}

void drawAliases(const Catalog& catalog, const Model& model, const UiLook& look) {
    if (!ImGui::BeginTable("aliases", 4, kTableFlags)) return;
    ImGui::TableSetupColumn("Id", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Dialects", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Modes", ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn("Route", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    for (const Alias& alias : model.aliases) {
        beginRowWithId(look, alias.id);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(alias.dialects.empty() ? "all" : joinStrings(alias.dialects).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(alias.modes.empty() ? "all" : joinModes(alias.modes).c_str());
        ImGui::TableNextColumn();
        if (alias.routable) {
            sourceText(catalog, alias.source, alias.id);
        } else {
            ImGui::TextColored(kColorWarning, "refused: %s", alias.refusal.c_str());
        }
    }
    ImGui::EndTable();
}

void drawRules(const Catalog& catalog, const Model& model) {
    for (const RuleSpec& rule : model.rules) {
        ImGui::BulletText("%s", rule.kind.c_str());
        ImGui::SameLine();
        ImGui::TextColored(kColorMuted, "%s (%s)", describeRule(rule).c_str(), catalog.sourceTitle(rule.source).c_str());
    }
}

}  // namespace

void drawModelPanel(const AppState& state, const UiLook& look) {
    panelTitle("Model");
    if (!state.selected) {
        ImGui::TextColored(kColorMuted, "Select a model in the catalog.");
        return;
    }
    const Model& model = *state.selected;
    ImGui::BeginChild("model-scroll", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);  // the panel's background shows
    drawSummary(*state.catalog, model, look);
    ImGui::Spacing();
    drawParameters(*state.catalog, model, look);
    const std::string aliasesTitle = "Names (" + std::to_string(model.aliases.size()) + ")";
    if (ImGui::CollapsingHeader(aliasesTitle.c_str())) drawAliases(*state.catalog, model, look);
    if (!model.rules.empty()) {
        const std::string rulesTitle = "Cross-field rules (" + std::to_string(model.rules.size()) + ")";
        if (ImGui::CollapsingHeader(rulesTitle.c_str())) drawRules(*state.catalog, model);
    }
    ImGui::EndChild();
}

}  // namespace vg::app
