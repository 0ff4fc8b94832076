// Framing editor (Direct tab): where the video will be shown and how the input image fits its frame.
// Placement presets (seed 003: 9:16 for Reels / Stories / TikTok, 1:1 for feed, 16:9 for in-stream /
// YouTube) set the request's aspect ratio, or its size for models that take sizes, to a value the
// model's spec allows; the pad/crop choice writes the provider's resizeMode (Veo, seed 001); a shader
// preview shows the image in the frame as that mode places it, with the placement's safe area.
// The rules (which parameter sets the frame, which value a preset maps to, the rectangles) are the
// core's (framing.h); this file draws and calls.
#pragma once

#include "gfx/gl_preview.h"

#include <string>

namespace vg::app {

struct AppState;
struct UiLook;

struct FramingEditor {
    // The placement preset last clicked ("reels"); "" = none. Its safe area is drawn while the
    // frame still has that preset's shape (a ratio changed in the form hides it).
    std::string placement;
    PreviewTarget preview;     // shaders/framing.frag's rendering of the frame
    std::string renderedKey;   // what `preview` holds (image, size, rectangles); redrawn when it differs
};

// True when the selected model, in the request's mode, has a parameter that sets the frame's shape
// (an aspect ratio, or sizes like "1280x720"); the pad/crop part also needs the provider's
// resizeMode in that mode.
bool framingApplies(const AppState& state);
void drawFramingEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
