// Direct panel: the creative editors for the selected model, each in its own collapsing section, in
// the order a person directs a shot: the words (prompt help), the pictures it starts from, how the
// camera moves, what moves in the picture, the shots, the voices, and where the video will be shown.
// A section appears only when the model (in the request's mode) offers what it edits; the others
// are named at the end, so a person knows which model to pick for them.
#include "panels/panels.h"

#include "editors/editor_camera.h"
#include "editors/editor_framing.h"
#include "editors/editor_frames.h"
#include "editors/editor_motion_brush.h"
#include "editors/editor_prompt.h"
#include "editors/editor_references.h"
#include "editors/editor_storyboard.h"
#include "editors/editor_voices.h"
#include "ui/ui_widgets.h"

#include "imgui.h"

#include <string>

namespace vg::app {

namespace {

struct Section {
    const char* title;
    bool (*applies)(const AppState&);
    void (*draw)(AppState&, const UiLook&);
};

constexpr Section kSections[] = {
    {"Prompt help", promptHelpApplies, drawPromptHelp},
    {"Frames", framesEditorApplies, drawFramesEditor},
    {"References", referencesEditorApplies, drawReferencesEditor},
    {"Camera control", cameraEditorApplies, drawCameraEditor},
    {"Motion brush", motionBrushApplies, drawMotionBrushEditor},
    {"Multi-shot storyboard", storyboardApplies, drawStoryboardEditor},
    {"Voices and elements", voicesEditorApplies, drawVoicesEditor},
    {"Framing", framingApplies, drawFramingEditor},
};

}  // namespace

void drawCreativePanel(AppState& state, const UiLook& look) {
    if (!state.selected) {
        ImGui::TextColored(kColorMuted, "Select a model in the catalog first.");
        return;
    }
    std::string unavailable;
    for (const Section& section : kSections) {
        if (!section.applies(state)) {
            unavailable += (unavailable.empty() ? "" : ", ") + std::string(section.title);
            continue;
        }
        const bool open = ImGui::CollapsingHeader(section.title, ImGuiTreeNodeFlags_DefaultOpen);
        if (!open) continue;
        ImGui::PushID(section.title);
        ImGui::Indent(dp(look, 6));
        section.draw(state, look);
        ImGui::Unindent(dp(look, 6));
        ImGui::PopID();
        ImGui::Spacing();
    }
    if (!unavailable.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
        ImGui::TextWrapped("Not offered by %s in this mode: %s.", state.selected->name.c_str(), unavailable.c_str());
        ImGui::PopStyleColor();
        nameLastItem("direct:unavailable");
    }
}

}  // namespace vg::app
