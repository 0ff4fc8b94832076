// Kling's motion brush (seed 001): painting masks, drawn paths resampled and flipped to the
// bottom-left origin, limits read from the catalog, and the providerOptions.klingai members the
// editor produces, checked by the core's own validator.
#include "media/media.h"
#include "motion_brush.h"
#include "png_encode.h"
#include "request/validate.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace vg {
namespace {

using test::model;

uint8_t at(const Mask& mask, int x, int y) { return mask.pixels[size_t(y) * size_t(mask.width) + size_t(x)]; }

size_t paintedCount(const Mask& mask) {
    size_t count = 0;
    for (uint8_t v : mask.pixels) count += v != 0;
    return count;
}

std::vector<ImagePoint> line(ImagePoint from, ImagePoint to, int points) {
    std::vector<ImagePoint> out;
    for (int i = 0; i < points; ++i) {
        const double t = double(i) / (points - 1);
        out.push_back({from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)});
    }
    return out;
}

TEST(MotionBrush, DiscPaintsPixelsWithinTheRadiusAndEraseClears) {
    Mask mask = makeMask(20, 10);
    ASSERT_EQ(mask.pixels.size(), 200u);
    EXPECT_FALSE(isPainted(mask));
    paintStroke(mask, {10, 5}, {10, 5}, 2.0);
    EXPECT_EQ(at(mask, 9, 4), 255);   // centre (9.5, 4.5): 0.71 px away
    EXPECT_EQ(at(mask, 11, 5), 255);  // (11.5, 5.5): 1.58 px away
    EXPECT_EQ(at(mask, 12, 5), 0);    // (12.5, 5.5): 2.55 px away
    EXPECT_EQ(paintedCount(mask), 12u);  // the 4 x 4 block minus its corners
    paintStroke(mask, {10, 5}, {10, 5}, 1.0, /*erase=*/true);
    EXPECT_EQ(at(mask, 9, 4), 0);
    EXPECT_EQ(paintedCount(mask), 8u);
}

TEST(MotionBrush, StrokeLeavesNoGapsAndClipsAtTheEdges) {
    Mask mask = makeMask(50, 5);
    paintStroke(mask, {-20, 2.5}, {80, 2.5}, 0.6);  // a fast drag across, starting and ending outside
    for (int x = 0; x < 50; ++x) EXPECT_EQ(at(mask, x, 2), 255) << x;
    EXPECT_EQ(paintedCount(mask), 50u);
    Mask click = makeMask(4, 4);
    paintStroke(click, {1.2, 2.7}, {1.2, 2.7}, 0.0);  // a tiny radius still marks the pixel under the pointer
    EXPECT_EQ(at(click, 1, 2), 255);
    paintStroke(click, {1, 1}, {NAN, 1}, 3.0);
    EXPECT_EQ(paintedCount(click), 1u);
    Mask empty = makeMask(0, 3);
    EXPECT_TRUE(empty.pixels.empty());
    paintStroke(empty, {0, 0}, {1, 1}, 5);  // no pixels, no crash
    Mask none;
    paintStroke(none, {0, 0}, {0, 0}, 5);
    EXPECT_TRUE(none.pixels.empty());
}

TEST(MotionBrushSeed001, TrajectoryOriginIsBottomLeft) {
    const std::vector<TrajectoryPoint> points = toKlingTrajectory({{0, 0}, {99.9, 49.5}, {10.5, 0.2}, {500, -3}}, 100, 50);
    ASSERT_EQ(points.size(), 4u);
    EXPECT_EQ(points[0], (TrajectoryPoint{0, 49}));   // top-left pixel -> y = height - 1
    EXPECT_EQ(points[1], (TrajectoryPoint{99, 0}));   // bottom-right pixel -> y = 0
    EXPECT_EQ(points[2], (TrajectoryPoint{10, 49}));
    EXPECT_EQ(points[3], (TrajectoryPoint{99, 49}));  // clamped into the image
}

TEST(MotionBrush, ResampleSpreadsPointsEvenlyAlongTheLength) {
    // An L: 30 px right then 60 px down, drawn with uneven spacing (a slow start, a fast end).
    std::vector<ImagePoint> path = {{0, 0}, {1, 0}, {2, 0}, {30, 0}, {30, 60}};
    std::vector<ImagePoint> even = resamplePath(path, 4);
    ASSERT_EQ(even.size(), 4u);
    EXPECT_DOUBLE_EQ(even[0].x, 0);
    EXPECT_DOUBLE_EQ(even[1].x, 30);  // 30 px along: the corner
    EXPECT_DOUBLE_EQ(even[1].y, 0);
    EXPECT_DOUBLE_EQ(even[2].y, 30);  // 60 px along
    EXPECT_DOUBLE_EQ(even[3].x, 30);
    EXPECT_DOUBLE_EQ(even[3].y, 60);
    // Few enough points: as drawn, repeats dropped; a path that never moves is one point.
    EXPECT_EQ(resamplePath({{1, 1}, {1, 1}, {2, 2}}, 77).size(), 2u);
    EXPECT_EQ(resamplePath({{5, 5}, {5, 5}, {5, 5}}, 3).size(), 1u);
    EXPECT_EQ(resamplePath(line({0, 0}, {100, 0}, 500), 0).size(), 2u);  // never fewer than 2
}

TEST(MotionBrushSeed001, LimitsComeFromTheCatalog) {
    std::optional<MotionBrushLimits> limits = motionBrushLimits(model("klingai/kling-v2.6-i2v"), 5);
    ASSERT_TRUE(limits);
    EXPECT_EQ(limits->maxDynamicMasks, 6u);       // "up to 6"
    EXPECT_EQ(limits->minTrajectoryPoints, 2u);   // "2-77 points for 5s video"
    EXPECT_EQ(limits->maxTrajectoryPoints, 77u);
    EXPECT_EQ(limits->statedForSeconds, 5);
    EXPECT_TRUE(limits->maxStatedForDuration);
    std::optional<MotionBrushLimits> tenSeconds = motionBrushLimits(model("klingai/kling-v2.6-i2v"), 10);
    ASSERT_TRUE(tenSeconds);
    EXPECT_FALSE(tenSeconds->maxStatedForDuration);  // the seed states the maximum for 5 s only
    EXPECT_EQ(tenSeconds->maxTrajectoryPoints, 77u);
    EXPECT_FALSE(motionBrushLimits(model("google/veo-3.1-generate-001"), 8));  // no motion brush
}

TEST(MotionBrushSeed001, OptionsAreRawBase64PngsAndValidate) {
    const int width = 640, height = 360;
    const MotionBrushLimits limits = *motionBrushLimits(model("klingai/kling-v2.6-i2v"), 5);
    MotionBrush brush;
    brush.staticMask = makeMask(width, height);
    paintStroke(*brush.staticMask, {0, 300}, {640, 300}, 40);
    DynamicMask ball{makeMask(width, height), line({100, 200}, {500, 100}, 400)};
    paintStroke(ball.mask, {100, 200}, {100, 200}, 30);
    brush.dynamicMasks.push_back(ball);

    MotionBrushOptions options = motionBrushOptions(brush, limits);
    ASSERT_TRUE(options.problems.empty()) << options.problems.front();
    const json& kling = options.klingOptions;
    const std::string staticMask = kling.at("staticMask").get<std::string>();
    EXPECT_NE(staticMask.rfind("data:", 0), 0u) << "Kling wants raw base64 without the data: prefix";
    MediaInfo info = probeMediaValue(staticMask);
    EXPECT_EQ(info.format, "png");
    EXPECT_EQ(info.width, width);  // masks at the input image's resolution
    EXPECT_EQ(info.height, height);
    const json& trajectories = kling.at("dynamicMasks").at(0).at("trajectories");
    ASSERT_EQ(trajectories.size(), 77u);  // 400 drawn points resampled to the catalog's maximum
    EXPECT_EQ(trajectories.front(), json({{"x", 100}, {"y", 159}}));  // 360 - 1 - 200
    EXPECT_EQ(trajectories.back(), json({{"x", 500}, {"y", 259}}));   // 360 - 1 - 100

    // The same bytes through the validator: an input image of the masks' size, no errors.
    std::vector<uint8_t> rgba(size_t(width) * height * 4, 200);
    std::vector<uint8_t> image = encodePng(rgba.data(), width, height, PngColor::Rgba8);
    Request request;
    request.body = {{"model", "klingai/kling-v2.6-i2v"},
                    {"prompt", "A ball bouncing across the scene"},
                    {"image", encodeBase64(image.data(), image.size())},
                    {"duration", 5},
                    {"providerOptions", {{"klingai", kling}}}};
    Diagnostics diagnostics = validateRequest(request, builtinCatalog());
    std::string messages;
    for (const Diagnostic& d : diagnostics) messages += d.path + " " + d.code + ": " + d.message + "\n";
    EXPECT_FALSE(hasErrors(diagnostics)) << messages;
}

TEST(MotionBrushSeed001, RefusesWhatKlingWouldRefuse) {
    const MotionBrushLimits limits = *motionBrushLimits(model("klingai/kling-v2.6-i2v"), 5);
    DynamicMask painted{makeMask(400, 300), line({10, 10}, {200, 100}, 5)};
    paintStroke(painted.mask, {10, 10}, {10, 10}, 5);

    MotionBrush tooMany;
    tooMany.dynamicMasks.assign(limits.maxDynamicMasks + 1, painted);
    MotionBrushOptions seven = motionBrushOptions(tooMany, limits);
    ASSERT_EQ(seven.problems.size(), 1u);
    EXPECT_NE(seven.problems[0].find("at most 6"), std::string::npos) << seven.problems[0];
    EXPECT_TRUE(seven.klingOptions.empty());
    tooMany.dynamicMasks.pop_back();
    EXPECT_TRUE(motionBrushOptions(tooMany, limits).problems.empty());

    MotionBrush mixed;
    mixed.staticMask = makeMask(300, 300);
    mixed.dynamicMasks.push_back(painted);
    MotionBrushOptions sizes = motionBrushOptions(mixed, limits);
    ASSERT_EQ(sizes.problems.size(), 1u);
    EXPECT_NE(sizes.problems[0].find("identical resolution"), std::string::npos) << sizes.problems[0];

    MotionBrush unfinished;
    unfinished.dynamicMasks.push_back({makeMask(400, 300), {{5, 5}}});  // nothing painted, a click for a path
    MotionBrushOptions both = motionBrushOptions(unfinished, limits);
    ASSERT_EQ(both.problems.size(), 2u);
    EXPECT_NE(both.problems[0].find("nothing painted"), std::string::npos);
    EXPECT_NE(both.problems[1].find("at least 2"), std::string::npos) << both.problems[1];
    // The editor shows these to people: no document keys.
    for (const MotionBrushOptions* options : {&seven, &sizes, &both})
        for (const std::string& problem : options->problems) EXPECT_EQ(problem.find("seed"), std::string::npos) << problem;
}

}  // namespace
}  // namespace vg
