// The job state machine and its poll schedule: every transition, backoff and Retry-After, the
// deadline, cancel, expiry, and the seed 002 error table.
#include "jobs/job.h"
#include "jobs/sse.h"

#include <gtest/gtest.h>

#include <string>

namespace vg {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;  // an arbitrary "now", epoch ms
constexpr uint64_t kSeed = 42;

HttpResponse answer(int status, const char* body, std::string retryAfter = "", std::string pollAfterMs = "") {
    return {status, std::move(retryAfter), std::move(pollAfterMs), body ? json::parse(body) : json()};
}
HttpResponse ok(const char* body) { return answer(200, body); }

PollPolicy patientPolicy() {
    PollPolicy policy;
    policy.maxConsecutiveErrors = 100;  // long error streaks without giving up
    return policy;
}

// A job of `dialect` that has been accepted and is being polled.
Job queuedJob(Dialect dialect, const PollPolicy& policy = {}) {
    const char* accepted = dialect == Dialect::Jobs          ? R"({"jobId":"j1","status":"QUEUED"})"
                           : dialect == Dialect::CreativeHub ? R"({"job_id":"c1","status":"pending"})"
                           : dialect == Dialect::Gateway     ? R"({"operation":{"id":"op-1"}})"
                                                             : R"({"id":"video_1","status":"queued"})";
    Job job = onSubmitted(startJob(dialect, policy, kSeed, kT0), answer(202, accepted), kT0 + 100);
    EXPECT_FALSE(isTerminal(job.state)) << jobStateName(job.state) << ": " << job.errorMessage;
    return job;
}

// ---- states -------------------------------------------------------------------------------------
TEST(JobState, NamesAndTerminals) {
    EXPECT_STREQ(jobStateName(JobState::Submitting), "submitting");
    EXPECT_STREQ(jobStateName(JobState::Cancelled), "cancelled");
    for (JobState s : {JobState::Submitting, JobState::Queued, JobState::Running}) EXPECT_FALSE(isTerminal(s));
    for (JobState s : {JobState::Succeeded, JobState::Failed, JobState::Expired, JobState::Cancelled})
        EXPECT_TRUE(isTerminal(s));
}

TEST(JobStart, SubmittingUntilTheDeadline) {
    Job job = startJob(Dialect::OpenAI, {}, kSeed, kT0);
    EXPECT_EQ(job.state, JobState::Submitting);
    EXPECT_EQ(job.submittedAt, kT0);
    EXPECT_EQ(job.nextPollAt, -1);
    EXPECT_EQ(nextWakeAt(job), kT0 + 600000);  // seed 001 pollTimeoutMs default
}

TEST(JobStart, AiSdkHasNoWireProtocol) {
    Job job = startJob(Dialect::AiSdk, {}, kSeed, kT0);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "dialect_has_no_jobs");
}

// ---- the happy paths, per dialect -----------------------------------------------------------------
TEST(JobOpenAi, SubmitQueuedRunningSucceeded) {
    Job job = onSubmitted(startJob(Dialect::OpenAI, {}, kSeed, kT0),
                          ok(R"({"id":"video_1","object":"video","status":"queued","progress":0})"), kT0 + 300);
    EXPECT_EQ(job.state, JobState::Queued);
    EXPECT_EQ(job.id, "video_1");
    EXPECT_EQ(job.nextPollAt, kT0 + 300 + 5000);  // seed 001 pollIntervalMs default

    job = onPollResponse(job, ok(R"({"id":"video_1","status":"in_progress","progress":40})"), kT0 + 5300);
    EXPECT_EQ(job.state, JobState::Running);
    EXPECT_EQ(job.progress, 40);
    EXPECT_EQ(job.pollsMade, 1);
    EXPECT_EQ(job.lastPollAt, kT0 + 5300);
    EXPECT_EQ(job.nextPollAt, kT0 + 10300);

    job = onPollResponse(job, ok(R"({"id":"video_1","status":"completed","progress":100,"expires_at":1700003600})"),
                         kT0 + 10300);
    EXPECT_EQ(job.state, JobState::Succeeded);
    ASSERT_EQ(job.videos.size(), 1u);
    EXPECT_EQ(job.videos[0].url, "/v1/videos/video_1/content");
    EXPECT_EQ(job.expiresAt, 1700003600000);
    EXPECT_EQ(job.nextPollAt, -1);
    EXPECT_EQ(job.finishedAt, kT0 + 10300);
    EXPECT_EQ(job.errorCode, "");
}

TEST(JobOpenAi, FailedKeepsTheGatewaysMessageVerbatim) {
    Job job = onPollResponse(queuedJob(Dialect::OpenAI),
                             ok(R"({"id":"video_1","status":"failed","error":{"code":"moderation_blocked",
                                "message":"Your request was blocked by our moderation system."}})"),
                             kT0 + 5000);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "moderation_blocked");
    EXPECT_EQ(job.errorMessage, "Your request was blocked by our moderation system.");
}

TEST(JobOpenAi, FailedWithoutAReasonSaysSo) {
    Job job = onPollResponse(queuedJob(Dialect::OpenAI), ok(R"({"id":"video_1","status":"failed"})"), kT0 + 5000);
    EXPECT_EQ(job.errorCode, "generation_failed");
    EXPECT_EQ(job.errorMessage, "the gateway reported the job failed without saying why");
}

TEST(JobUnifiedSeed002, HeldOpenPostAnswersWithTheVideo) {
    Job job = onSubmitted(startJob(Dialect::Unified, {}, kSeed, kT0),
                          ok(R"({"created":1780047578,"model":"provider/video-model-id","duration":5,
                             "videos":[{"url":"https://api.aigate.shop/v1/videos/task_q/content",
                                        "mime_type":"video/mp4"}]})"),
                          kT0 + 90000);
    EXPECT_EQ(job.state, JobState::Succeeded);
    EXPECT_EQ(job.videos[0].url, "https://api.aigate.shop/v1/videos/task_q/content");
    EXPECT_EQ(job.progress, 100);
    EXPECT_EQ(job.expiresAt, kT0 + 90000 + 20 * 60 * 1000);  // "download within 20 minutes"
    EXPECT_EQ(nextWakeAt(job), job.expiresAt);
}

TEST(JobJobsSeed004, AcceptedPolledCompleted) {
    Job job = queuedJob(Dialect::Jobs);
    EXPECT_EQ(job.state, JobState::Queued);
    EXPECT_EQ(job.id, "j1");
    job = onPollResponse(job, ok(R"({"jobId":"j1","status":"PROCESSING","progress":10})"), kT0 + 5100);
    EXPECT_EQ(job.state, JobState::Running);
    job = onPollResponse(job, ok(R"({"jobId":"j1","status":"COMPLETED","videoUrl":"https://cdn.example/a.mp4"})"),
                         kT0 + 10100);
    EXPECT_EQ(job.state, JobState::Succeeded);
    EXPECT_EQ(job.videos[0].url, "https://cdn.example/a.mp4");
    EXPECT_EQ(job.expiresAt, -1);  // seed 004 says nothing about expiry
}

TEST(JobJobsSeed004, GatewayCancelled) {
    Job job = onPollResponse(queuedJob(Dialect::Jobs), ok(R"({"jobId":"j1","status":"CANCELLED"})"), kT0 + 5100);
    EXPECT_EQ(job.state, JobState::Cancelled);
    EXPECT_EQ(job.errorCode, "cancelled_by_gateway");
}

TEST(JobCreativeHubSeed003, PendingProcessingCompletedWithCost) {
    Job job = queuedJob(Dialect::CreativeHub);
    EXPECT_EQ(job.id, "c1");
    job = onPollResponse(job, ok(R"({"job_id":"c1","status":"processing"})"), kT0 + 5100);
    EXPECT_EQ(job.state, JobState::Running);
    job = onPollResponse(job, ok(R"({"job_id":"c1","status":"completed","result_urls":["https://drive.example/c.mp4"],
                                    "cost_cents":120})"),
                         kT0 + 10100);
    EXPECT_EQ(job.state, JobState::Succeeded);
    EXPECT_EQ(job.costCents, 120);
}

TEST(JobGateway, V3EventStreamResult) {
    // The held-open POST /v4/ai/video-model: heartbeats, then one data event, cut mid-line.
    SseParser parser;
    std::vector<SseEvent> events = feedSse(parser, ": ping\n\n: ping\n\ndata: {\"type\":\"result\",\"vid");
    for (const SseEvent& e : feedSse(parser,
                                     "eos\":[{\"type\":\"url\",\"url\":\"https://blob.example/v.mp4\","
                                     "\"mediaType\":\"video/mp4\"}]}\n\n"))
        events.push_back(e);
    ASSERT_EQ(events.size(), 3u);
    ASSERT_EQ(events[2].kind, SseEvent::Kind::Data);

    HttpResponse response;
    response.body = json::parse(events[2].data);
    Job job = onSubmitted(startJob(Dialect::Gateway, {}, kSeed, kT0), response, kT0 + 120000);
    EXPECT_EQ(job.state, JobState::Succeeded);
    EXPECT_EQ(job.videos[0].url, "https://blob.example/v.mp4");
}

TEST(JobGateway, V3ErrorEventUsesItsStatusCode) {
    Job refused = onSubmitted(startJob(Dialect::Gateway, {}, kSeed, kT0),
                              ok(R"({"type":"error","message":"Invalid duration","errorType":"invalid_request_error",
                                    "statusCode":400,"param":null})"),
                              kT0 + 500);
    EXPECT_EQ(refused.state, JobState::Failed);
    EXPECT_EQ(refused.errorMessage, "Invalid duration");
    EXPECT_EQ(refused.errorCode, "invalid_request_error");
    EXPECT_EQ(refused.errorHttpStatus, 400);

    // A 503 inside the stream is as transient as a 503 status: submit again after the backoff.
    Job busy = onSubmitted(startJob(Dialect::Gateway, {}, kSeed, kT0),
                           ok(R"({"type":"error","message":"Provider overloaded","errorType":"internal_server_error",
                                 "statusCode":503,"param":null})"),
                           kT0 + 500);
    EXPECT_EQ(busy.state, JobState::Submitting);
    EXPECT_EQ(busy.consecutiveErrors, 1);
    EXPECT_EQ(busy.nextPollAt, kT0 + 500 + 5483);  // the first backoff of seed 42
    EXPECT_EQ(busy.lastTransientError, "HTTP 503 from the gateway: Provider overloaded");
}

TEST(JobGateway, V4StartThenStatus) {
    Job job = queuedJob(Dialect::Gateway);
    EXPECT_EQ(job.state, JobState::Running);
    EXPECT_EQ(job.operation, json::parse(R"({"id":"op-1"})"));
    job = onPollResponse(job, ok(R"({"status":"pending"})"), kT0 + 5100);
    EXPECT_EQ(job.state, JobState::Running);
    EXPECT_EQ(job.operation, json::parse(R"({"id":"op-1"})"));  // a status answer does not erase it
    job = onPollResponse(
        job, ok(R"({"status":"completed","videos":[{"type":"base64","data":"AAAA","mediaType":"video/mp4"}]})"),
        kT0 + 10100);
    EXPECT_EQ(job.state, JobState::Succeeded);
    EXPECT_EQ(job.videos[0].base64, "AAAA");
}

// ---- events in the wrong state ----------------------------------------------------------------------
TEST(JobEvents, PollAnswerWhileSubmittingOrTerminalChangesNothing) {
    Job submitting = startJob(Dialect::OpenAI, {}, kSeed, kT0);
    EXPECT_EQ(onPollResponse(submitting, ok(R"({"id":"v","status":"completed"})"), kT0 + 1).state,
              JobState::Submitting);
    Job done = onPollResponse(queuedJob(Dialect::OpenAI), ok(R"({"id":"video_1","status":"completed"})"), kT0 + 5000);
    Job again = onPollResponse(done, ok(R"({"id":"video_1","status":"failed"})"), kT0 + 6000);
    EXPECT_EQ(again.state, JobState::Succeeded);
    EXPECT_EQ(again.pollsMade, done.pollsMade);
}

TEST(JobEvents, SecondSubmitAnswerIsIgnored) {
    Job job = queuedJob(Dialect::OpenAI);
    Job again = onSubmitted(job, ok(R"({"id":"video_2","status":"queued"})"), kT0 + 200);
    EXPECT_EQ(again.id, "video_1");
}

// ---- bad submit answers ----------------------------------------------------------------------------
TEST(JobSubmit, AcceptedWithoutAJobIdFails) {
    Job job = onSubmitted(startJob(Dialect::Jobs, {}, kSeed, kT0), answer(202, R"({"status":"QUEUED"})"), kT0 + 100);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "bad_gateway_response");
    EXPECT_EQ(job.errorMessage, "the gateway accepted the job but its answer has no \"jobId\" to follow it by");
}

TEST(JobSubmit, UnreadableAnswerIsNotResubmitted) {
    HttpResponse html{200, "", "", json("<html>OK</html>")};
    Job job = onSubmitted(startJob(Dialect::CreativeHub, {}, kSeed, kT0), html, kT0 + 100);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorMessage, "the gateway answered with text that is not JSON: \"<html>OK</html>\"");
}

TEST(JobSubmit, NetworkErrorFailsWithoutResubmitting) {
    Job job = onNetworkError(startJob(Dialect::Unified, {}, kSeed, kT0), "connection reset", kT0 + 300000);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "network_error");
    EXPECT_EQ(job.errorMessage, "the connection failed before the gateway answered: connection reset");
    EXPECT_NE(job.errorHint.find("billing"), std::string::npos);
}

TEST(JobSubmit, RefusedSubmissionIsRetriedLater) {
    Job job = onSubmitted(startJob(Dialect::Jobs, {}, kSeed, kT0), answer(503, R"({"error":"Service unavailable"})"),
                          kT0 + 100);  // seed 004: queue down
    EXPECT_EQ(job.state, JobState::Submitting);
    EXPECT_EQ(job.nextPollAt, kT0 + 100 + 5483);
    job = onSubmitted(job, answer(202, R"({"jobId":"j9","status":"QUEUED"})"), job.nextPollAt);
    EXPECT_EQ(job.state, JobState::Queued);
    EXPECT_EQ(job.consecutiveErrors, 0);
    EXPECT_EQ(job.lastTransientError, "");
}

// ---- bad poll answers ----------------------------------------------------------------------------
TEST(JobPoll, UnknownStatusWordFails) {
    Job job = onPollResponse(queuedJob(Dialect::OpenAI), ok(R"({"id":"video_1","status":"weird"})"), kT0 + 5000);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "bad_gateway_response");
    EXPECT_EQ(job.errorMessage,
              "the gateway answered status \"weird\", which is not one of queued, in_progress, completed, failed");
}

TEST(JobPoll, NonJsonAnswerIsRetried) {
    HttpResponse html{200, "", "", json("<html>maintenance</html>")};
    Job job = onPollResponse(queuedJob(Dialect::Jobs), html, kT0 + 5100);
    EXPECT_EQ(job.state, JobState::Queued);
    EXPECT_EQ(job.consecutiveErrors, 1);
    EXPECT_EQ(job.lastTransientError, "the gateway answered with text that is not JSON: \"<html>maintenance</html>\"");
}

TEST(JobPoll, CompletedWithoutVideoFails) {
    Job job =
        onPollResponse(queuedJob(Dialect::CreativeHub), ok(R"({"job_id":"c1","status":"completed"})"), kT0 + 5100);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorMessage, "the gateway reported the job completed but sent no video (looked for result_urls)");
}

// ---- backoff -----------------------------------------------------------------------------------------
TEST(JobBackoff, ExactSequenceForAFixedSeed) {
    PollPolicy policy;  // 5 s, x2, ±20%, capped at 60 s
    uint64_t rng = kSeed;
    const int64_t expected[] = {5483, 8640, 18229, 37507, 48913, 60000, 53242};
    for (int n = 1; n <= 7; ++n) EXPECT_EQ(backoffDelayMs(policy, n, rng), expected[n - 1]) << "error " << n;
}

TEST(JobBackoff, WithoutJitterItIsPureExponentialCapped) {
    PollPolicy policy;
    policy.jitterFraction = 0;
    uint64_t rng = kSeed;
    const int64_t expected[] = {5000, 10000, 20000, 40000, 60000, 60000, 60000};
    for (int n = 1; n <= 7; ++n) EXPECT_EQ(backoffDelayMs(policy, n, rng), expected[n - 1]) << "error " << n;
}

TEST(JobBackoff, JitterStaysWithinItsBoundsAndUsesBothSides) {
    PollPolicy policy;
    bool below = false, above = false;
    for (uint64_t seed = 0; seed < 500; ++seed) {
        uint64_t rng = seed;
        for (int n = 1; n <= 6; ++n) {
            const double base = std::min(5000.0 * (1 << (n - 1)), 60000.0);
            const int64_t delay = backoffDelayMs(policy, n, rng);
            EXPECT_GE(delay, std::llround(base * 0.8));
            EXPECT_LE(delay, std::min<int64_t>(std::llround(base * 1.2), 60000));
            below = below || delay < base;
            above = above || delay > base;
        }
    }
    EXPECT_TRUE(below);
    EXPECT_TRUE(above);
}

TEST(JobBackoff, SeedsGiveDifferentSchedulesAndTheSameSeedTheSame) {
    PollPolicy policy;
    uint64_t a = 1, b = 1, c = 2;
    EXPECT_EQ(backoffDelayMs(policy, 1, a), backoffDelayMs(policy, 1, b));
    a = 1;
    EXPECT_NE(backoffDelayMs(policy, 1, a), backoffDelayMs(policy, 1, c));
}

TEST(JobBackoffSeed002, ServerErrorsBackOffThenSuccessResets) {
    Job job = queuedJob(Dialect::Unified, patientPolicy());
    const char* apiError =
        R"({"error":{"message":"Provider temporarily unavailable","type":"api_error","code":"api_error",
                     "status":503}})";
    int64_t now = kT0 + 5100;
    const int64_t expected[] = {5483, 8640, 18229, 37507};
    const int statuses[] = {500, 502, 503, 503};
    for (int i = 0; i < 4; ++i) {
        job = onPollResponse(job, answer(statuses[i], apiError), now);
        EXPECT_EQ(job.state, JobState::Queued);
        EXPECT_EQ(job.consecutiveErrors, i + 1);
        EXPECT_EQ(job.nextPollAt, now + expected[i]) << "error " << i + 1;
        now = job.nextPollAt;
    }
    EXPECT_EQ(job.lastTransientError, "HTTP 503 from the gateway: Provider temporarily unavailable");
    job = onPollResponse(job, ok(R"({"id":"video_1","status":"in_progress"})"), now);
    EXPECT_EQ(job.consecutiveErrors, 0);
    EXPECT_EQ(job.nextPollAt, now + 5000);
    EXPECT_EQ(job.lastTransientError, "");
}

TEST(JobBackoff, NetworkErrorsAndTimeoutsBackOffToo) {
    Job job = onNetworkError(queuedJob(Dialect::OpenAI), "ECONNRESET", kT0 + 5000);
    EXPECT_EQ(job.state, JobState::Queued);
    EXPECT_EQ(job.nextPollAt, kT0 + 5000 + 5483);
    EXPECT_EQ(job.lastTransientError, "network error: ECONNRESET");
    job = onPollResponse(job, answer(408, nullptr), job.nextPollAt);
    EXPECT_EQ(job.consecutiveErrors, 2);
    EXPECT_EQ(job.lastTransientError, "HTTP 408 from the gateway");
}

TEST(JobBackoff, TooManyErrorsInARowFails) {
    PollPolicy policy;
    policy.maxConsecutiveErrors = 3;
    Job job = queuedJob(Dialect::Jobs, policy);
    job = onPollResponse(job, answer(503, R"({"error":"Queue temporarily down"})"), kT0 + 5100);
    job = onNetworkError(job, "timeout", job.nextPollAt);
    EXPECT_EQ(job.state, JobState::Queued);
    job = onPollResponse(job, answer(503, R"({"error":"Queue temporarily down"})"), job.nextPollAt);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "too_many_errors");
    EXPECT_EQ(job.errorMessage,
              "gave up after 3 transient errors in a row; the last: HTTP 503 from the gateway: Queue temporarily down");
}

// ---- Retry-After and openai-poll-after-ms ---------------------------------------------------------
TEST(JobRetryAfter, SecondsOverrideBackoff) {
    Job job =
        onPollResponse(queuedJob(Dialect::Jobs), answer(429, R"({"error":"Too many requests"})", "30"), kT0 + 5100);
    EXPECT_EQ(job.state, JobState::Queued);
    EXPECT_EQ(job.nextPollAt, kT0 + 5100 + 30000);
}

TEST(JobRetryAfter, HttpDateOverridesBackoff) {
    const int64_t date = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT
    Job job = queuedJob(Dialect::OpenAI);
    job.submittedAt = date - 10000;  // keep the deadline ahead of this test's clock
    job = onPollResponse(job, answer(503, nullptr, "Sun, 06 Nov 1994 08:49:37 GMT"), date - 90000);
    EXPECT_EQ(job.nextPollAt, date);
}

TEST(JobRetryAfter, OverridesTheNormalIntervalAndThePollAfterHint) {
    Job hinted = onPollResponse(queuedJob(Dialect::OpenAI),
                                answer(200, R"({"id":"video_1","status":"in_progress"})", "", "2500"), kT0 + 5000);
    EXPECT_EQ(hinted.nextPollAt, kT0 + 5000 + 2500);  // openai-poll-after-ms
    Job both = onPollResponse(queuedJob(Dialect::OpenAI),
                              answer(200, R"({"id":"video_1","status":"in_progress"})", "12", "2500"), kT0 + 5000);
    EXPECT_EQ(both.nextPollAt, kT0 + 5000 + 12000);  // Retry-After wins
}

TEST(JobRetryAfter, UnreadableValuesAreIgnored) {
    Job job = onPollResponse(queuedJob(Dialect::OpenAI), answer(503, nullptr, "soon", "fast"), kT0 + 5000);
    EXPECT_EQ(job.nextPollAt, kT0 + 5000 + 5483);  // plain backoff
}

TEST(RetryAfterParse, DeltaSeconds) {
    EXPECT_EQ(parseRetryAfterMs("120", kT0), 120000);
    EXPECT_EQ(parseRetryAfterMs(" 0 ", kT0), 0);
    EXPECT_EQ(parseRetryAfterMs("99999999999999999999999", kT0), 365LL * 24 * 3600 * 1000);  // clamped
    EXPECT_FALSE(parseRetryAfterMs("-5", kT0));
    EXPECT_FALSE(parseRetryAfterMs("1.5", kT0));
    EXPECT_FALSE(parseRetryAfterMs("", kT0));
}

TEST(RetryAfterParse, AllThreeHttpDateForms) {
    const int64_t date = 784111777000;
    EXPECT_EQ(parseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", date - 5000), 5000);   // IMF-fixdate
    EXPECT_EQ(parseRetryAfterMs("Sunday, 06-Nov-94 08:49:37 GMT", date - 5000), 5000);  // RFC 850
    EXPECT_EQ(parseRetryAfterMs("Sun Nov  6 08:49:37 1994", date - 5000), 5000);        // asctime
    EXPECT_EQ(parseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", date + 60000), 0);     // already past
    EXPECT_EQ(parseRetryAfterMs("Wed, 29 Feb 2040 23:59:59 GMT", 0), 2214172799000);
}

TEST(RetryAfterParse, MalformedDates) {
    EXPECT_FALSE(parseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 PST", 0));
    EXPECT_FALSE(parseRetryAfterMs("Sun, 06 Foo 1994 08:49:37 GMT", 0));
    EXPECT_FALSE(parseRetryAfterMs("Sun, 06 Nov 1994 25:49:37 GMT", 0));
    EXPECT_FALSE(parseRetryAfterMs("Sun, 06 Nov 199 08:49:37 GMT", 0));
    EXPECT_FALSE(parseRetryAfterMs("tomorrow", 0));
}

// ---- deadline ---------------------------------------------------------------------------------------
TEST(JobDeadlineSeed001, GivesUpAfterPollTimeoutMs) {
    Job job = queuedJob(Dialect::OpenAI);
    EXPECT_EQ(checkDeadline(job, kT0 + 599999).state, JobState::Queued);
    job = checkDeadline(job, kT0 + 600000);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "poll_timeout");
    EXPECT_EQ(job.errorMessage, "gave up after 10 minutes without a result (pollTimeoutMs)");
    EXPECT_EQ(job.finishedAt, kT0 + 600000);
}

TEST(JobDeadlineSeed001, CustomDeadlineIsDescribed) {
    PollPolicy policy;
    policy.deadlineMs = 90000;
    Job job = checkDeadline(startJob(Dialect::Unified, policy, kSeed, kT0), kT0 + 90000);
    EXPECT_EQ(job.errorMessage, "gave up after 90 seconds without a result (pollTimeoutMs)");
}

TEST(JobDeadlineSeed001, AStillRunningAnswerPastTheDeadlineFails) {
    Job job =
        onPollResponse(queuedJob(Dialect::CreativeHub), ok(R"({"job_id":"c1","status":"processing"})"), kT0 + 600001);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "poll_timeout");
}

TEST(JobDeadlineSeed001, AResultPastTheDeadlineIsStillTaken) {
    Job job =
        onPollResponse(queuedJob(Dialect::CreativeHub),
                       ok(R"({"job_id":"c1","status":"completed","result_urls":["https://d/c.mp4"]})"), kT0 + 600001);
    EXPECT_EQ(job.state, JobState::Succeeded);
}

TEST(JobDeadlineSeed001, WakeAtTheEarlierOfNextPollAndDeadline) {
    Job job = queuedJob(Dialect::Jobs);
    EXPECT_EQ(nextWakeAt(job), kT0 + 100 + 5000);
    job = onPollResponse(job, answer(429, nullptr, "3600"), kT0 + 5100);  // asked to wait an hour
    EXPECT_EQ(job.nextPollAt, kT0 + 5100 + 3600000);
    EXPECT_EQ(nextWakeAt(job), kT0 + 600000);
    EXPECT_EQ(nextWakeAt(cancel(job, kT0 + 6000)), -1);
}

TEST(DescribeDuration, Units) {
    EXPECT_EQ(describeDuration(600000), "10 minutes");
    EXPECT_EQ(describeDuration(60000), "1 minute");
    EXPECT_EQ(describeDuration(90000), "90 seconds");
    EXPECT_EQ(describeDuration(1000), "1 second");
    EXPECT_EQ(describeDuration(7200000), "2 hours");
    EXPECT_EQ(describeDuration(1500), "1500 ms");
}

// ---- cancel --------------------------------------------------------------------------------------
TEST(JobCancel, EveryNonTerminalStateBecomesCancelled) {
    Job submitting = startJob(Dialect::Unified, {}, kSeed, kT0);
    Job queued = queuedJob(Dialect::Jobs);
    Job running = onPollResponse(queuedJob(Dialect::Jobs), ok(R"({"jobId":"j1","status":"RUNNING"})"), kT0 + 5100);
    ASSERT_EQ(running.state, JobState::Running);
    for (const Job& job : {submitting, queued, running}) {
        Job cancelled = cancel(job, kT0 + 7000);
        EXPECT_EQ(cancelled.state, JobState::Cancelled) << jobStateName(job.state);
        EXPECT_EQ(cancelled.errorCode, "cancelled_by_user");
        EXPECT_EQ(cancelled.nextPollAt, -1);
        EXPECT_EQ(cancelled.finishedAt, kT0 + 7000);
    }
}

TEST(JobCancel, TerminalJobsAreLeftAsTheyAre) {
    Job succeeded =
        onPollResponse(queuedJob(Dialect::OpenAI), ok(R"({"id":"video_1","status":"completed"})"), kT0 + 5000);
    Job failed = onPollResponse(queuedJob(Dialect::OpenAI),
                                answer(404, R"({"error":{"message":"No such video","code":"not_found"}})"), kT0 + 5000);
    Job expired = onContentResponse(succeeded, 410, json(), kT0 + 9000);
    Job cancelled = cancel(queuedJob(Dialect::OpenAI), kT0 + 5000);
    for (const Job& job : {succeeded, failed, expired, cancelled}) {
        ASSERT_TRUE(isTerminal(job.state));
        Job after = cancel(job, kT0 + 20000);
        EXPECT_EQ(after.state, job.state);
        EXPECT_EQ(after.errorCode, job.errorCode);
        EXPECT_EQ(after.errorMessage, job.errorMessage);
        EXPECT_EQ(after.finishedAt, job.finishedAt);
    }
}

// ---- seed 002's error table, and what the other dialects do with the same statuses ---------------
TEST(JobErrorsSeed002, Http410OnTheStatusPollIsExpired) {
    Job job = onPollResponse(queuedJob(Dialect::Unified),
                             answer(410, R"({"error":{"message":"Video link expired","type":"invalid_request_error",
                                    "code":"http_410","status":410}})"),
                             kT0 + 5000);
    EXPECT_EQ(job.state, JobState::Expired);
    EXPECT_EQ(job.errorCode, "http_410");
    EXPECT_EQ(job.errorMessage, "Video link expired");
    EXPECT_EQ(job.errorHint,
              "Generate again, and download results soon after they finish (links last 20 minutes)");
}

TEST(JobErrorsSeed002, Http410OnTheContentIsExpired) {
    Job done = onSubmitted(startJob(Dialect::Unified, {}, kSeed, kT0),
                           ok(R"({"created":1,"videos":[{"url":"https://api.aigate.shop/v1/videos/t/content"}]})"),
                           kT0 + 1000);
    EXPECT_EQ(onContentResponse(done, 200, json(), kT0 + 2000).state, JobState::Succeeded);
    Job expired = onContentResponse(
        done, 410, json::parse(R"({"error":{"message":"Video link expired","code":"http_410"}})"), kT0 + 2000);
    EXPECT_EQ(expired.state, JobState::Expired);
    EXPECT_EQ(expired.errorMessage, "Video link expired");
    EXPECT_EQ(expired.errorHttpStatus, 410);
    // Only a finished job's links can expire.
    EXPECT_EQ(onContentResponse(queuedJob(Dialect::Unified), 410, json(), kT0 + 2000).state, JobState::Queued);
}

TEST(JobErrorsSeed002, LinksPastTheirLifetimeExpire) {
    Job done =
        onSubmitted(startJob(Dialect::Unified, {}, kSeed, kT0),
                    ok(R"({"created":1,"videos":[{"url":"https://api.aigate.shop/v1/videos/t/content"}]})"), kT0);
    EXPECT_EQ(checkDeadline(done, kT0 + 20 * 60 * 1000 - 1).state, JobState::Succeeded);
    Job expired = checkDeadline(done, kT0 + 20 * 60 * 1000);
    EXPECT_EQ(expired.state, JobState::Expired);
    EXPECT_EQ(expired.errorCode, "links_expired");
    EXPECT_EQ(nextWakeAt(expired), -1);
}

TEST(JobErrorsSeed002, Quota429FailsWithTheSeedsFix) {
    Job job = onPollResponse(queuedJob(Dialect::Unified),
                             answer(429, R"({"error":{"message":"Insufficient balance for this request",
                                    "type":"insufficient_quota","code":"insufficient_quota","status":429}})",
                                    "5"),
                             kT0 + 5000);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "insufficient_quota");
    EXPECT_EQ(job.errorMessage, "Insufficient balance for this request");
    EXPECT_EQ(job.errorHttpStatus, 429);
    EXPECT_EQ(job.errorHint.rfind("Add balance or reduce generation parameters", 0), 0u);
}

TEST(JobErrorsSeed002, Unified429WithoutABodyIsStillQuota) {
    Job job = onSubmitted(startJob(Dialect::Unified, {}, kSeed, kT0), answer(429, nullptr), kT0 + 100);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "insufficient_quota");
    EXPECT_EQ(job.errorMessage, "not enough balance or quota (HTTP 429)");
}

TEST(JobErrorsSeed002, Plain429IsRetriedInOtherDialects) {
    for (Dialect dialect : {Dialect::OpenAI, Dialect::Jobs, Dialect::CreativeHub, Dialect::Gateway}) {
        Job job = onPollResponse(
            queuedJob(dialect),
            answer(429, R"({"error":{"message":"Rate limit exceeded","type":"rate_limit_exceeded"}})"), kT0 + 5000);
        EXPECT_FALSE(isTerminal(job.state)) << static_cast<int>(dialect);
        EXPECT_EQ(job.consecutiveErrors, 1) << static_cast<int>(dialect);
    }
}

TEST(JobErrorsSeed002, OpenAiQuota429IsNotRetried) {
    Job job =
        onPollResponse(queuedJob(Dialect::OpenAI),
                       answer(429, R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota",
                                    "code":"insufficient_quota"}})"),
                       kT0 + 5000);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorMessage, "You exceeded your current quota");
}

TEST(JobErrorsSeed002, Http401And404FailWithTheSeedsFix) {
    Job unauthorized = onSubmitted(startJob(Dialect::Unified, {}, kSeed, kT0),
                                   answer(401, R"({"error":{"message":"Invalid API key","type":"invalid_request_error",
                                          "code":"http_401","status":401}})"),
                                   kT0 + 100);
    EXPECT_EQ(unauthorized.state, JobState::Failed);
    EXPECT_EQ(unauthorized.errorCode, "http_401");
    EXPECT_EQ(unauthorized.errorMessage, "Invalid API key");
    EXPECT_EQ(unauthorized.errorHint, "Check the API key (sent as Authorization: Bearer sk-...)");

    Job missing = onPollResponse(
        queuedJob(Dialect::Unified),
        answer(404, R"({"error":{"message":"Task not found","code":"not_found","status":404}})"), kT0 + 5000);
    EXPECT_EQ(missing.errorCode, "not_found");
    EXPECT_EQ(missing.errorMessage, "Task not found");
    EXPECT_EQ(missing.errorHint, "Check the endpoint, model id and job id");
}

TEST(JobErrorsSeed002, ApiError5xxIsRetried) {
    for (int status : {500, 502, 503}) {
        Job job = onPollResponse(
            queuedJob(Dialect::Unified),
            answer(status, R"({"error":{"message":"Provider busy","type":"api_error","code":"api_error"}})"),
            kT0 + 5000);
        EXPECT_EQ(job.state, JobState::Queued) << status;
        EXPECT_EQ(job.nextPollAt, kT0 + 5000 + 5483) << status;
    }
}

TEST(JobErrorsSeed004, InsufficientCredits402Fails) {
    Job job = onSubmitted(startJob(Dialect::Jobs, {}, kSeed, kT0), answer(402, R"({"error":"Insufficient credits"})"),
                          kT0 + 100);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.errorCode, "http_402");
    EXPECT_EQ(job.errorMessage, "Insufficient credits");
    EXPECT_EQ(job.errorHint, "Add credits (the gateway answered: insufficient credits)");
}

TEST(JobErrors, RefusalWithoutAMessageSaysWhatHappened) {
    Job job = onPollResponse(queuedJob(Dialect::Jobs), answer(400, nullptr), kT0 + 5000);
    EXPECT_EQ(job.errorCode, "http_400");
    EXPECT_EQ(job.errorMessage, "the gateway refused the request with HTTP 400 and no message");
}

}  // namespace
}  // namespace vg
