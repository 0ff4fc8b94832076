// Kling multi-shot storyboard editor (seed 001, Kling v3.0+): one video told as several shots, each
// with its own prompt and whole-second duration, reordered with buttons or by dragging a shot's
// handle. The shots live in the request (providerOptions.klingai.multiPrompt, with multiShot and
// shotType); the editor reads them from there every frame, so the JSON editor and the storyboard
// never disagree. Durations must add up to the video's duration: the editor shows the sum against
// it and offers to fit the shots (vg::balanceShotDurations) or the video to the other.
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

// Nothing to keep beyond the request: the shots are read from it each frame and a drag carries
// the dragged shot's index in ImGui's payload.
struct StoryboardEditor {};

// True when the selected model has the multiPrompt provider option (and the catalog does not refuse it).
bool storyboardApplies(const AppState& state);
void drawStoryboardEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
