// Prompt help from seed 003 (TO BE WRITTEN)
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

struct PromptHelper {
};

// True when the selected model (and the request's mode) offers what this editor edits.
bool promptHelpApplies(const AppState& state);
void drawPromptHelp(AppState& state, const UiLook& look);

}  // namespace vg::app
