// Request panel: the JSON editor (prefilled with the selected model's example), the dialect it is
// read as, and the core's diagnostics. Validation runs on edits only, never per frame.
#include "panels.h"
#include "ui_widgets.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <string>

namespace vg::app {

namespace {

bool exampleModeCombo(const Model& model, Mode& mode) {
    bool changed = false;
    if (ImGui::BeginCombo("##example-mode", modeTitle(mode))) {
        for (Mode candidate : model.modes) {
            if (ImGui::Selectable(modeTitle(candidate), mode == candidate) && mode != candidate) {
                mode = candidate;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

void drawVerdict(const Validation& validation) {
    if (validation.exitCode == 2) {
        ImGui::TextColored(kColorError, "unreadable");
    } else if (validation.errors > 0) {
        ImGui::TextColored(kColorError, "%d error%s, %d warning%s", validation.errors, validation.errors == 1 ? "" : "s",
                           validation.warnings, validation.warnings == 1 ? "" : "s");
    } else {
        ImGui::TextColored(kColorValid, "valid");
        if (validation.warnings > 0) {
            ImGui::SameLine();
            ImGui::TextColored(kColorWarning, "%d warning%s", validation.warnings, validation.warnings == 1 ? "" : "s");
        }
    }
    if (!validation.dialect.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kColorMuted, "as %s", validation.dialect.c_str());
    }
}

}  // namespace

void drawRequestPanel(AppState& state, const UiLook& look) {
    panelTitle("Request", state.selected ? state.selected->id.c_str() : nullptr);

    ImGui::SetNextItemWidth(dp(look, 160));
    if (dialectCombo("##dialect", state.inputDialect, "Detect dialect")) requestChanged(state);
    if (state.selected) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(dp(look, 140));
        if (exampleModeCombo(*state.selected, state.exampleMode)) resetExample(state);
        ImGui::SameLine();
        if (ImGui::Button("Example")) resetExample(state);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Replace the editor's text with this model's example for the mode");
    }
    ImGui::SameLine();
    drawVerdict(state.validation);
    if (!state.exampleNote.empty()) ImGui::TextColored(kColorWarning, "%s", state.exampleNote.c_str());

    const float editorHeight = ImGui::GetContentRegionAvail().y * 0.62f;
    ImGui::PushFont(look.mono);
    const bool edited = ImGui::InputTextMultiline("##request", &state.requestText, ImVec2(-1.0f, editorHeight),
                                                  ImGuiInputTextFlags_AllowTabInput);
    ImGui::PopFont();
    recordItemRect(state, look, "editor");
    if (edited) requestChanged(state);

    if (state.validation.rows.empty()) {
        ImGui::TextColored(kColorMuted, "No diagnostics.");
    } else {
        diagnosticTable("diagnostics", state.validation.rows, look);
    }
}

}  // namespace vg::app
