#include "ui/ui_widgets.h"

#include "imgui.h"
#include "imgui_internal.h"  // ItemAdd
#include "platform/test_hooks.h"

namespace vg::app {

void panelTitle(const char* title, const char* note) {
    ImGui::TextColored(kColorAccent, "%s", title);
    if (note) {
        ImGui::SameLine();
        ImGui::TextColored(kColorMuted, "%s", note);
    }
}

void groupHeading(const char* title) {
    ImGui::Spacing();
    ImGui::TextColored(kColorMuted, "%s", title);
    ImGui::Separator();
}

void sameLineIfRoom(float nextWidth) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < nextWidth) ImGui::NewLine();
}

float buttonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

bool inlineButton(const char* label, const UiLook& look) {
    return look.fingerSized ? ImGui::Button(label) : ImGui::SmallButton(label);
}

WideTable wideTable(const UiLook& look) {
    if (!singleColumn(look)) return {};
    return {ImGuiTableFlags_ScrollX, dp(look, kSingleColumnBelowCss)};
}

void mutedText(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void nameLastItem(const char* strId) {
    ImGuiContext& g = *GImGui;
    const ImGuiID id = ImGui::GetID(strId);
    ImGui::ItemAdd(g.LastItemData.Rect, id, nullptr, ImGuiItemFlags_NoNav);
    // Not IMGUI_TEST_ENGINE_ITEM_INFO: this file is compiled once for both builds, without the hooks.
    test_hooks::itemInfo(id, strId, g.LastItemData.StatusFlags);
}

void fieldDiagnostics(const AppState& state, const std::string& path) {
    for (const DiagnosticRow& row : state.formCheck.rows) {
        const bool here = row.path == path || row.path.rfind(path + "/", 0) == 0;
        if (!here) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, row.error ? kColorError : kColorWarning);
        ImGui::TextWrapped("%s", row.message.c_str());
        ImGui::PopStyleColor();
    }
}

void diagnosticTable(const char* id, const std::vector<DiagnosticRow>& rows, const UiLook& look, float height) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, 4, flags, ImVec2(0.0f, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Severity", ImGuiTableColumnFlags_WidthFixed, dp(look, 64));
    ImGui::TableSetupColumn("Path", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Message", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableHeadersRow();
    for (const DiagnosticRow& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(row.error ? kColorError : kColorWarning, "%s", row.error ? "error" : "warning");
        ImGui::TableNextColumn();
        pushMonoFont(look);
        ImGui::TextUnformatted(row.path.empty() ? "(document)" : row.path.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.code.c_str());
        ImGui::PopFont();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.message.c_str());
    }
    ImGui::EndTable();
}

bool dialectCombo(const char* label, std::optional<Dialect>& value, const char* autoLabel) {
    bool changed = false;
    const char* preview = value ? dialectName(*value) : autoLabel;
    if (ImGui::BeginCombo(label, preview)) {
        if (autoLabel && ImGui::Selectable(autoLabel, !value)) {
            value.reset();
            changed = true;
        }
        for (Dialect dialect : kAllDialects) {
            if (ImGui::Selectable(dialectName(dialect), value == dialect) && value != dialect) {
                value = dialect;
                changed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", dialectDescription(dialect));
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool dialectCombo(const char* label, Dialect& value) {
    std::optional<Dialect> choice = value;
    const bool changed = dialectCombo(label, choice, nullptr);
    value = *choice;
    return changed;
}

}  // namespace vg::app
