#include "ui/video_box.h"

#include "framing.h"
#include "platform/platform_web.h"

#include "imgui_internal.h"  // ImGuiContext::Windows, ImGuiWindow: where this frame's tooltips are

#include <algorithm>

namespace vg::app {

float requestAspect(const nlohmann::json& request) {
    if (!request.is_object()) return 16.0f / 9.0f;
    for (const char* member : {"aspectRatio", "resolution"}) {
        const auto found = request.find(member);
        if (found == request.end() || !found->is_string()) continue;
        if (std::optional<double> aspect = parseAspectRatio(found->get<std::string>())) return static_cast<float>(*aspect);
    }
    return 16.0f / 9.0f;
}

void videoBox(const UiLook& look, const std::string& key, const std::string& url, bool stored, bool loop, bool sound, ImVec2 size) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* drawList = ImGui::GetWindowDrawList();
    drawList->AddRectFilled(min, max, IM_COL32(0, 0, 0, 255));
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    if (url.empty() && !stored) return;
    // platform_web.h takes CSS pixels; ImGui draws in physical ones.
    const ImVec2 clipMin = drawList->GetClipRectMin(), clipMax = drawList->GetClipRectMax();
    const float r = look.pixelRatio;
    const float vx = std::max(min.x, clipMin.x), vy = std::max(min.y, clipMin.y);
    const web::PageRect rect{min.x / r, min.y / r, (max.x - min.x) / r, (max.y - min.y) / r};
    const web::PageRect visible{vx / r, vy / r, std::max(0.0f, std::min(max.x, clipMax.x) - vx) / r,
                                std::max(0.0f, std::min(max.y, clipMax.y) - vy) / r};
    web::placeVideo(key, url, rect, visible, loop, sound);
}

std::vector<web::PageRect> videoCovers(const UiLook& look) {
    std::vector<web::PageRect> covers;
    const float r = look.pixelRatio;
    for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
        // Active: begun this frame; Hidden: a tooltip's first frame, measured but not drawn.
        if (!window->Active || window->Hidden || !(window->Flags & ImGuiWindowFlags_Tooltip)) continue;
        covers.push_back({window->Pos.x / r, window->Pos.y / r, window->Size.x / r, window->Size.y / r});
    }
    return covers;
}

}  // namespace vg::app
