// Where the page elements that lie above the canvas go (result <video>s, free-text <textarea>s):
// over the ImGui item they stand for, cut to what its window shows and around what ImGui drew over
// the panels, so a tooltip or a menu over them reads as it does anywhere else.
#pragma once

#include "platform/platform_web.h"
#include "ui/ui_style.h"

#include "imgui.h"

#include <vector>

namespace vg::app {

// An item's rectangle and the part of it the current window shows (its clip rectangle), in CSS pixels.
struct PagePlace {
    web::PageRect rect, visible;
};
// For the item from `min` to `max` (ImGui's physical pixels), drawn in the current window.
PagePlace pagePlace(const UiLook& look, ImVec2 min, ImVec2 max);

// This frame's tooltips and popups (menus, combo lists), in CSS pixels. Call after ImGui::Render().
std::vector<web::PageRect> canvasCovers(const UiLook& look);

}  // namespace vg::app
