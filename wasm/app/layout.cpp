// The window layout: a header bar over two columns, catalog and model on the left, request and
// wire preview on the right. Proportions follow the window, so any size and zoom works.
#include "panels.h"

#include "imgui.h"

#include <iterator>
#include <string>

namespace vg::app {

namespace {

void drawHeader(const AppState& state, const UiLook& look) {
    ImGui::TextColored(kColorAccent, "VideoGen Playground");
    ImGui::SameLine();
    ImGui::TextColored(kColorMuted, "browse models, write a request, see what each gateway receives");
    const std::string count = std::to_string(state.catalog->models.size()) + " models, " +
                              std::to_string(std::size(kAllDialects)) + " dialects";
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(count.c_str()).x);
    ImGui::TextColored(kColorMuted, "%s", count.c_str());
    ImGui::Dummy(ImVec2(0, dp(look, 2)));
}

// A bordered child that fills `size`; the panel draws inside it.
template <typename Draw>
void panel(const char* id, ImVec2 size, Draw draw) {
    ImGui::BeginChild(id, size, true);
    draw();
    ImGui::EndChild();
}

}  // namespace

void drawPlayground(AppState& state, const UiLook& look) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
    ImGui::Begin("VideoGen Playground", nullptr, flags);
    drawHeader(state, look);

    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 gap = ImGui::GetStyle().ItemSpacing;
    const float leftWidth = (area.x - gap.x) * 0.52f;
    const float rightWidth = area.x - gap.x - leftWidth;
    const float columnHeight = area.y - gap.y;
    const float catalogHeight = columnHeight * 0.5f;
    const float requestHeight = columnHeight * 0.56f;  // the editor and its diagnostics need the room

    ImGui::BeginGroup();
    panel("catalog", ImVec2(leftWidth, catalogHeight), [&] { drawCatalogPanel(state, look); });
    panel("model", ImVec2(leftWidth, columnHeight - catalogHeight), [&] { drawModelPanel(state, look); });
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    panel("request", ImVec2(rightWidth, requestHeight), [&] { drawRequestPanel(state, look); });
    panel("wire", ImVec2(rightWidth, columnHeight - requestHeight), [&] { drawWirePanel(state, look); });
    ImGui::EndGroup();
    ImGui::End();
}

}  // namespace vg::app
