// Finding a job the gateway already made (job_lookup.h): after a reload, the OpenAI dialect's list
// is searched for the video a submit made before the submit goes again. Only the video the same
// body asked for, made after the submit, that no other job follows, is that job.
#include "jobs/job_lookup.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

const json kBody = {{"model", "sora-2"}, {"prompt", "a paper lantern over a night lake"}, {"seconds", "4"}, {"size", "720x1280"}};
constexpr int64_t kSubmittedAt = 1'800'000'000'000;  // epoch ms

json video(const std::string& id, int64_t createdAtSeconds, const std::string& prompt = kBody["prompt"]) {
    return {{"id", id},           {"object", "video"},  {"model", "sora-2"},      {"status", "in_progress"},
            {"progress", 10},     {"prompt", prompt},   {"seconds", "4"},         {"size", "720x1280"},
            {"created_at", createdAtSeconds}};
}

json listOf(std::vector<json> items) { return {{"object", "list"}, {"data", std::move(items)}, {"has_more", false}}; }

TEST(JobLookup, OnlyDialectsWithAListAndItsFactsLookUp) {
    EXPECT_TRUE(canLookUpSubmittedJobs(Dialect::OpenAI));
    for (Dialect dialect : {Dialect::Jobs, Dialect::Unified, Dialect::Gateway, Dialect::CreativeHub})
        EXPECT_FALSE(canLookUpSubmittedJobs(dialect)) << dialectName(dialect);
    EXPECT_FALSE(findSubmittedJob(Dialect::Jobs, kBody, listOf({video("video_1", kSubmittedAt / 1000)}), kSubmittedAt, {}));
}

TEST(JobLookup, FindsTheNewestVideoTheSameBodyMadeAfterTheSubmit) {
    const json answer = listOf({video("video_other", kSubmittedAt / 1000 + 2, "another prompt"),
                                video("video_made", kSubmittedAt / 1000 + 1),
                                video("video_older_same", kSubmittedAt / 1000 - 600)});
    const std::optional<json> found = findSubmittedJob(Dialect::OpenAI, kBody, answer, kSubmittedAt, {});
    ASSERT_TRUE(found);
    EXPECT_EQ((*found)["id"], "video_made");
}

TEST(JobLookup, AGatewayClockBehindOursStillCounts) {
    const json answer = listOf({video("video_made", (kSubmittedAt - kLookupClockSkewMs + 1000) / 1000)});
    EXPECT_TRUE(findSubmittedJob(Dialect::OpenAI, kBody, answer, kSubmittedAt, {}));
    const json older = listOf({video("video_old", (kSubmittedAt - kLookupClockSkewMs - 1000) / 1000)});
    EXPECT_FALSE(findSubmittedJob(Dialect::OpenAI, kBody, older, kSubmittedAt, {}));
}

TEST(JobLookup, AVideoAnotherJobFollowsIsNotThisOnes) {
    const json answer = listOf({video("video_first", kSubmittedAt / 1000 + 1)});
    EXPECT_FALSE(findSubmittedJob(Dialect::OpenAI, kBody, answer, kSubmittedAt, {"video_first"}));
}

TEST(JobLookup, EveryMatchFieldCounts) {
    for (const char* field : {"model", "prompt", "seconds", "size"}) {
        json item = video("video_made", kSubmittedAt / 1000 + 1);
        item[field] = "something else";
        EXPECT_FALSE(findSubmittedJob(Dialect::OpenAI, kBody, listOf({item}), kSubmittedAt, {})) << field;
    }
    json body = kBody;
    body.erase("size");  // a field the body leaves to the gateway is not compared
    EXPECT_TRUE(findSubmittedJob(Dialect::OpenAI, body, listOf({video("video_made", kSubmittedAt / 1000 + 1)}), kSubmittedAt, {}));
}

TEST(JobLookup, AnAnswerThatIsNotAListFindsNothingAndNeverThrows) {
    for (const json& answer : {json(), json("<html>"), json::array(), json{{"data", "x"}}, json{{"data", {1, "x", nullptr}}},
                               listOf({json{{"id", 5}, {"created_at", kSubmittedAt / 1000 + 1}}}),
                               listOf({json{{"id", "video_1"}, {"created_at", "soon"}}})}) {
        EXPECT_FALSE(findSubmittedJob(Dialect::OpenAI, kBody, answer, kSubmittedAt, {})) << answer.dump();
    }
}

}  // namespace
}  // namespace vg
