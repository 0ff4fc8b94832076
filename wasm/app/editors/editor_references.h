// Reference-to-video editor (the Direct tab's "References" section): the images or clips of the
// people and characters the video keeps, in order, each with the tag the prompt names it by
// (character1, character2 ..., as seed 000 advises) and a button that inserts that tag at the
// prompt's cursor. Add, remove and reorder work on the request's /references array itself; the
// editor keeps no state of its own. Shown for every model that offers the mode: in another mode,
// adding the first reference switches the request to it.
#pragma once

namespace vg::app {

struct AppState;
struct UiLook;

// The model offers reference-to-video (the mode and a /references parameter in the catalog).
bool referencesEditorApplies(const AppState& state);
void drawReferencesEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
