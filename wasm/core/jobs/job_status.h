// VideoGen core: reading a gateway's job bodies, per dialect, into one shape.
// Liberal in what it accepts (any letter case of a status word, a video as a string or an
// object), never throws, and says in words what it could not read.
//
// Which fields each dialect's answers keep (job id, status words, progress, videos, error, expiry,
// cost) is its row of the wire table, dialect_wire.h. Beyond the table:
// - openai: a completed body carries no URL: the video is the dialect's content route.
// - unified (seed 002): the held-open POST answers `{created, model, duration, videos:[...]}`, a
//   result; a body without `videos` (its status route) is read as OpenAI's video object.
// - gateway (Vercel AI Gateway, as @ai-sdk/gateway's video model reads it): the held-open stream's data
//   event `type` result | error, with `videos[]` or `message`, `errorType`, `statusCode`; the /v4
//   start answer's opaque `operation` (its `id`, when an object has one, is shown as the job id);
//   the /v4 status answer through the table. A gateway video is `{type:"url", url, mediaType}` or
//   `{type:"base64", data, mediaType}`.
// Status words match in any letter case. A video entry anywhere may also be a bare URL string,
// and its MIME type may be spelled `mediaType`, `mime_type`, `mimeType` or `contentType`
// (default "video/mp4").
#pragma once

#include "dialects/dialect.h"
#include "jobs/job.h"

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
// the Vercel gateway's `{"error":{"message","type","code"}}`, the gateway's held-open error event, and
// the flatter shapes other gateways use.
GatewayErrorBody readErrorBody(const json& body);

}  // namespace vg
