// Kling camera control editor (the Direct tab's "Camera control" section): the move's type from the
// catalog's list, the six axes of a "simple" move as sliders that keep seed 001's "only one non-zero
// axis" rule, and a live preview of the move drawn by shaders/camera_move.frag on the input image
// (or on a grid when there is none: text-to-video). The move itself lives in the request
// (providerOptions.klingai.cameraControl); this struct holds only what the request cannot.
#pragma once

#include "gfx/gl_preview.h"

#include <array>

namespace vg::app {

struct AppState;
struct UiLook;

struct CameraEditor {
    // The last simple move's axes (by vg::CameraAxis), so going to a preset and back to "simple"
    // gives the person's move back instead of an empty one. All 0 until an axis is set.
    std::array<double, 6> simpleAxes{};
    double time = 0;        // the preview's position in the clip, 0 (start) to 1 (end); starts at 0
    bool playing = false;   // the preview plays, asking for frames only while it does; starts paused
    bool loop = true;       // at the end, playing starts over (false: it stops at the end)
    PreviewTarget preview;  // the shader's output, sized to the preview in physical pixels
    // What `preview` shows: it is drawn again only when this changes (a canvas frame that draws a
    // texture anew is never skipped as a repeat: imgui_renderer.h).
    struct Drawn {
        int imageLoad = 0;  // InputImage::load of the image shown; 0 = the stand-in scene
        std::array<float, 9> camera{};
        double aspect = 0;
        int width = 0, height = 0;
        bool operator==(const Drawn&) const = default;
    };
    Drawn drawn;
};

// True when the selected model offers camera control (a camera_control rule in its catalog entry)
// in the request's mode.
bool cameraEditorApplies(const AppState& state);
void drawCameraEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
