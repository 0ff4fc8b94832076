// Compare: one request, up to 4 models (TO BE WRITTEN)
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

struct CompareBoard {
};

// True when the selected model (and the request's mode) offers what this editor edits.
bool compareApplies(const AppState& state);
void drawComparePanel(AppState& state, const UiLook& look);

}  // namespace vg::app
