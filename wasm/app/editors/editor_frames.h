// First-and-last-frame editor (the Direct tab's "Frames" section): the two images a first-and-last-
// frame request starts and ends on, side by side, a Swap button, and a live preview of the
// transition (shaders/transition.frag) with a time slider and a play toggle. Shown for every model
// that offers the mode: in another mode, giving both frames switches the request to it (a button
// could not: the AI SDK form has no mode field, so a first-and-last-frame request without its last
// frame reads back as image-to-video).
#pragma once

#include "gfx/gl_preview.h"

namespace vg::app {

struct AppState;
struct UiLook;

struct FramesEditor {
    float time = 0.0f;       // the preview's position through the video: 0 = first frame, 1 = last
    bool playing = false;    // time runs over the request's duration and starts again at the end
    PreviewTarget preview;   // transition.frag's picture

    // What `preview` was drawn from, so it is drawn again only when one of these changes.
    struct Drawn {
        int firstLoad = 0, lastLoad = 0;  // InputImage::load of each frame; 0 = none shown
        float time = -1.0f;
        double aspect = 0;
        int width = 0, height = 0;
        bool operator==(const Drawn&) const = default;
    };
    Drawn drawn;
};

// The model offers first-and-last frame (the mode and a /lastFrame parameter in the catalog).
bool framesEditorApplies(const AppState& state);
void drawFramesEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
