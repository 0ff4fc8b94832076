// VideoGen core: Kling camera control (seed 001) for the camera editor and its live preview.
// The editor holds a cameraControl value: a type ("simple" or one of the preset moves) and, for
// "simple", six axes of which exactly one is non-zero. The preview shader samples the input image
// through a 3x3 matrix that approximates the move at time t, so a person sees which way each sign
// goes before paying for a generation.
//
// Index
// [SECTION] Axes and the control value
// [SECTION] Limits from the catalog
// [SECTION] JSON
// [SECTION] Preview transform
#pragma once

#include "catalog/catalog.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Axes and the control value
//-----------------------------------------------------------------------------

// The six members of a "simple" config, in the seed's table order. Signs (seed 001): negative
// horizontal = left, vertical = down, pan = left, tilt = down, roll = counter-clockwise,
// zoom = narrower field of view.
enum class CameraAxis { Horizontal, Vertical, Pan, Tilt, Roll, Zoom };
inline constexpr CameraAxis kCameraAxes[] = {CameraAxis::Horizontal, CameraAxis::Vertical, CameraAxis::Pan,
                                             CameraAxis::Tilt,       CameraAxis::Roll,     CameraAxis::Zoom};

const char* cameraAxisName(CameraAxis axis);  // the config member: "horizontal"
// What negative and positive values do, for people (the seed's table): {"left", "right"} for horizontal.
struct CameraAxisDirections {
    const char* negative;
    const char* positive;
};
CameraAxisDirections cameraAxisDirections(CameraAxis axis);
std::optional<CameraAxis> cameraAxisByName(std::string_view name);

struct CameraControl {
    std::string type = "simple";     // "simple" or a preset: "down_back", "forward_up", ...
    std::array<double, 6> axes{};    // indexed by CameraAxis; all 0 by default (nothing moves yet)

    double& operator[](CameraAxis axis) { return axes[size_t(axis)]; }
    double operator[](CameraAxis axis) const { return axes[size_t(axis)]; }
};

// Makes `control` a simple move along `axis` only: the type becomes "simple", `axis` takes `value`
// and every other axis goes to 0 (seed 001: "use only one, set others to 0"). The caller keeps
// `value` in the limits' range (the slider's bounds).
void setSimpleAxis(CameraControl& control, CameraAxis axis, double value);

//-----------------------------------------------------------------------------
// [SECTION] Limits from the catalog
//-----------------------------------------------------------------------------

struct CameraControlLimits {
    std::string path;                          // where the value lives in the request (the rule's path)
    std::vector<std::string> types;            // cameraControl.type's allowed values
    std::vector<std::string> typesWithConfig;  // types that need config (the rule's configRequired: "simple")
    std::vector<CameraAxis> axes;              // the rule's axes, in its order
    double minAxis = 0, maxAxis = 0;           // the rule's range for every axis ([-10, 10])
};

// From the model's cameraControl spec and camera_control rule; nullopt when it has no camera control.
std::optional<CameraControlLimits> cameraControlLimits(const Model& model);

//-----------------------------------------------------------------------------
// [SECTION] JSON
//-----------------------------------------------------------------------------

// providerOptions.klingai.cameraControl as seed 001's example writes it: {"type": "simple",
// "config": {every axis, the unused ones 0}}; a preset is {"type": "down_back"} with no config.
json cameraControlJson(const CameraControl& control, const CameraControlLimits& limits);
// Reads a cameraControl value back into the editor (a request loaded or typed as JSON). Axes that
// are missing or not numbers read as 0; nullopt when the value has no string type.
std::optional<CameraControl> cameraControlFromJson(const json& value);

//-----------------------------------------------------------------------------
// [SECTION] Preview transform
//-----------------------------------------------------------------------------

// The matrix the preview shader applies at time t (0 = start, 1 = end of the clip, clamped) to a
// frame coordinate to find where to sample the input image:
//     vec3 p = u_camera * vec3(uv, 1.0);  vec2 src = p.xy / p.z;   // outside [0,1]: a border colour
// uv and src have their origin at the top-left corner, y down (the image's row order), both in
// [0,1]. Column-major, ready for glUniformMatrix3fv(..., GL_FALSE, ...). `frameAspect` is
// width / height, so roll and pan/tilt are not skewed on non-square frames.
// The move is an approximation on a flat image: horizontal/vertical translate, pan/tilt rotate
// the view (a perspective homography), roll rotates about the centre, zoom scales, moving
// forward/backward in a preset is shown as a narrower/wider view. Magnitudes per axis unit are
// the playground's (the seed gives directions only): 0.025 of the frame height, 2 degrees, 3
// degrees, a factor 2^(1/10); presets are compositions of these in camera_preview.cpp's table.
// Identity at t = 0 and for a type it does not know.
std::array<float, 9> cameraTransformAt(const CameraControl& control, double t, double frameAspect = 1.0);

}  // namespace vg
