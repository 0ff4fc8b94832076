// VideoGen core: reading a gateway's job bodies, per dialect, into one shape.
// Liberal in what it accepts (any letter case of a status word, a video as a string or an
// object), never throws, and says in words what it could not read.
//
// The fields read, per dialect (a submit answer and a status answer share one reader):
// - openai (OpenAI Videos API): job id `id`; `status` queued | in_progress | completed | failed;
//   `progress`; `error{code,message}`; `expires_at` (Unix seconds). A completed body carries no
//   URL: the video is `GET /v1/videos/{id}/content`.
// - unified (seed 002): the held-open POST answers `{created, model, duration,
//   videos:[{url, mime_type}]}`, a result; a body without `videos` (GET /v1/videos/{task}, or the
//   /v1/videos compatible route) is read as openai. Links live 20 minutes ("download within 20
//   minutes").
// - jobs (seed 004): job id `jobId` (or `id`); `status` QUEUED | PENDING -> queued, PROCESSING |
//   RUNNING | IN_PROGRESS -> running, COMPLETED | SUCCEEDED, FAILED, CANCELLED | CANCELED;
//   `progress`; videos in `videos[]`, `videoUrls[]` or `videoUrl`, each also under `result`;
//   failure in `error` (a string or `{message, code}`) or `errorMessage`. Seed 004 shows only
//   `jobId` and QUEUED: the rest is the common vocabulary of such APIs, accepted liberally.
// - creative-hub (seed 003): job id `job_id` (or `id`); `status` pending | processing |
//   completed | failed; `progress`; `result_urls[]`; `cost_cents`; `error_message`.
// - gateway (Vercel AI Gateway, as @ai-sdk/gateway's video model reads it): the /v3 stream's data
//   event `type` result | error, with `videos[]` or `message`, `errorType`, `statusCode`; the /v4
//   start answer's opaque `operation` (its `id`, when an object has one, is shown as the job id);
//   the /v4 status answer's `status` pending | completed | error | cancelled, with `videos[]` or
//   `error` (a string). A gateway video is `{type:"url", url, mediaType}` or
//   `{type:"base64", data, mediaType}`.
// Status words match in any letter case. A video entry anywhere may also be a bare URL string,
// and its MIME type may be spelled `mediaType`, `mime_type`, `mimeType` or `contentType`
// (default "video/mp4").
#pragma once

#include "dialect.h"
#include "job.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vg {

using json = nlohmann::json;

struct StatusReading {
    std::optional<JobState> state;  // what the body says; empty when it could not be read
    bool retryable = false;         // when state is empty: may asking again help? (body not JSON)
    std::string problem;            // when state is empty: what the gateway sent, in words

    std::string jobId;                // the job id, when the body names one
    json operation;                   // gateway /v4 start: the opaque operation (null otherwise)
    int progress = -1;                // 0-100, -1 when not reported
    std::vector<VideoResult> videos;  // when Succeeded
    std::string errorCode;            // when Failed: the gateway's code, if any
    std::string errorMessage;         // when Failed: the gateway's message, verbatim
    int64_t expiresAt = -1;           // epoch ms the links stop working, -1 when not said
    int64_t linksLiveMs = -1;         // or: how long links live after completion, -1 when not said
    int64_t costCents = -1;           // creative hub `cost_cents`, -1 when not reported
};

// Reads a 2xx body (submit answer or status answer) of `dialect`.
StatusReading readJobBody(Dialect dialect, const json& body);

struct GatewayErrorBody {
    std::string code;     // `error.code`, else `error.type` / `errorType` / `code`; "" when none
    std::string message;  // `error.message`, `error` (a string), `message`, `error_message`,
                          // `errorMessage` or `detail`; a non-JSON body's text (trimmed, at most
                          // 300 bytes); "" when none
};

// Reads a non-2xx body: seed 002's `{"error":{"message","type","code","status"}}`, OpenAI's and
// the Vercel gateway's `{"error":{"message","type","code"}}`, the gateway's /v3 error event, and
// the flatter shapes other gateways use.
GatewayErrorBody readErrorBody(const json& body);

}  // namespace vg
