// State of the creative editors (the Direct tab and the media fields): one member per editor, each
// defined next to the editor that draws it. Like the rest of AppState, the request itself stays in
// AppState::session; these hold only what the request cannot (a mask being painted, the image as
// a texture, a template being filled in).
#pragma once

#include "editors/editor_camera.h"
#include "editors/editor_compare.h"
#include "editors/editor_framing.h"
#include "editors/editor_frames.h"
#include "editors/editor_media.h"
#include "editors/editor_motion_brush.h"
#include "editors/editor_prompt.h"
#include "editors/editor_storyboard.h"
#include "editors/editor_voices.h"

#include <map>
#include <string>

namespace vg::app {

// An input image the browser decoded into a GL texture (input_images.h).
struct InputImage {
    std::string source;        // the media value it was loaded from (URL, data URL or raw base64)
    unsigned texture = 0;      // GL texture, rows top-down; 0 while loading or when it failed
    int width = 0, height = 0; // natural size in pixels
    bool loading = false;
    std::string problem;       // why it cannot be shown ("" when fine)
    int load = 0;              // which load this is (answers for older loads are dropped)
};

struct CreativeState {
    std::map<std::string, InputImage> images;  // by canonical path of the media value
    MediaEditor media;
    FramesEditor frames;
    CameraEditor camera;
    MotionBrushEditor motionBrush;
    StoryboardEditor storyboard;
    VoicesEditor voices;
    PromptHelper prompt;
    FramingEditor framing;
    CompareBoard compare;
};

}  // namespace vg::app
