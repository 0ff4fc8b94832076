// The request's input images as GL textures: thumbnails in the form, and the pictures the camera,
// motion-brush, transition and framing previews draw on. An image is loaded (by the browser, off
// the frame) the first time a panel asks for the value at a canonical path, and again whenever that
// value changes; panels only ever read what is loaded.
#pragma once

#include "app_state.h"

#include <string>

namespace vg::app {

// The image for the media value at `canonicalPath` ("/image", "/lastFrame", "/references/0/url"):
// nullptr when there is no string value there. While the browser decodes it `loading` is true and
// `texture` 0; when it cannot be shown, `problem` says why. Raw base64 (Kling's form) is shown too.
const InputImage* inputImage(AppState& state, const std::string& canonicalPath);

// The page's answer to a load: {"type":"image","token":"<load>:<path>","texture":n,"width":w,"height":h}
// or {..., "problem": "..."}. An answer for a value no longer at its path is dropped (its texture freed).
void inputImageLoaded(AppState& state, const json& event);

}  // namespace vg::app
