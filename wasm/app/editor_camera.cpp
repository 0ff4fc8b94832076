// Kling camera control editor (TO BE WRITTEN)
#include "editor_camera.h"

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

bool cameraEditorApplies(const AppState&) { return false; }
void drawCameraEditor(AppState&, const UiLook&) {}

}  // namespace vg::app
