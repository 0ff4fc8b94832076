// Framing: Veo's resizeMode 'pad' / 'crop' (seed 001) as rectangles, aspect ratios as written in
// requests, and the placement presets of seed 003.
#include "catalog/catalog.h"
#include "framing.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace vg {
namespace {

void expectRect(const NormRect& actual, NormRect expected) {
    EXPECT_NEAR(actual.x, expected.x, 1e-9);
    EXPECT_NEAR(actual.y, expected.y, 1e-9);
    EXPECT_NEAR(actual.width, expected.width, 1e-9);
    EXPECT_NEAR(actual.height, expected.height, 1e-9);
}

TEST(FramingSeed001, ResizeModeNamesAreVeosValues) {
    const Model* veo = builtinCatalog().resolve("google/veo-3.1-generate-001").model;
    ASSERT_NE(veo, nullptr);
    const ParamSpec* spec = veo->param("/providerOptions/vertex/resizeMode");
    ASSERT_NE(spec, nullptr);
    for (const json& value : spec->values) EXPECT_TRUE(resizeModeByName(value.get<std::string>())) << value;
    EXPECT_EQ(resizeModeByName(spec->defaultValue.get<std::string>()), ResizeMode::Pad);  // "Defaults to 'pad'"
    EXPECT_FALSE(resizeModeByName("stretch"));
}

TEST(FramingSeed001, PadLetterboxesAWideImageInATallFrame) {
    // 1920x1080 into 9:16: full width, the image 0.316 of the frame's height, bars above and below.
    Framing framing = fitImage(1920, 1080, 9.0 / 16, ResizeMode::Pad);
    const double h = (9.0 / 16) / (16.0 / 9);
    expectRect(framing.imageInFrame, {0, (1 - h) / 2, 1, h});
    expectRect(framing.sourceCrop, {0, 0, 1, 1});
    ASSERT_EQ(framing.bars.size(), 2u);
    expectRect(framing.bars[0], {0, 0, 1, (1 - h) / 2});
    expectRect(framing.bars[1], {0, (1 + h) / 2, 1, (1 - h) / 2});
    // A tall image in a wide frame: pillarbox, bars left and right.
    Framing tall = fitImage(1080, 1920, 16.0 / 9, ResizeMode::Pad);
    expectRect(tall.imageInFrame, {(1 - h) / 2, 0, h, 1});
    ASSERT_EQ(tall.bars.size(), 2u);
    EXPECT_NEAR(tall.bars[0].width + tall.imageInFrame.width + tall.bars[1].width, 1, 1e-9);
}

TEST(FramingSeed001, CropFillsTheFrameAndCutsTheOverflow) {
    Framing wide = fitImage(2000, 1000, 1.0, ResizeMode::Crop);  // 2:1 into 1:1: the middle half
    expectRect(wide.imageInFrame, {0, 0, 1, 1});
    expectRect(wide.sourceCrop, {0.25, 0, 0.5, 1});
    EXPECT_TRUE(wide.bars.empty());
    Framing tall = fitImage(1000, 2000, 1.0, ResizeMode::Crop);
    expectRect(tall.sourceCrop, {0, 0.25, 1, 0.5});
}

TEST(Framing, MatchingShapesAndBadSizesShowTheWholeImage) {
    for (ResizeMode mode : {ResizeMode::Pad, ResizeMode::Crop}) {
        Framing same = fitImage(1280, 720, 16.0 / 9, mode);
        expectRect(same.imageInFrame, {0, 0, 1, 1});
        expectRect(same.sourceCrop, {0, 0, 1, 1});
        EXPECT_TRUE(same.bars.empty());
        EXPECT_EQ(fitImage(0, 720, 1, mode).imageInFrame, NormRect{});
        EXPECT_EQ(fitImage(1280, 720, -1, mode).sourceCrop, NormRect{});
        EXPECT_EQ(fitImage(NAN, 720, 1, mode).imageInFrame, NormRect{});
    }
}

TEST(Framing, AspectRatiosAsRequestsWriteThem) {
    EXPECT_NEAR(*parseAspectRatio("16:9"), 16.0 / 9, 1e-12);
    EXPECT_NEAR(*parseAspectRatio("9:16"), 9.0 / 16, 1e-12);
    EXPECT_NEAR(*parseAspectRatio("1280x720"), 16.0 / 9, 1e-12);
    EXPECT_NEAR(*parseAspectRatio("2.39:1"), 2.39, 1e-12);
    for (const char* bad : {"", "16", "16:", ":9", "0:1", "16:-9", "a:b", "16:9x", "inf:1", " 16:9"})
        EXPECT_FALSE(parseAspectRatio(bad)) << bad;
}

TEST(PlacementsSeed003, AspectRatiosPerPlacement) {
    EXPECT_EQ(placementById("reels")->aspectRatio, "9:16");
    EXPECT_EQ(placementById("stories")->aspectRatio, "9:16");
    EXPECT_EQ(placementById("tiktok")->aspectRatio, "9:16");
    EXPECT_EQ(placementById("feed")->aspectRatio, "1:1");
    EXPECT_EQ(placementById("in-stream")->aspectRatio, "16:9");
    EXPECT_EQ(placementById("myspace"), nullptr);
    // The creative hub route (seed 003) takes these ratios, and every preset uses one of them.
    const std::set<std::string> hubRatios = {"16:9", "9:16", "1:1"};
    std::set<std::string> ids;
    for (const Placement& placement : placements()) {
        EXPECT_TRUE(hubRatios.count(std::string(placement.aspectRatio))) << placement.id;
        EXPECT_TRUE(ids.insert(std::string(placement.id)).second) << "duplicate id " << placement.id;
        EXPECT_EQ(placement.source, "seed 003");
        // Safe areas sit inside the frame and leave most of it usable.
        const NormRect& safe = placement.safeArea;
        EXPECT_GE(safe.x, 0);
        EXPECT_GE(safe.y, 0);
        EXPECT_LE(safe.x + safe.width, 1 + 1e-12);
        EXPECT_LE(safe.y + safe.height, 1 + 1e-12);
        EXPECT_GT(safe.width * safe.height, 0.4) << placement.id;
    }
}

using test::model;

TEST(FrameParam, AspectRatioElseResolutionsThatAreSizes) {
    EXPECT_EQ(frameParam(model("veo-3.1"), Mode::I2V)->path, "/aspectRatio");     // vertex-veo: 16:9, 9:16
    EXPECT_EQ(frameParam(model("kling-2.6"), Mode::I2V)->path, "/aspectRatio");   // a free string (seed 001)
    EXPECT_EQ(frameParam(model("sora-2"), Mode::T2V)->path, "/resolution");       // 720x1280, 1280x720
    EXPECT_EQ(frameParam(model("wan-2.6"), Mode::T2V)->path, "/resolution");      // 1280x720, 1920x1080
    // Veo 2's limits are unknown: neither an aspect ratio nor sizes, so no frame to preview.
    EXPECT_EQ(frameParam(model("veo-2"), Mode::I2V), nullptr);
}

TEST(Framing, SameAspectAllowsRoundingInSizes) {
    EXPECT_TRUE(sameAspect(*parseAspectRatio("1366x768"), *parseAspectRatio("16:9")));
    EXPECT_TRUE(sameAspect(*parseAspectRatio("1920x1080"), 16.0 / 9));
    EXPECT_FALSE(sameAspect(*parseAspectRatio("1792x1024"), 16.0 / 9));
    EXPECT_FALSE(sameAspect(9.0 / 16, 16.0 / 9));
}

TEST(FrameParam, PresetValuesComeFromTheSpec) {
    const ParamSpec& veo = *frameParam(model("veo-3.1"), Mode::I2V);
    EXPECT_EQ(frameValueFor(veo, "9:16", ""), "9:16");
    EXPECT_EQ(frameValueFor(veo, "16:9", "9:16"), "16:9");
    EXPECT_FALSE(frameValueFor(veo, "1:1", ""));  // feed: Veo offers no square frame
    const ParamSpec& kling = *frameParam(model("kling-2.6"), Mode::I2V);
    EXPECT_EQ(frameValueFor(kling, "1:1", "16:9"), "1:1");  // no list: the ratio as written
    const ParamSpec& sora = *frameParam(model("sora-2-pro"), Mode::T2V);
    EXPECT_EQ(frameValueFor(sora, "9:16", ""), "720x1280");            // the first size of that shape
    EXPECT_EQ(frameValueFor(sora, "16:9", "1792x1024"), "1280x720");  // 1792x1024 is 7:4, not 16:9
    EXPECT_FALSE(frameValueFor(sora, "1:1", "720x1280"));
    const ParamSpec& wan = *frameParam(model("wan-2.6"), Mode::T2V);
    EXPECT_EQ(frameValueFor(wan, "16:9", "1920x1080"), "1920x1080");  // the current size is kept
    EXPECT_FALSE(frameValueFor(wan, "9:16", "1920x1080"));
    EXPECT_FALSE(frameValueFor(wan, "wide", ""));
}

}  // namespace
}  // namespace vg
