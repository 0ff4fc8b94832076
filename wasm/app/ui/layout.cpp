// The window layout: a header bar (gateway, Generate, share link) over two columns. Left: the
// catalog over the request form (or the model's reference). Right: the request as JSON (or the wire
// preview) over the jobs with their videos (or the history). Proportions follow the window, so any
// size and zoom works. Ctrl+Enter generates from anywhere in the canvas. The keyboard goes through
// the header and every panel in reading order (main.cpp: keyboard navigation).
#include "app_runtime.h"
#include "editors/editor_compare.h"
#include "panels/panels.h"
#include "ui/ui_widgets.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImGuiContext: the keyboard navigation's press, cancelled for Ctrl+Enter


namespace vg::app {

namespace {

void drawHeader(AppState& state, const UiLook& look) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kColorAccent, "VideoGen Playground");
    ImGui::SameLine(0, dp(look, 16));
    drawGatewayButton(state, look);
    ImGui::SameLine();
    const bool blocked = !state.formCheck.blocked.empty();
    ImGui::BeginDisabled(blocked);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.18f, 0.50f, 0.32f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.22f, 0.60f, 0.38f, 1.0f));
    if (ImGui::Button("Generate  (Ctrl+Enter)")) generate(state);
    ImGui::PopStyleColor(2);
    ImGui::EndDisabled();
    if (blocked && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Not yet: %s", state.formCheck.blocked.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Copy share link")) copyShareLink(state);
    ImGui::SameLine();
    if (blocked) {
        ImGui::TextColored(kColorError, "%s", state.formCheck.blocked.c_str());
    } else if (!state.toast.empty()) {
        ImGui::TextColored(kColorValid, "%s", state.toast.c_str());
    } else {
        ImGui::TextColored(kColorMuted, "%s", state.shareNote.c_str());  // also ends the header's line
    }
}

// Panels are one keyboard order with the header: Tab goes from the last control of one panel to the
// first of the next, as on a web page, instead of stopping at the panel's edge.
constexpr ImGuiChildFlags kPanelFlags = ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened;

// A bordered child that fills `size`; the panel draws inside it.
template <typename Draw>
void panel(const char* id, ImVec2 size, Draw draw) {
    ImGui::BeginChild(id, size, kPanelFlags);
    draw();
    ImGui::EndChild();
}

// A bordered child holding a tab bar; each tab draws one panel.
struct Tab {
    const char* label;
    void (*draw)(AppState&, const UiLook&);
};

void tabbedPanel(const char* id, ImVec2 size, AppState& state, const UiLook& look, std::initializer_list<Tab> tabs) {
    ImGui::BeginChild(id, size, kPanelFlags);
    if (ImGui::BeginTabBar(id)) {
        for (const Tab& tab : tabs) {
            const bool open = ImGui::BeginTabItem(tab.label);
            if (open) {
                // Inside the panel's own background (one colour): not painted twice.
                ImGui::BeginChild(tab.label, ImVec2(0, 0), ImGuiChildFlags_NavFlattened, ImGuiWindowFlags_NoBackground);
                tab.draw(state, look);
                ImGui::EndChild();
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void drawModelTab(AppState& state, const UiLook& look) { drawModelPanel(state, look); }

}  // namespace

void drawPlayground(AppState& state, const UiLook& look) {
    // The theater view is the whole screen: nothing else is drawn under it, so no other <video>
    // (they draw above the canvas) shows through.
    if (drawTheater(state, look)) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    // No background: main.cpp clears the canvas in the window's own colour, and painting the
    // whole screen twice costs software GL several milliseconds a frame.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBackground;
    ImGui::Begin("VideoGen Playground", nullptr, flags);
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && (ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                       ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))) {
        generate(state);
        // Enter also presses the control the keyboard is on, Ctrl or not (ImGui's navigation): on
        // Generate itself that would be a second job, on another button an action nobody asked for.
        ImGuiContext& g = *ImGui::GetCurrentContext();
        g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = 0;
    }
    drawHeader(state, look);

    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 gap = ImGui::GetStyle().ItemSpacing;
    const float leftWidth = (area.x - gap.x) * 0.48f;
    const float rightWidth = area.x - gap.x - leftWidth;
    const float columnHeight = area.y - gap.y;
    const float catalogHeight = columnHeight * 0.34f;
    const float requestHeight = columnHeight * 0.40f;

    ImGui::BeginGroup();
    panel("catalog", ImVec2(leftWidth, catalogHeight), [&] { drawCatalogPanel(state, look); });
    tabbedPanel("left-tabs", ImVec2(leftWidth, columnHeight - catalogHeight), state, look,
                {{"Form", drawFormPanel}, {"Direct", drawCreativePanel}, {"Model reference", drawModelTab}});
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    tabbedPanel("right-tabs", ImVec2(rightWidth, requestHeight), state, look,
                {{"Request JSON", drawRequestPanel}, {"Wire preview", drawWirePanel}});
    tabbedPanel("job-tabs", ImVec2(rightWidth, columnHeight - requestHeight), state, look,
                {{"Jobs", drawJobsPanel}, {"Compare", drawComparePanel}, {"History", drawHistoryPanel}});
    ImGui::EndGroup();
    drawRetryQuestion(state, look);
    ImGui::End();
}

}  // namespace vg::app
