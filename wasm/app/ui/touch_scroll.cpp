#include "ui/touch_scroll.h"

#include "imgui_internal.h"  // ImGuiWindow: the window under a point, its scroll and its parent

#include <cfloat>

namespace vg::app {

namespace {

// Moves `window` and then the windows around it along `axis` until `movement` is used up or the
// outermost window is reached.
void scrollAlong(ImGuiWindow* window, ImGuiAxis axis, float movement) {
    for (; window && movement != 0.0f; window = window->ParentWindow) {
        const bool scrollable = !(window->Flags & ImGuiWindowFlags_NoScrollWithMouse) && window->ScrollMax[axis] > 0.0f;
        if (scrollable) {
            // A target set earlier this frame (two moves in one frame) is where the window already goes.
            const float from = window->ScrollTarget[axis] < FLT_MAX ? window->ScrollTarget[axis] : window->Scroll[axis];
            const float to = ImClamp(from - movement, 0.0f, window->ScrollMax[axis]);
            if (axis == ImGuiAxis_X) ImGui::SetScrollX(window, to);
            else ImGui::SetScrollY(window, to);
            movement -= from - to;
        }
        if (!(window->Flags & ImGuiWindowFlags_ChildWindow)) break;  // a popup does not scroll what opened it
    }
}

}  // namespace

void addTouchScroll(TouchScroll& scroll, ImVec2 at, ImVec2 movement) {
    scroll.at = at;
    scroll.pending.x += movement.x;
    scroll.pending.y += movement.y;
}

void applyTouchScroll(TouchScroll& scroll) {
    if (scroll.pending.x == 0.0f && scroll.pending.y == 0.0f) return;
    ImGuiWindow* under = nullptr;
    ImGui::FindHoveredWindowEx(scroll.at, true, &under, nullptr);
    scrollAlong(under, ImGuiAxis_X, scroll.pending.x);
    scrollAlong(under, ImGuiAxis_Y, scroll.pending.y);
    scroll.pending = ImVec2(0, 0);
}

}  // namespace vg::app
