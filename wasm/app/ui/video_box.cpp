#include "ui/video_box.h"

#include "framing.h"
#include "platform/platform_web.h"
#include "ui/page_overlay.h"

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
    ImGui::GetWindowDrawList()->AddRectFilled(min, max, IM_COL32(0, 0, 0, 255));
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    if (url.empty() && !stored) return;
    const PagePlace place = pagePlace(look, min, max);
    web::placeVideo(key, url, place.rect, place.visible, loop, sound);
}

}  // namespace vg::app
