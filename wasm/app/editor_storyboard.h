// Kling multi-shot storyboard editor (TO BE WRITTEN)
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

struct StoryboardEditor {
};

// True when the selected model (and the request's mode) offers what this editor edits.
bool storyboardApplies(const AppState& state);
void drawStoryboardEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
