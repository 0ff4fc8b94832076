// Scrolling by touch: a finger moving over the playground moves what lies under it by exactly as
// far (web/touch.js decides that a touch is a scroll). ImGui's wheel moves a window by notches of
// five lines, which cannot follow a finger; this moves the window's scroll itself. The innermost
// window under the finger that can still move that way takes the movement, and what it cannot take
// goes on to the window around it (a list at its end scrolls the page), as nested scrolling does
// on a phone.
#pragma once

#include "imgui.h"

namespace vg::app {

// The movement not yet applied, and where the finger was.
struct TouchScroll {
    ImVec2 at;             // physical pixels within the canvas
    ImVec2 pending{0, 0};  // how far the content follows the finger (+y: down)
};

void addTouchScroll(TouchScroll& scroll, ImVec2 at, ImVec2 movement);

// Call after ImGui::NewFrame, before the windows are drawn: their scroll takes the movement this frame.
void applyTouchScroll(TouchScroll& scroll);

}  // namespace vg::app
