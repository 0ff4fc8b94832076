// Media inputs: the form's widget for an image, video or audio field, and the Direct tab's editors
// for first-and-last frame, references and the source video (TO BE COMPLETED).
#pragma once

#include "catalog.h"

#include <string>

namespace vg::app {

struct AppState;
struct UiLook;

struct MediaEditor {
};

// The form's widget for the media field at `canonicalPath`: a URL or a file, with a thumbnail.
void mediaInput(AppState& state, const UiLook& look, const std::string& canonicalPath, ValueType type);

}  // namespace vg::app
