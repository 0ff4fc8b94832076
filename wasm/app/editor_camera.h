// Kling camera control editor (TO BE WRITTEN)
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

struct CameraEditor {
};

// True when the selected model (and the request's mode) offers what this editor edits.
bool cameraEditorApplies(const AppState& state);
void drawCameraEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
