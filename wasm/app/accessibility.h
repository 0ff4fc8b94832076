// The accessible mirror of the playground's main flow. A screen reader sees the canvas as one
// picture; beside it the page keeps plain HTML controls (web/accessibility.js draws them from this
// description) for the same flow: the model, the form's fields, Generate, the jobs' states and their
// result videos. What a person does there comes back as an action and goes through the same state
// functions the panels call, so the canvas and the mirror always show one request.
#pragma once

#include "app_state.h"

#include <string>

namespace vg::app {

// The mirror's description as JSON text (web/accessibility.js documents its shape). The page is
// handed it again whenever it changes (main.cpp).
std::string mirrorJson(const AppState& state);

// An action taken in the mirror, {"type": "mirror", "action": ...} (web/accessibility.js):
//   "model"     {"id"}: selects that catalog model
//   "set"       {"path", "value"}: sets the canonical member `path` to the JSON value; null unsets it
//   "generate"  Generate, as the header's button
// Anything else (an unknown model, a path the model does not take) changes nothing.
void mirrorAction(AppState& state, const json& event);

}  // namespace vg::app
