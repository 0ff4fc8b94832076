#include "ui/page_overlay.h"

#include "imgui_internal.h"  // ImGuiContext::Windows, ImGuiWindow: where this frame's tooltips and popups are

#include <algorithm>

namespace vg::app {

PagePlace pagePlace(const UiLook& look, ImVec2 min, ImVec2 max) {
    // platform_web.h takes CSS pixels; ImGui draws in physical ones.
    const ImDrawList* drawList = ImGui::GetWindowDrawList();
    const ImVec2 clipMin = drawList->GetClipRectMin(), clipMax = drawList->GetClipRectMax();
    const float r = look.pixelRatio;
    const float vx = std::max(min.x, clipMin.x), vy = std::max(min.y, clipMin.y);
    return {{min.x / r, min.y / r, (max.x - min.x) / r, (max.y - min.y) / r},
            {vx / r, vy / r, std::max(0.0f, std::min(max.x, clipMax.x) - vx) / r, std::max(0.0f, std::min(max.y, clipMax.y) - vy) / r}};
}

std::vector<web::PageRect> canvasCovers(const UiLook& look) {
    std::vector<web::PageRect> covers;
    const float r = look.pixelRatio;
    for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
        // Active: begun this frame; Hidden: a tooltip's or popup's first frame, measured but not drawn.
        if (!window->Active || window->Hidden || !(window->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup))) continue;
        covers.push_back({window->Pos.x / r, window->Pos.y / r, window->Size.x / r, window->Size.y / r});
    }
    return covers;
}

}  // namespace vg::app
