// Request panel: the request as JSON in the editor's dialect (the form's twin: both show
// state.session), the dialect it is read as, and the core's diagnostics for the text.
// Validation runs on edits only, never per frame.
#include "panels/panels.h"
#include "ui/ui_widgets.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <string>

namespace vg::app {

namespace {

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
    syncEditorText(state, ImGui::GetTime());
    ImGui::SetNextItemWidth(dp(look, 160));
    if (dialectCombo("##dialect", state.inputDialect, "Detect dialect")) {
        // Written again in the chosen dialect (a detected one stays as written).
        if (state.inputDialect) formChanged(state); else requestChanged(state);
    }
    if (state.selected) {
        ImGui::SameLine();
        if (ImGui::Button("Example")) resetExample(state, requestMode(state));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Replace the request with this model's example for the mode");
    }
    ImGui::SameLine();
    drawVerdict(state.validation);
    if (!state.editorNote.empty()) ImGui::TextColored(kColorWarning, "%s", state.editorNote.c_str());

    const float editorHeight = ImGui::GetContentRegionAvail().y * 0.62f;
    pushMonoFont(look);
    const bool edited = ImGui::InputTextMultiline("##request", &state.requestText, ImVec2(-1.0f, editorHeight),
                                                  ImGuiInputTextFlags_AllowTabInput);
    ImGui::PopFont();
    if (edited) {
        state.jsonDrafts.clear();  // the form's half-typed JSON fields give way to the editor's text
        requestChanged(state);
    }

    if (state.validation.rows.empty()) {
        ImGui::TextColored(kColorMuted, "No diagnostics.");
    } else {
        diagnosticTable("diagnostics", state.validation.rows, look);
    }
}

}  // namespace vg::app
