// The window layout: a header bar (gateway, Generate, share link) over two columns. Left: the
// catalog over the request form (or the model's reference). Right: the request as JSON (or the wire
// preview) over the jobs with their videos (or the history). Proportions follow the window, so any
// size and zoom works. Below kSingleColumnBelowCss wide (a phone) or kTwoColumnsFromHeightCss high (a
// laptop at 200 % zoom) the same panels are one column, one page that scrolls, in the order a person
// works. Ctrl+Enter generates from anywhere in the canvas.
// The keyboard goes through the header and every panel in reading order (main.cpp: keyboard
// navigation).
#include "app_runtime.h"
#include "editors/editor_compare.h"
#include "panels/panels.h"
#include "ui/ui_widgets.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImGuiContext: the keyboard navigation's press, cancelled for Ctrl+Enter

#include <algorithm>
#include <string>

namespace vg::app {

namespace {

// Green, and disabled with the reason in a tooltip while the form blocks it. `label` ends in its ID.
void generateButton(AppState& state, const char* label, ImVec2 size = ImVec2(0, 0)) {
    const bool blocked = !state.formCheck.blocked.empty();
    ImGui::BeginDisabled(blocked);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.18f, 0.50f, 0.32f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.22f, 0.60f, 0.38f, 1.0f));
    if (ImGui::Button(label, size)) generate(state);
    ImGui::PopStyleColor(2);
    ImGui::EndDisabled();
    if (blocked && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Not yet: %s", state.formCheck.blocked.c_str());
}

// One line on a wide screen; on a narrow one what does not fit goes to the next line, so Generate
// stays on the screen (a phone has no Ctrl+Enter to offer).
void drawHeader(AppState& state, const UiLook& look, bool narrow) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kColorAccent, "VideoGen Playground");
    ImGui::SameLine(0, dp(look, 16));
    drawGatewayButton(state, look);
    const char* generateLabel = narrow ? "Generate###generate" : "Generate  (Ctrl+Enter)###generate";
    sameLineIfRoom(buttonWidth(generateLabel));
    generateButton(state, generateLabel);
    sameLineIfRoom(buttonWidth("Copy share link"));
    if (ImGui::Button("Copy share link")) copyShareLink(state);
    const bool blocked = !state.formCheck.blocked.empty();
    const std::string& note = blocked ? state.formCheck.blocked : !state.toast.empty() ? state.toast : state.shareNote;
    if (note.empty()) return;  // the line ends with the share button
    sameLineIfRoom(std::min(ImGui::CalcTextSize(note.c_str()).x, dp(look, 160)));
    ImGui::PushStyleColor(ImGuiCol_Text, blocked ? kColorError : !state.toast.empty() ? kColorValid : kColorMuted);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(note.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
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

// A bordered child holding a tab bar; each tab draws one panel. A height of 0 is the open tab's own
// height (ImGuiChildFlags_AutoResizeY): the page around it scrolls instead of the panel.
struct Tab {
    const char* label;
    void (*draw)(AppState&, const UiLook&);
};

void tabbedPanel(const char* id, ImVec2 size, AppState& state, const UiLook& look, std::initializer_list<Tab> tabs) {
    const ImGuiChildFlags fit = size.y == 0 ? ImGuiChildFlags_AutoResizeY : 0;
    ImGui::BeginChild(id, size, kPanelFlags | fit);
    if (ImGui::BeginTabBar(id)) {
        for (const Tab& tab : tabs) {
            const bool open = ImGui::BeginTabItem(tab.label);
            if (open) {
                // Inside the panel's own background (one colour): not painted twice.
                ImGui::BeginChild(tab.label, ImVec2(0, 0), ImGuiChildFlags_NavFlattened | fit,
                                  ImGuiWindowFlags_NoBackground);
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

void drawLeftTabs(AppState& state, const UiLook& look, ImVec2 size) {
    tabbedPanel("left-tabs", size, state, look,
                {{"Form", drawFormPanel}, {"Direct", drawCreativePanel}, {"Model reference", drawModelTab}});
}
void drawRequestTabs(AppState& state, const UiLook& look, ImVec2 size) {
    tabbedPanel("right-tabs", size, state, look, {{"Request JSON", drawRequestPanel}, {"Wire preview", drawWirePanel}});
}
void drawJobTabs(AppState& state, const UiLook& look, ImVec2 size) {
    tabbedPanel("job-tabs", size, state, look,
                {{"Jobs", drawJobsPanel}, {"Compare", drawComparePanel}, {"History", drawHistoryPanel}});
}

void drawTwoColumns(AppState& state, const UiLook& look) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 gap = ImGui::GetStyle().ItemSpacing;
    const float leftWidth = (area.x - gap.x) * 0.48f;
    const float rightWidth = area.x - gap.x - leftWidth;
    const float columnHeight = area.y - gap.y;
    const float catalogHeight = columnHeight * 0.34f;
    const float requestHeight = columnHeight * 0.40f;

    ImGui::BeginGroup();
    panel("catalog", ImVec2(leftWidth, catalogHeight), [&] { drawCatalogPanel(state, look); });
    drawLeftTabs(state, look, ImVec2(leftWidth, columnHeight - catalogHeight));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    drawRequestTabs(state, look, ImVec2(rightWidth, requestHeight));
    drawJobTabs(state, look, ImVec2(rightWidth, columnHeight - requestHeight));
    ImGui::EndGroup();
}

// One page that scrolls, in the order a person works: the model, the form and a Generate after it,
// the result, the request. The form is as tall as its fields; the panels with a list or a video of
// their own take most of a screen, so each is whole on the screen once scrolled to.
void drawOneColumn(AppState& state, const UiLook& look) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float screen = ImGui::GetMainViewport()->Size.y;
    panel("catalog", ImVec2(width, screen * 0.55f), [&] { drawCatalogPanel(state, look); });
    drawLeftTabs(state, look, ImVec2(width, 0));
    generateButton(state, "Generate###generate-after-form", ImVec2(width, 0));
    drawJobTabs(state, look, ImVec2(width, screen * 0.85f));
    drawRequestTabs(state, look, ImVec2(width, screen * 0.8f));
}

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
    // One column scrolls as a page: with a scrollbar where a mouse may want one (a finger drags the
    // page itself, and a phone has no width to spare for it).
    const bool oneColumn = oneColumnLayout(look);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                                   (oneColumn && !look.fingerSized ? 0 : ImGuiWindowFlags_NoScrollbar);
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
    const bool narrow = singleColumn(look);
    drawHeader(state, look, narrow);
    if (oneColumn) {
        drawOneColumn(state, look);
    } else {
        drawTwoColumns(state, look);
    }
    drawRetryQuestion(state, look);
    ImGui::End();
}

}  // namespace vg::app
