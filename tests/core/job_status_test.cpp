// Per-dialect reading of job bodies: realistic answers of each gateway, and the bad ones.
#include "jobs/job_status.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

StatusReading read(Dialect dialect, const char* body) { return readJobBody(dialect, json::parse(body)); }

// ---- openai (OpenAI Videos API; seed 002 accepts POST /v1/videos) ------------------------------
TEST(OpenAiStatus, QueuedAndInProgressWithProgress) {
    StatusReading queued = read(Dialect::OpenAI, R"({"id":"video_68d7","object":"video","model":"sora-2",
        "status":"queued","progress":0,"created_at":1758941485,"size":"1280x720","seconds":"8"})");
    EXPECT_EQ(queued.state, JobState::Queued);
    EXPECT_EQ(queued.jobId, "video_68d7");
    EXPECT_EQ(queued.progress, 0);

    StatusReading running = read(Dialect::OpenAI, R"({"id":"video_68d7","status":"in_progress","progress":33})");
    EXPECT_EQ(running.state, JobState::Running);
    EXPECT_EQ(running.progress, 33);
}

TEST(OpenAiStatus, CompletedPointsAtTheContentRouteAndReadsExpiry) {
    StatusReading done = read(Dialect::OpenAI, R"({"id":"video_68d7","status":"completed","progress":100,
        "completed_at":1758941585,"expires_at":1759027985,"error":null})");
    ASSERT_EQ(done.state, JobState::Succeeded);
    ASSERT_EQ(done.videos.size(), 1u);
    EXPECT_EQ(done.videos[0].url, "/v1/videos/video_68d7/content");
    EXPECT_EQ(done.videos[0].mimeType, "video/mp4");
    EXPECT_EQ(done.expiresAt, 1759027985000);
}

TEST(OpenAiStatus, FailedKeepsTheGatewaysCodeAndMessage) {
    StatusReading failed = read(Dialect::OpenAI, R"({"id":"video_1","status":"failed",
        "error":{"code":"moderation_blocked","message":"Your request was blocked by our moderation system."}})");
    EXPECT_EQ(failed.state, JobState::Failed);
    EXPECT_EQ(failed.errorCode, "moderation_blocked");
    EXPECT_EQ(failed.errorMessage, "Your request was blocked by our moderation system.");
}

TEST(OpenAiStatus, ProgressIsClampedAndNonNumbersIgnored) {
    EXPECT_EQ(read(Dialect::OpenAI, R"({"id":"v","status":"in_progress","progress":140})").progress, 100);
    EXPECT_EQ(read(Dialect::OpenAI, R"({"id":"v","status":"in_progress","progress":12.6})").progress, 13);
    EXPECT_EQ(read(Dialect::OpenAI, R"({"id":"v","status":"in_progress","progress":"half"})").progress, -1);
}

TEST(OpenAiStatus, UnknownStatusWordSaysWhatTheGatewaySent) {
    StatusReading weird = read(Dialect::OpenAI, R"({"id":"v","status":"weird"})");
    EXPECT_FALSE(weird.state);
    EXPECT_FALSE(weird.retryable);
    EXPECT_EQ(weird.problem,
              "the gateway answered status \"weird\", which is not one of queued, in_progress, completed, failed");
}

TEST(OpenAiStatus, StatusOfTheWrongTypeOrMissing) {
    EXPECT_EQ(read(Dialect::OpenAI, R"({"id":"v","status":42})").problem,
              "the gateway answered status 42, which is not one of queued, in_progress, completed, failed");
    StatusReading missing = read(Dialect::OpenAI, R"({"id":"v"})");
    EXPECT_FALSE(missing.state);
    EXPECT_EQ(missing.problem,
              "the gateway's answer has no \"status\" (expected one of queued, in_progress, completed, failed): "
              "{\"id\":\"v\"}");
}

TEST(OpenAiStatus, CompletedWithoutAnIdHasNothingToFetch) {
    StatusReading done = read(Dialect::OpenAI, R"({"status":"completed"})");
    EXPECT_FALSE(done.state);
    EXPECT_EQ(done.problem,
              "the gateway reported the job completed but sent no video (looked for an \"id\" to "
              "fetch /v1/videos/{id}/content with)");
}

// ---- bodies that are not what any dialect speaks ------------------------------------------------
TEST(AnyDialectStatus, TextThatIsNotJsonIsRetryable) {
    StatusReading html = readJobBody(Dialect::Jobs, json("<html><body>502 Bad Gateway</body></html>"));
    EXPECT_FALSE(html.state);
    EXPECT_TRUE(html.retryable);
    EXPECT_EQ(html.problem,
              "the gateway answered with text that is not JSON: \"<html><body>502 Bad Gateway</body></html>\"");
}

TEST(AnyDialectStatus, EmptyBodyIsRetryable) {
    StatusReading empty = readJobBody(Dialect::CreativeHub, json());
    EXPECT_TRUE(empty.retryable);
    EXPECT_EQ(empty.problem, "the gateway answered with an empty body");
}

TEST(AnyDialectStatus, JsonThatIsNotAnObjectIsNotRetryable) {
    StatusReading array = read(Dialect::OpenAI, R"([1,2])");
    EXPECT_FALSE(array.retryable);
    EXPECT_EQ(array.problem, "the gateway answered [1,2], which is not a JSON object");
}

TEST(AnyDialectStatus, LongValuesAreQuotedClipped) {
    const std::string longWord(500, 'x');
    StatusReading reading = readJobBody(Dialect::OpenAI, json{{"id", "v"}, {"status", longWord}});
    EXPECT_LT(reading.problem.size(), 250u);
    EXPECT_NE(reading.problem.find("xxx..."), std::string::npos);
}

TEST(AnyDialectStatus, AiSdkHasNoJobProtocol) {
    EXPECT_EQ(read(Dialect::AiSdk, R"({"status":"queued"})").problem,
              "the aisdk dialect has no job protocol of its own: its calls go through gateway");
}

// ---- unified (seed 002) ---------------------------------------------------------------------------
TEST(UnifiedSeed002, HeldOpenAnswerIsTheResult) {
    StatusReading done = read(Dialect::Unified, R"({ "created": 1780047578, "model": "provider/video-model-id",
        "duration": 5, "videos": [ {
        "url": "https://api.aigate.shop/v1/videos/task_qZj21ARTSQzsyHoh82QBs7oPwnKvCOIu/content", "mime_type": "video/mp4" } ]})");
    ASSERT_EQ(done.state, JobState::Succeeded);
    ASSERT_EQ(done.videos.size(), 1u);
    EXPECT_EQ(done.videos[0].url, "https://api.aigate.shop/v1/videos/task_qZj21ARTSQzsyHoh82QBs7oPwnKvCOIu/content");
    EXPECT_EQ(done.videos[0].mimeType, "video/mp4");
    EXPECT_EQ(done.linksLiveMs, 20 * 60 * 1000);  // "download within 20 minutes"
}

TEST(UnifiedSeed002, TaskStatusReadsLikeOpenAi) {
    StatusReading running = read(Dialect::Unified, R"({"id":"task_qZj2","status":"in_progress","progress":50})");
    EXPECT_EQ(running.state, JobState::Running);
    EXPECT_EQ(running.jobId, "task_qZj2");
    StatusReading done = read(Dialect::Unified, R"({"id":"task_qZj2","status":"completed"})");
    ASSERT_EQ(done.state, JobState::Succeeded);
    EXPECT_EQ(done.videos[0].url, "/v1/videos/task_qZj2/content");
}

TEST(UnifiedSeed002, EmptyVideoListIsNotAResult) {
    StatusReading reading = read(Dialect::Unified, R"({"created":1,"videos":[]})");
    EXPECT_FALSE(reading.state);  // no status either: the missing "status" is reported
    EXPECT_NE(reading.problem.find("no \"status\""), std::string::npos);
}

// ---- jobs (seed 004) ------------------------------------------------------------------------------
TEST(JobsSeed004, SubmitAnswerIsQueuedWithJobId) {
    StatusReading queued = read(Dialect::Jobs, R"({"jobId":"b2c3d4e5-f6a7-8901-bcde-f23456789012","status":"QUEUED"})");
    EXPECT_EQ(queued.state, JobState::Queued);
    EXPECT_EQ(queued.jobId, "b2c3d4e5-f6a7-8901-bcde-f23456789012");
}

TEST(JobsSeed004, EveryStatusWordMaps) {
    const std::pair<const char*, JobState> words[] = {
        {"QUEUED", JobState::Queued},       {"PENDING", JobState::Queued},      {"PROCESSING", JobState::Running},
        {"RUNNING", JobState::Running},     {"IN_PROGRESS", JobState::Running}, {"FAILED", JobState::Failed},
        {"CANCELLED", JobState::Cancelled}, {"CANCELED", JobState::Cancelled},  {"processing", JobState::Running}};
    for (const auto& [word, state] : words) {
        EXPECT_EQ(readJobBody(Dialect::Jobs, json{{"jobId", "j"}, {"status", word}}).state, state) << word;
    }
    for (const char* done : {"COMPLETED", "SUCCEEDED", "completed"}) {
        json body = {{"jobId", "j"}, {"status", done}, {"videoUrl", "https://cdn.example/a.mp4"}};
        EXPECT_EQ(readJobBody(Dialect::Jobs, body).state, JobState::Succeeded) << done;
    }
}

TEST(JobsSeed004, VideosAcceptedUnderEveryDocumentedName) {
    const char* bodies[] = {
        R"({"jobId":"j","status":"COMPLETED","videos":[{"url":"https://cdn.example/a.mp4","mimeType":"video/mp4"}]})",
        R"({"jobId":"j","status":"COMPLETED","videoUrl":"https://cdn.example/a.mp4"})",
        R"({"jobId":"j","status":"COMPLETED","videoUrls":["https://cdn.example/a.mp4"]})",
        R"({"jobId":"j","status":"COMPLETED","result":{"videos":["https://cdn.example/a.mp4"]}})",
        R"({"jobId":"j","status":"COMPLETED","result":{"videoUrl":"https://cdn.example/a.mp4"}})",
    };
    for (const char* body : bodies) {
        StatusReading done = read(Dialect::Jobs, body);
        ASSERT_EQ(done.state, JobState::Succeeded) << body;
        ASSERT_EQ(done.videos.size(), 1u) << body;
        EXPECT_EQ(done.videos[0].url, "https://cdn.example/a.mp4") << body;
    }
}

TEST(JobsSeed004, MidjourneyFourVideos) {
    StatusReading done = read(Dialect::Jobs, R"({"jobId":"j","status":"COMPLETED","progress":100,
        "result":{"videos":[{"url":"https://c/1.mp4"},{"url":"https://c/2.mp4"},
                              {"url":"https://c/3.mp4"},{"url":"https://c/4.mp4"}]}})");
    ASSERT_EQ(done.state, JobState::Succeeded);
    EXPECT_EQ(done.videos.size(), 4u);
}

TEST(JobsSeed004, CompletedWithoutVideoNamesWhereItLooked) {
    StatusReading done = read(Dialect::Jobs, R"({"jobId":"j","status":"COMPLETED"})");
    EXPECT_FALSE(done.state);
    EXPECT_EQ(done.problem,
              "the gateway reported the job completed but sent no video (looked for videos, "
              "videoUrls, videoUrl, result.videos, result.videoUrls, result.videoUrl)");
}

TEST(JobsSeed004, FailureMessageAsStringObjectOrErrorMessage) {
    EXPECT_EQ(read(Dialect::Jobs, R"({"jobId":"j","status":"FAILED","error":"Content policy violation"})").errorMessage,
              "Content policy violation");
    StatusReading object =
        read(Dialect::Jobs, R"({"jobId":"j","status":"FAILED","error":{"code":"E42","message":"Upstream timeout"}})");
    EXPECT_EQ(object.errorCode, "E42");
    EXPECT_EQ(object.errorMessage, "Upstream timeout");
    EXPECT_EQ(read(Dialect::Jobs, R"({"jobId":"j","status":"FAILED","errorMessage":"Bad seed"})").errorMessage,
              "Bad seed");
}

TEST(JobsSeed004, UnknownWordListsTheAcceptedOnes) {
    EXPECT_EQ(read(Dialect::Jobs, R"({"jobId":"j","status":"PAUSED"})").problem,
              "the gateway answered status \"PAUSED\", which is not one of QUEUED, PENDING, PROCESSING, RUNNING, "
              "IN_PROGRESS, COMPLETED, SUCCEEDED, FAILED, CANCELLED, CANCELED");
}

// ---- creative hub (seed 003) ----------------------------------------------------------------------
TEST(CreativeHubSeed003, PendingThenProcessing) {
    StatusReading pending = read(Dialect::CreativeHub, R"({"job_id":"ch_123","status":"pending"})");
    EXPECT_EQ(pending.state, JobState::Queued);
    EXPECT_EQ(pending.jobId, "ch_123");
    EXPECT_EQ(read(Dialect::CreativeHub, R"({"job_id":"ch_123","status":"processing"})").state, JobState::Running);
}

TEST(CreativeHubSeed003, CompletedWithResultUrlsAndCost) {
    StatusReading done = read(Dialect::CreativeHub, R"({"job_id":"ch_123","status":"completed",
        "result_urls":["https://drive.example/folder/clip.mp4"],"cost_cents":85,"error_message":null})");
    ASSERT_EQ(done.state, JobState::Succeeded);
    ASSERT_EQ(done.videos.size(), 1u);
    EXPECT_EQ(done.videos[0].url, "https://drive.example/folder/clip.mp4");
    EXPECT_EQ(done.costCents, 85);
}

TEST(CreativeHubSeed003, FailedKeepsErrorMessage) {
    StatusReading failed =
        read(Dialect::CreativeHub,
             R"({"job_id":"ch_123","status":"failed","error_message":"Generation timed out","cost_cents":0})");
    EXPECT_EQ(failed.state, JobState::Failed);
    EXPECT_EQ(failed.errorMessage, "Generation timed out");
    EXPECT_EQ(failed.costCents, 0);  // "Failed jobs free"
}

TEST(CreativeHubSeed003, CompletedWithoutResultUrls) {
    EXPECT_EQ(read(Dialect::CreativeHub, R"({"job_id":"c","status":"completed","result_urls":[]})").problem,
              "the gateway reported the job completed but sent no video (looked for result_urls)");
}

// ---- gateway (Vercel AI Gateway, as @ai-sdk/gateway reads it; seeds 000/001) ---------------------
TEST(GatewayStatus, V3ResultEventWithUrlAndBase64Videos) {
    StatusReading done = read(Dialect::Gateway, R"({"type":"result","videos":[
        {"type":"url","url":"https://blob.example/v.mp4","mediaType":"video/mp4"},
        {"type":"base64","data":"AAAAIGZ0eXBpc29t","mediaType":"video/webm"}],"warnings":[]})");
    ASSERT_EQ(done.state, JobState::Succeeded);
    ASSERT_EQ(done.videos.size(), 2u);
    EXPECT_EQ(done.videos[0].url, "https://blob.example/v.mp4");
    EXPECT_EQ(done.videos[1].base64, "AAAAIGZ0eXBpc29t");
    EXPECT_EQ(done.videos[1].url, "");
    EXPECT_EQ(done.videos[1].mimeType, "video/webm");
}

TEST(GatewayStatus, V3ErrorEvent) {
    StatusReading failed = read(Dialect::Gateway, R"({"type":"error","message":"Prompt was flagged",
        "errorType":"invalid_request_error","statusCode":400,"param":null})");
    EXPECT_EQ(failed.state, JobState::Failed);
    EXPECT_EQ(failed.errorMessage, "Prompt was flagged");
    EXPECT_EQ(failed.errorCode, "invalid_request_error");
}

TEST(GatewayStatus, V3UnknownEventType) {
    EXPECT_EQ(read(Dialect::Gateway, R"({"type":"progress"})").problem,
              "the gateway sent an event of type \"progress\", which is not one of result, error");
}

TEST(GatewayStatus, V4StartKeepsTheOpaqueOperation) {
    StatusReading started = read(Dialect::Gateway, R"({"operation":{"id":"op-1","provider":"google"},"warnings":[]})");
    EXPECT_EQ(started.state, JobState::Running);
    EXPECT_EQ(started.jobId, "op-1");
    EXPECT_EQ(started.operation, json::parse(R"({"id":"op-1","provider":"google"})"));
    StatusReading opaque = read(Dialect::Gateway, R"({"operation":"b3AtMQ=="})");
    EXPECT_EQ(opaque.state, JobState::Running);
    EXPECT_EQ(opaque.operation, json("b3AtMQ=="));
}

TEST(GatewayStatus, V4StatusWords) {
    EXPECT_EQ(read(Dialect::Gateway, R"({"status":"pending"})").state, JobState::Running);
    StatusReading done =
        read(Dialect::Gateway,
             R"({"status":"completed","videos":[{"type":"base64","data":"AAAA","mediaType":"video/mp4"}]})");
    ASSERT_EQ(done.state, JobState::Succeeded);
    EXPECT_EQ(done.videos[0].base64, "AAAA");
    StatusReading failed = read(Dialect::Gateway, R"({"status":"error","error":"Provider returned 500"})");
    EXPECT_EQ(failed.state, JobState::Failed);
    EXPECT_EQ(failed.errorMessage, "Provider returned 500");
    EXPECT_EQ(read(Dialect::Gateway, R"({"status":"cancelled"})").state, JobState::Cancelled);
    EXPECT_EQ(read(Dialect::Gateway, R"({"status":"running"})").problem,
              "the gateway answered status \"running\", which is not one of pending, completed, error, cancelled");
}

// ---- error bodies -------------------------------------------------------------------------------
TEST(ErrorBodySeed002, UnifiedErrorShape) {
    GatewayErrorBody error = readErrorBody(json::parse(
        R"({ "error": { "message": "Video link expired", "type": "invalid_request_error",
             "code": "http_410", "status": 410 }})"));
    EXPECT_EQ(error.code, "http_410");
    EXPECT_EQ(error.message, "Video link expired");
}

TEST(ErrorBody, VercelGatewayShapeUsesTypeAsCode) {
    GatewayErrorBody error = readErrorBody(json::parse(
        R"({"error":{"message":"Rate limit exceeded","type":"rate_limit_exceeded"},"generationId":"gen_1"})"));
    EXPECT_EQ(error.code, "rate_limit_exceeded");
    EXPECT_EQ(error.message, "Rate limit exceeded");
}

TEST(ErrorBody, FlatShapesAndNumericCodes) {
    EXPECT_EQ(readErrorBody(json::parse(R"({"error":"Insufficient credits"})")).message, "Insufficient credits");
    EXPECT_EQ(readErrorBody(json::parse(R"({"message":"Queue temporarily down","code":"queue_down"})")).code,
              "queue_down");
    EXPECT_EQ(readErrorBody(json::parse(R"({"detail":"Not found"})")).message, "Not found");
    EXPECT_EQ(readErrorBody(json::parse(R"({"error":{"code":429,"message":"slow down"}})")).code, "429");
}

TEST(ErrorBody, TextIsTrimmedAndClipped) {
    EXPECT_EQ(readErrorBody(json("\n  Service Unavailable \r\n")).message, "Service Unavailable");
    const GatewayErrorBody huge = readErrorBody(json(std::string(10000, 'e')));
    EXPECT_EQ(huge.message.size(), 303u);  // 300 bytes and "..."
    EXPECT_EQ(readErrorBody(json()).message, "");
    EXPECT_EQ(readErrorBody(json(42)).message, "");
}

}  // namespace
}  // namespace vg
