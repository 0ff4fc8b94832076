// Kling voices and elements editors (TO BE WRITTEN)
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

struct VoicesEditor {
};

// True when the selected model (and the request's mode) offers what this editor edits.
bool voicesEditorApplies(const AppState& state);
void drawVoicesEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
