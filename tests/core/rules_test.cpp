// What the playground's editors ask the rules (rules.h) instead of reading rule arguments: which
// member needs which, what excludes what (with the rule's source), where the lists are.
#include "catalog/catalog.h"
#include "request/rules.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace vg {
namespace {

using test::model;

TEST(RuleQueries, VoicesNeedSoundOnKling26AndElementsExcludeVoicesOnKling30) {
    const std::optional<Requirement> voices = requirementOf(model("klingai/kling-v2.6"), "/providerOptions/klingai/voiceList");
    ASSERT_TRUE(voices);
    EXPECT_EQ(voices->path, "/audio");
    EXPECT_EQ(voices->value, true);
    EXPECT_EQ(voices->source, "seed 001");
    EXPECT_NE(voices->why.find("sound"), std::string::npos) << voices->why;
    EXPECT_FALSE(requirementOf(model("klingai/kling-v2.6"), "/duration"));

    const std::vector<Exclusion> excluded = exclusionsOf(model("klingai/kling-v3.0"), "/providerOptions/klingai/voiceList");
    ASSERT_EQ(excluded.size(), 1u);
    EXPECT_EQ(excluded[0].path, "/providerOptions/klingai/elementList");
    EXPECT_EQ(excluded[0].source, "seed 001");
    EXPECT_TRUE(exclusionsOf(model("klingai/kling-v2.6"), "/providerOptions/klingai/voiceList").empty());
}

TEST(RuleQueries, MultiShotListRequiresTheFlagOnlyWhereTheModelHasIt) {
    const Model& v30 = model("klingai/kling-v3.0");
    EXPECT_EQ(shotListPath(v30), "/providerOptions/klingai/multiPrompt");
    const std::optional<Requirement> flag = requirementOf(v30, shotListPath(v30));
    ASSERT_TRUE(flag);
    EXPECT_EQ(flag->path, "/providerOptions/klingai/multiShot");
    EXPECT_EQ(flag->value, true);
    // multiShot requires multiPrompt only when it is true: not a requirement of its presence.
    EXPECT_FALSE(requirementOf(v30, "/providerOptions/klingai/multiShot"));
    EXPECT_EQ(shotListPath(model("klingai/kling-v2.6")), "");
    EXPECT_EQ(shotListPath(model("google/veo-3.1")), "");
}

TEST(RuleQueries, ListsAndOptionsAreWhereTheModelsEntryPutsThem) {
    EXPECT_EQ(voiceListPath(model("klingai/kling-v2.6")), "/providerOptions/klingai/voiceList");
    EXPECT_EQ(voiceListPath(model("klingai/kling-v2.5-turbo")), "");  // no voices before 2.6
    EXPECT_EQ(providerOptionPath(model("google/veo-3.1"), "resizeMode"), "/providerOptions/vertex/resizeMode");
}

}  // namespace
}  // namespace vg
