// Framing: Veo resizeMode preview and placement presets (TO BE WRITTEN)
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

struct FramingEditor {
};

// True when the selected model (and the request's mode) offers what this editor edits.
bool framingApplies(const AppState& state);
void drawFramingEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
