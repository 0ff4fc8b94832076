// VideoGen core: Kling's motion brush (seed 001) as data the playground edits.
// A static mask marks what must stay still; up to N dynamic masks (N from the catalog, 6 for Kling)
// each mark an area that moves along a drawn path. Masks live at the input image's resolution (the
// seed: "All masks ... must have identical resolution", aspect matching the input image) and are
// sent as raw base64 PNG. Paths are drawn in image pixels with a top-left origin and sent as
// trajectories with the bottom-left origin the seed prescribes.
//
// Index
// [SECTION] Masks and painting
// [SECTION] Paths and trajectories
// [SECTION] Limits from the catalog
// [SECTION] Request options
#pragma once

#include "catalog/catalog.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Masks and painting
//-----------------------------------------------------------------------------

// One byte per pixel, rows top to bottom: 255 painted, 0 not. Exported as a grey PNG.
struct Mask {
    int width = 0, height = 0;
    std::vector<uint8_t> pixels;  // width * height bytes
};

// An unpainted mask the size of the input image; empty (0 x 0) when a side is not positive or the
// mask would exceed 2^28 pixels.
Mask makeMask(int width, int height);
// True when at least one pixel is painted.
bool isPainted(const Mask& mask);

// A point in image pixels, origin at the top-left corner, y down: where the pointer is over the
// image. Pixel (i, j) covers [i, i+1) x [j, j+1).
struct ImagePoint {
    double x = 0, y = 0;
};

// Paints (or, with `erase`, clears) every pixel whose centre lies within `radius` pixels of the
// segment from -> to: a round brush dragged from the previous pointer position to the current
// one, so a fast stroke leaves no gaps. from == to paints one disc. The radius is at least half a
// pixel, so a click always marks the pixel under it. Out-of-image parts are clipped.
void paintStroke(Mask& mask, ImagePoint from, ImagePoint to, double radius, bool erase = false);

//-----------------------------------------------------------------------------
// [SECTION] Paths and trajectories
//-----------------------------------------------------------------------------

// Kling trajectory point: integer pixel, origin at the image's bottom-left corner (seed 001).
struct TrajectoryPoint {
    int x = 0, y = 0;
    bool operator==(const TrajectoryPoint&) const = default;
};

// At most `maxPoints` points (at least 2) spread evenly along the path's length, the first and last
// points kept. A path that already has few enough points is returned as drawn, minus repeated
// points; a path that never moves comes back as its single point.
std::vector<ImagePoint> resamplePath(const std::vector<ImagePoint>& path, size_t maxPoints);

// Image pixels (top-left origin) -> Kling trajectory (bottom-left origin): the pixel under each
// point, clamped into the image, with y' = height - 1 - y.
std::vector<TrajectoryPoint> toKlingTrajectory(const std::vector<ImagePoint>& path, int imageWidth, int imageHeight);

//-----------------------------------------------------------------------------
// [SECTION] Limits from the catalog
//-----------------------------------------------------------------------------

struct MotionBrushLimits {
    size_t maxDynamicMasks = 0;      // the dynamicMasks spec's maxItems (6 for Kling)
    size_t minTrajectoryPoints = 0;  // trajectory_points rule: min (2)
    size_t maxTrajectoryPoints = 0;  // trajectory_points rule: max (77)
    double statedForSeconds = 0;     // the duration the max is stated for (5); 0 = every duration
    // False when the video's duration differs from statedForSeconds: the seed gives no maximum for
    // that duration and the playground keeps the stated one, a count known to be accepted.
    bool maxStatedForDuration = true;
};

// The model's motion-brush limits for a video of `durationSeconds`, read from its trajectory_points
// rule and the spec of the array that rule names; nullopt when the model has no motion brush.
std::optional<MotionBrushLimits> motionBrushLimits(const Model& model, double durationSeconds);

//-----------------------------------------------------------------------------
// [SECTION] Request options
//-----------------------------------------------------------------------------

struct DynamicMask {
    Mask mask;
    std::vector<ImagePoint> path;  // as drawn, image pixels, top-left origin
};

struct MotionBrush {
    std::optional<Mask> staticMask;  // unset: no staticMask member
    std::vector<DynamicMask> dynamicMasks;
};

struct MotionBrushOptions {
    json klingOptions = json::object();  // {"staticMask": ..., "dynamicMasks": [...]}, empty when problems
    std::vector<std::string> problems;   // what to change before the options can be sent, one per line
};

// The members for providerOptions.klingai (seed 001): staticMask and dynamicMasks[].mask as raw
// base64 PNG (no data: prefix), trajectories resampled to the limits' maximum and flipped to the
// bottom-left origin. Refused, with a problem each, when there are more dynamic masks than the
// catalog allows, masks of different resolutions, a dynamic mask with nothing painted or a path
// with fewer points than the minimum.
MotionBrushOptions motionBrushOptions(const MotionBrush& brush, const MotionBrushLimits& limits);

}  // namespace vg
