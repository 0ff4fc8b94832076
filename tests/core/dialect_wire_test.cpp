// The dialects' wire facts (dialect_wire.h): one table that the answer readers, the playground's
// poll calls and serve.py (through `vgen dialect-facts`) all use.
#include "dialects/dialect_wire.h"
#include "jobs/job_status.h"

#include <gtest/gtest.h>

#include <regex>

namespace vg {
namespace {

TEST(DialectWire, EveryDialectWithJobsHasASubmitAndAStatusRoute) {
    for (const DialectWire& wire : dialectWires()) {
        EXPECT_TRUE(wireRoute(wire, "submit")) << dialectName(wire.dialect);
        EXPECT_TRUE(wireRoute(wire, "status")) << dialectName(wire.dialect);
    }
    EXPECT_EQ(&wireFor(Dialect::AiSdk), &wireFor(Dialect::Gateway));  // aisdk's calls go through gateway
}

TEST(DialectWire, EveryRoutePatternMatchesItsOwnPath) {
    for (const DialectWire& wire : dialectWires()) {
        for (const WireRoute& route : wire.routes) {
            std::string pattern = route.pattern;
            if (const size_t at = pattern.find("{id}"); at != std::string::npos)
                pattern.replace(at, 4, std::string("(") + wire.idPattern + ")");
            const std::string path = wirePath(route, wire.dialect == Dialect::Unified ? "task_abc" : "job_1");
            EXPECT_TRUE(std::regex_search(path, std::regex(pattern))) << route.pattern << " vs " << path;
            EXPECT_TRUE(std::regex_search(path, std::regex(wire.pathPattern))) << wire.pathPattern << " vs " << path;
        }
    }
}

// What serve.py writes for each state, the playground reads back as that state.
TEST(DialectWire, EveryAnswerWordReadsBackAsItsState) {
    for (const DialectWire& wire : dialectWires()) {
        for (const auto& [state, word] : wire.answerWords) {
            json body = {{"status", word}, {"jobId", "j"}, {"job_id", "j"}, {"id", "j"}, {"videos", json::array({"u"})},
                         {"result_urls", json::array({"u"})}};
            if (wire.dialect == Dialect::Unified) body.erase("videos");  // its held-open answer has no status
            const StatusReading reading = readJobBody(wire.dialect, body);
            // A dialect without a cancelled word (OpenAI, seed 003) writes failed for it.
            const JobState expected = state == JobState::Cancelled && std::string(word) == "failed" ? JobState::Failed
                                      : wire.dialect == Dialect::Gateway && state == JobState::Queued
                                          ? JobState::Running  // the gateway's one in-flight word
                                          : state;
            EXPECT_EQ(reading.state, expected) << dialectName(wire.dialect) << " " << word << ": " << reading.problem;
        }
    }
}

TEST(DialectWire, FactsJsonListsTheTable) {
    const auto facts = dialectFactsJson();
    ASSERT_EQ(facts["dialects"].size(), dialectWires().size());
    const auto& jobs = facts["dialects"][3];
    EXPECT_EQ(jobs["name"], "jobs");
    EXPECT_EQ(jobs["answerWords"]["running"], "PROCESSING");
    EXPECT_EQ(jobs["routes"][1]["path"], "/v2/jobs/{id}");
    EXPECT_EQ(jobs["webhookEvents"]["succeeded"], "completed");
    EXPECT_EQ(jobs["errorShape"]["error"], "$type");
    EXPECT_EQ(jobs["idempotencyHeader"], "Idempotency-Key");
    EXPECT_EQ(jobs["idempotencyUpstream"], false);
}

// Every dialect's submit can carry an idempotency key (serve.py honours it on each), in the one
// header the IETF draft names; only the gateway's own API is documented to take it from a remote client.
TEST(DialectWire, EveryDialectNamesItsIdempotencyHeader) {
    for (const DialectWire& wire : dialectWires()) {
        EXPECT_STREQ(wire.idempotencyHeader, "Idempotency-Key") << dialectName(wire.dialect);
        EXPECT_EQ(wire.idempotencyUpstream, wire.dialect == Dialect::Gateway) << dialectName(wire.dialect);
    }
}

// OpenAI's fixed paths under /v1/videos/ (edits, extensions, characters) come before the routes whose
// {id} would take their last part for a video id; a server takes the first route that matches.
TEST(DialectWire, OpenAiFixedPathsComeBeforeTheIdRoutes) {
    const DialectWire& wire = wireFor(Dialect::OpenAI);
    for (const char* role : {"edit", "extend", "character_create", "character"}) {
        const WireRoute* fixed = wireRoute(wire, role);
        ASSERT_TRUE(fixed) << role;
        for (const WireRoute& route : wire.routes) {
            if (std::string(route.pattern).find("{id}") == std::string::npos || &route == fixed) continue;
            std::string pattern = route.pattern;
            pattern.replace(pattern.find("{id}"), 4, std::string("(") + wire.idPattern + ")");
            if (std::regex_search(fixed->path, std::regex(pattern)) && std::string(route.method) == fixed->method) {
                EXPECT_LT(fixed, &route) << role << " after " << route.role;
            }
        }
    }
    EXPECT_STREQ(wire.defaultModel, "sora-2");
    EXPECT_EQ(wire.resultSizes.size(), 4u);
    EXPECT_STREQ(wireFor(Dialect::Jobs).defaultModel, "");
}

}  // namespace
}  // namespace vg
