// Prompt help from seed 003 (TO BE WRITTEN)
#include "editor_prompt.h"

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

bool promptHelpApplies(const AppState&) { return false; }
void drawPromptHelp(AppState&, const UiLook&) {}

}  // namespace vg::app
