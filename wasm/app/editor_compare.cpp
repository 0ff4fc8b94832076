// Compare: one request, up to 4 models (TO BE WRITTEN)
#include "editor_compare.h"

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

bool compareApplies(const AppState&) { return false; }
void drawComparePanel(AppState&, const UiLook&) {}

}  // namespace vg::app
