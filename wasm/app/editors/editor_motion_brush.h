// Kling's motion brush (seed 001) in the Direct tab: paint the static mask (what stays still) and up
// to N dynamic masks (N from the catalog) over the input image, draw each dynamic mask's path, then
// Apply writes providerOptions.<provider>.staticMask / dynamicMasks into the request. The masks and
// paths live here, at the input image's resolution, so they survive tab switches; the core
// (motion_brush.h) paints, resamples, flips paths to Kling's bottom-left origin and encodes the PNGs.
#pragma once

#include "gfx/gl_preview.h"
#include "motion_brush.h"

#include <climits>
#include <vector>

namespace vg::app {

struct AppState;
struct UiLook;

enum class BrushTool {
    Paint,  // drag: paint the selected mask
    Erase,  // drag: clear the selected mask
    Path,   // drag: draw the selected dynamic mask's path (replaces the previous one)
};

// Rows of one mask changed since its last upload to the GPU; empty when first > last.
struct DirtyRows {
    int first = INT_MAX, last = -1;
};

struct MotionBrushEditor {
    // The masks, at the image size they were made for (0 x 0 until the input image is first shown).
    // staticMask is always set once made; Apply leaves it out of the request while nothing is painted.
    MotionBrush brush;
    int width = 0, height = 0;

    size_t layer = 0;                  // selected layer: 0 the static mask, k the k-th dynamic mask
    BrushTool tool = BrushTool::Paint;
    float radius = 0;                  // brush radius in image pixels; 0 = not chosen yet (a 24th of the longer side)
    bool dragging = false;             // a paint stroke or path is being drawn on the canvas
    ImagePoint lastPoint;              // the previous pointer position of that drag, image pixels

    // Apply: `revision` counts edits, `appliedRevision` the edit last written into the request;
    // `applied` is what was written (the klingai members), to tell when the request was changed elsewhere.
    int revision = 0, appliedRevision = -1;
    json applied;                      // null: nothing applied yet
    std::vector<std::string> problems; // why the last Apply was refused (motionBrushOptions), one per line

    // GPU side: every mask as one layer of an R8 texture array, tinted over the image by
    // shaders/mask_overlay.frag into `overlay`.
    unsigned maskTexture = 0;          // GL_TEXTURE_2D_ARRAY; 0 until the first draw
    int textureWidth = 0, textureHeight = 0, textureLayers = 0;
    std::vector<DirtyRows> dirty;      // per layer, rows to upload before the next draw
    PreviewTarget overlay;
    // What `overlay` shows besides the masks: it is drawn again only when this or a mask changes (a
    // canvas frame that draws a texture anew is never skipped as a repeat: imgui_renderer.h).
    struct OverlayDrawn {
        unsigned imageTexture = 0;
        int width = 0, height = 0;
        int layers = 0;
        size_t layer = 0;  // the selected layer, tinted more strongly
        bool operator==(const OverlayDrawn&) const = default;
    };
    OverlayDrawn overlayDrawn;
};

// True when the selected model offers the motion brush (its trajectory_points rule) in the request's mode.
bool motionBrushApplies(const AppState& state);
void drawMotionBrushEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
