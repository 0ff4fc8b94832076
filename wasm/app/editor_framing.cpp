// Framing: Veo resizeMode preview and placement presets (TO BE WRITTEN)
#include "editor_framing.h"

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

bool framingApplies(const AppState&) { return false; }
void drawFramingEditor(AppState&, const UiLook&) {}

}  // namespace vg::app
