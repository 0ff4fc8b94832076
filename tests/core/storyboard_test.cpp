// Kling multi-shot storyboards (seed 001): reordering, the multiPrompt wire shape, and durations
// balanced to the video's duration, checked by the core's validator.
#include "storyboard.h"
#include "request/validate.h"

#include <gtest/gtest.h>

#include <numeric>

namespace vg {
namespace {

std::vector<int> durations(const std::vector<Shot>& shots) {
    std::vector<int> out;
    for (const Shot& shot : shots) out.push_back(shot.durationSeconds);
    return out;
}

std::vector<Shot> seedShots() {
    return {{"The character looks up at the sky.", 4},
            {"A bird flies across the frame.", 3},
            {"The character smiles and waves.", 3}};
}

TEST(StoryboardSeed001, MultiPromptMatchesTheSeedExampleAndValidates) {
    const json expected = json::parse(R"([
        {"index": 1, "prompt": "The character looks up at the sky.", "duration": "4"},
        {"index": 2, "prompt": "A bird flies across the frame.", "duration": "3"},
        {"index": 3, "prompt": "The character smiles and waves.", "duration": "3"}])");
    EXPECT_EQ(multiPromptJson(seedShots()), expected);

    Request request;
    request.body = {{"model", "klingai/kling-v3.0-i2v"},
                    {"prompt", ""},
                    {"image", "https://example.com/start-frame.png"},
                    {"aspectRatio", "16:9"},
                    {"duration", 10},
                    {"providerOptions",
                     {{"klingai", {{"mode", "pro"}, {"multiShot", true}, {"shotType", "customize"},
                                   {"multiPrompt", multiPromptJson(seedShots())}}}}}};
    Diagnostics ok = validateRequest(request, builtinCatalog());
    EXPECT_FALSE(hasErrors(ok));
    request.body["duration"] = 12;  // 4 + 3 + 3 no longer adds up
    Diagnostics off = validateRequest(request, builtinCatalog());
    EXPECT_TRUE(hasErrors(off));
    std::vector<Shot> shots = seedShots();
    ASSERT_TRUE(balanceShotDurations(shots, 12));
    request.body["providerOptions"]["klingai"]["multiPrompt"] = multiPromptJson(shots);
    EXPECT_FALSE(hasErrors(validateRequest(request, builtinCatalog())));
}

TEST(StoryboardSeed001, ReorderKeepsTheOthersInOrder) {
    std::vector<Shot> shots = seedShots();
    ASSERT_TRUE(moveShot(shots, 2, 0));
    EXPECT_EQ(shots[0].prompt, "The character smiles and waves.");
    EXPECT_EQ(shots[1].prompt, "The character looks up at the sky.");
    EXPECT_EQ(shots[2].prompt, "A bird flies across the frame.");
    ASSERT_TRUE(moveShot(shots, 0, 2));
    EXPECT_EQ(shots[2].prompt, "The character smiles and waves.");
    EXPECT_EQ(multiPromptJson(shots)[2]["index"], 3);  // indices follow the new order
    EXPECT_FALSE(moveShot(shots, 3, 0));
    EXPECT_EQ(shots[0].prompt, "The character looks up at the sky.");
}

TEST(StoryboardSeed001, BalancedDurationsSumToTheVideo) {
    std::vector<Shot> shots = seedShots();
    ASSERT_TRUE(balanceShotDurations(shots, 10));
    EXPECT_EQ(durations(shots), (std::vector<int>{4, 3, 3}));  // already summing: kept
    ASSERT_TRUE(balanceShotDurations(shots, 15));
    EXPECT_EQ(durations(shots), (std::vector<int>{6, 5, 4}));  // 6, 4.5, 4.5: the earlier shot first
    ASSERT_TRUE(balanceShotDurations(shots, 3));
    EXPECT_EQ(durations(shots), (std::vector<int>{1, 1, 1}));

    std::vector<Shot> fresh(4);  // new shots, no durations yet: equal shares
    ASSERT_TRUE(balanceShotDurations(fresh, 10));
    EXPECT_EQ(durations(fresh), (std::vector<int>{3, 3, 2, 2}));

    std::vector<Shot> lopsided = {{"a", 1}, {"b", 1}, {"c", 98}};
    ASSERT_TRUE(balanceShotDurations(lopsided, 5));  // every shot keeps at least a second
    EXPECT_EQ(durations(lopsided), (std::vector<int>{1, 1, 3}));

    std::vector<Shot> tooMany(4, Shot{"x", 2});
    EXPECT_FALSE(balanceShotDurations(tooMany, 3));
    EXPECT_EQ(durations(tooMany), (std::vector<int>{2, 2, 2, 2}));
    std::vector<Shot> none;
    EXPECT_FALSE(balanceShotDurations(none, 5));

    for (int total = 3; total <= 15; ++total) {  // Kling v3.0's 3-15 s (seed 001)
        std::vector<Shot> any = {{"a", 7}, {"b", 0}, {"c", 2}};
        ASSERT_TRUE(balanceShotDurations(any, total));
        const std::vector<int> d = durations(any);
        EXPECT_EQ(std::accumulate(d.begin(), d.end(), 0), total);
        EXPECT_GE(*std::min_element(d.begin(), d.end()), 1);
    }
}

}  // namespace
}  // namespace vg
