// Kling voices and elements editors (TO BE WRITTEN)
#include "editor_voices.h"

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

bool voicesEditorApplies(const AppState&) { return false; }
void drawVoicesEditor(AppState&, const UiLook&) {}

}  // namespace vg::app
