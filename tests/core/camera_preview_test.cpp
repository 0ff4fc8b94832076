// Kling camera control (seed 001): the one-non-zero-axis rule kept by the editor, limits and the
// wire shape from the catalog, and the preview transform's directions following the seed's table.
#include "camera_preview.h"
#include "request/rules.h"
#include "request/validate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace vg {
namespace {

const Model& kling26() {
    const Model* found = builtinCatalog().resolve("klingai/kling-v2.6-i2v").model;
    if (!found) throw std::runtime_error("Kling 2.6 is not in the catalog");
    return *found;
}

struct Uv {
    double u, v;
};

// Where the preview samples the image for frame position (u, v): what the shader does.
Uv sampleAt(const std::array<float, 9>& m, double u, double v) {
    const double x = m[0] * u + m[3] * v + m[6];
    const double y = m[1] * u + m[4] * v + m[7];
    const double w = m[2] * u + m[5] * v + m[8];
    return {x / w, y / w};
}

CameraControl simple(CameraAxis axis, double value) {
    CameraControl control;
    setSimpleAxis(control, axis, value);
    return control;
}

Uv endOf(CameraAxis axis, double value, double u = 0.5, double v = 0.5) {
    return sampleAt(cameraTransformAt(simple(axis, value), 1.0), u, v);
}

TEST(CameraSeed001, LimitsComeFromTheCatalog) {
    std::optional<CameraControlLimits> limits = cameraControlLimits(kling26());
    ASSERT_TRUE(limits);
    EXPECT_EQ(limits->path, "/providerOptions/klingai/cameraControl");
    EXPECT_EQ(limits->types, (std::vector<std::string>{"simple", "down_back", "forward_up", "right_turn_forward",
                                                        "left_turn_forward"}));
    EXPECT_EQ(limits->typesWithConfig, std::vector<std::string>{"simple"});
    EXPECT_EQ(limits->axes.size(), 6u);
    EXPECT_EQ(limits->minAxis, -10);
    EXPECT_EQ(limits->maxAxis, 10);
    const Model* veo = builtinCatalog().resolve("google/veo-3.1-generate-001").model;
    ASSERT_NE(veo, nullptr);
    EXPECT_FALSE(cameraControlLimits(*veo));
}

TEST(CameraSeed001, ExclusiveWithTheLastFrameAndTheMotionBrush) {
    const std::string camera = "/providerOptions/klingai/cameraControl";
    EXPECT_EQ(exclusivePartners(kling26(), camera),
              (std::vector<std::string>{"/lastFrame", "/providerOptions/klingai/staticMask",
                                        "/providerOptions/klingai/dynamicMasks"}));
    // Members of one group go together: the static mask excludes the others, not the dynamic masks.
    EXPECT_EQ(exclusivePartners(kling26(), "/providerOptions/klingai/staticMask"),
              (std::vector<std::string>{"/lastFrame", camera}));
    EXPECT_TRUE(exclusivePartners(kling26(), "/duration").empty());
    // Offered in text-to-video and image-to-video; first-and-last-frame needs the last frame it excludes.
    EXPECT_TRUE(offeredInMode(kling26(), camera, Mode::T2V));
    EXPECT_TRUE(offeredInMode(kling26(), camera, Mode::I2V));
    EXPECT_FALSE(offeredInMode(kling26(), camera, Mode::FLF));
    EXPECT_FALSE(offeredInMode(kling26(), camera, Mode::R2V));  // a mode the model does not have
    EXPECT_FALSE(offeredInMode(kling26(), "/providerOptions/klingai/staticMask", Mode::T2V));  // i2v only
    EXPECT_FALSE(offeredInMode(kling26(), "/providerOptions/klingai/cfgScale", Mode::T2V));    // refused on v2.x
    EXPECT_FALSE(offeredInMode(kling26(), "/providerOptions/klingai/noSuchOption", Mode::T2V));
}

TEST(CameraSeed001, SettingOneAxisZeroesTheOthers) {
    CameraControl control;
    control.type = "down_back";
    setSimpleAxis(control, CameraAxis::Pan, -4);
    setSimpleAxis(control, CameraAxis::Zoom, 5);
    EXPECT_EQ(control.type, "simple");
    EXPECT_EQ(control[CameraAxis::Zoom], 5);
    EXPECT_EQ(control[CameraAxis::Pan], 0);
    int moving = 0;
    for (CameraAxis axis : kCameraAxes) moving += control[axis] != 0;
    EXPECT_EQ(moving, 1);
    for (CameraAxis axis : kCameraAxes) {
        EXPECT_STRNE(cameraAxisDirections(axis).negative, "") << cameraAxisName(axis);
        EXPECT_STRNE(cameraAxisDirections(axis).positive, "") << cameraAxisName(axis);
    }
    EXPECT_STREQ(cameraAxisDirections(CameraAxis::Zoom).negative, "narrower");  // seed 001: negative = narrower view
}

TEST(CameraSeed001, JsonMatchesTheSeedExampleAndValidates) {
    const CameraControlLimits limits = *cameraControlLimits(kling26());
    const json expected = json::parse(R"({"type": "simple",
        "config": {"zoom": 5, "horizontal": 0, "vertical": 0, "pan": 0, "tilt": 0, "roll": 0}})");
    const json built = cameraControlJson(simple(CameraAxis::Zoom, 5), limits);
    EXPECT_EQ(built, expected);
    EXPECT_EQ(cameraControlJson(simple(CameraAxis::Roll, 2.5), limits)["config"]["roll"], 2.5);
    CameraControl preset;
    preset.type = "forward_up";
    EXPECT_EQ(cameraControlJson(preset, limits), json({{"type", "forward_up"}}));  // presets take no config

    Request request;
    request.body = {{"model", "klingai/kling-v2.6-i2v"},
                    {"prompt", "A serene mountain landscape"},
                    {"image", "https://example.com/landscape.png"},
                    {"providerOptions", {{"klingai", {{"cameraControl", built}}}}}};
    EXPECT_FALSE(hasErrors(validateRequest(request, builtinCatalog())));

    std::optional<CameraControl> back = cameraControlFromJson(expected);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->type, "simple");
    EXPECT_EQ((*back)[CameraAxis::Zoom], 5);
    EXPECT_FALSE(cameraControlFromJson(json({{"config", {}}})));
}

TEST(CameraSeed001, IdentityAtTheStart) {
    const std::array<float, 9> identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    for (CameraAxis axis : kCameraAxes) {
        const std::array<float, 9> m = cameraTransformAt(simple(axis, 10), 0.0, 16.0 / 9);
        for (size_t i = 0; i < 9; ++i) EXPECT_NEAR(m[i], identity[i], 1e-6) << cameraAxisName(axis) << " " << i;
    }
    for (const char* type : {"down_back", "forward_up", "right_turn_forward", "left_turn_forward", "unknown"}) {
        CameraControl preset;
        preset.type = type;
        const std::array<float, 9> m = cameraTransformAt(preset, 0.0);
        for (size_t i = 0; i < 9; ++i) EXPECT_NEAR(m[i], identity[i], 1e-6) << type << " " << i;
    }
}

TEST(CameraSeed001, DirectionsFollowTheSeedTable) {
    // Negative horizontal = left: the view's centre samples left of the image's centre.
    EXPECT_LT(endOf(CameraAxis::Horizontal, -5).u, 0.5);
    EXPECT_GT(endOf(CameraAxis::Horizontal, 5).u, 0.5);
    EXPECT_NEAR(endOf(CameraAxis::Horizontal, -5).v, 0.5, 1e-6);
    // Negative vertical = down (v grows downward).
    EXPECT_GT(endOf(CameraAxis::Vertical, -5).v, 0.5);
    EXPECT_LT(endOf(CameraAxis::Vertical, 5).v, 0.5);
    // Negative pan = turn left; negative tilt = turn down.
    EXPECT_LT(endOf(CameraAxis::Pan, -5).u, 0.5);
    EXPECT_GT(endOf(CameraAxis::Tilt, -5).v, 0.5);
    EXPECT_LT(endOf(CameraAxis::Tilt, 5).v, 0.5);
    // Pan is a turn, not a slide: the perspective view of the flat image is a keystone, the frame
    // edge the camera turns toward sampling a taller span of the image than the opposite edge.
    const Uv topRight = endOf(CameraAxis::Pan, 8, 1, 0), bottomRight = endOf(CameraAxis::Pan, 8, 1, 1);
    const Uv topLeft = endOf(CameraAxis::Pan, 8, 0, 0), bottomLeft = endOf(CameraAxis::Pan, 8, 0, 1);
    EXPECT_GT(bottomRight.v - topRight.v, bottomLeft.v - topLeft.v);
    // Negative roll = counter-clockwise camera: a point right of centre samples above the horizon,
    // so the picture turns clockwise on screen.
    EXPECT_LT(endOf(CameraAxis::Roll, -5, 0.75, 0.5).v, 0.5);
    EXPECT_GT(endOf(CameraAxis::Roll, 5, 0.75, 0.5).v, 0.5);
    // Negative zoom = narrower field of view: the frame's corner samples inside the image.
    const Uv narrow = endOf(CameraAxis::Zoom, -10, 0, 0);
    EXPECT_NEAR(narrow.u, 0.25, 1e-6);  // 10 units: half the view
    EXPECT_NEAR(narrow.v, 0.25, 1e-6);
    EXPECT_LT(endOf(CameraAxis::Zoom, 5, 0, 0).u, 0.0);  // wider: beyond the image's edge
}

TEST(CameraSeed001, PresetsComposeTheirDescriptions) {
    CameraControl control;
    control.type = "down_back";  // "descends and moves backward": lower and wider
    Uv centre = sampleAt(cameraTransformAt(control, 1), 0.5, 0.5);
    Uv corner = sampleAt(cameraTransformAt(control, 1), 0, 0);
    EXPECT_GT(centre.v, 0.5);
    EXPECT_LT(corner.u, 0.0);
    control.type = "forward_up";  // "moves forward and tilts up": higher and narrower
    centre = sampleAt(cameraTransformAt(control, 1), 0.5, 0.5);
    corner = sampleAt(cameraTransformAt(control, 1), 0, 1);
    EXPECT_LT(centre.v, 0.5);
    EXPECT_GT(corner.u, 0.0);
    control.type = "right_turn_forward";  // "rotate right then move forward": turned at half time, not zoomed yet
    const Uv half = sampleAt(cameraTransformAt(control, 0.5), 0.5, 0.5);
    const std::array<float, 9> halfway = cameraTransformAt(control, 0.5);
    const std::array<float, 9> end = cameraTransformAt(control, 1.0);
    EXPECT_GT(half.u, 0.5);
    EXPECT_NEAR(sampleAt(halfway, 0.5, 0.5).u, sampleAt(end, 0.5, 0.5).u, 1e-6);  // the turn is done
    EXPECT_LT(sampleAt(end, 1, 0.5).u - sampleAt(end, 0, 0.5).u,
              sampleAt(halfway, 1, 0.5).u - sampleAt(halfway, 0, 0.5).u);  // then narrower
    control.type = "left_turn_forward";
    EXPECT_LT(sampleAt(cameraTransformAt(control, 1), 0.5, 0.5).u, 0.5);
}

TEST(CameraSeed001, RollIsNotSkewedOnWideFrames) {
    // Points the same number of pixels right of and below the centre stay equally far from it.
    const double aspect = 16.0 / 9;
    const std::array<float, 9> m = cameraTransformAt(simple(CameraAxis::Roll, 10), 1, aspect);
    const Uv right = sampleAt(m, 0.5 + 0.2 / aspect, 0.5), below = sampleAt(m, 0.5, 0.7);
    const double rightDistance = std::hypot((right.u - 0.5) * aspect, right.v - 0.5);
    const double belowDistance = std::hypot((below.u - 0.5) * aspect, below.v - 0.5);
    EXPECT_NEAR(rightDistance, belowDistance, 1e-6);
}

}  // namespace
}  // namespace vg
