// Kling motion brush editor (TO BE WRITTEN)
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

struct MotionBrushEditor {
};

// True when the selected model (and the request's mode) offers what this editor edits.
bool motionBrushApplies(const AppState& state);
void drawMotionBrushEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
