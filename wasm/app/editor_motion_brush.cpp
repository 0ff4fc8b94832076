// Kling motion brush editor (TO BE WRITTEN)
#include "editor_motion_brush.h"

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

bool motionBrushApplies(const AppState&) { return false; }
void drawMotionBrushEditor(AppState&, const UiLook&) {}

}  // namespace vg::app
