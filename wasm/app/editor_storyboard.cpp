// Kling multi-shot storyboard editor (TO BE WRITTEN)
#include "editor_storyboard.h"

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

bool storyboardApplies(const AppState&) { return false; }
void drawStoryboardEditor(AppState&, const UiLook&) {}

}  // namespace vg::app
