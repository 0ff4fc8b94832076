// VideoGen core: the job life cycle and its poll schedule, as pure functions.
// No I/O and no clock: the caller does the HTTP calls and passes in what came back and the time
// (`now`, Unix epoch milliseconds); randomness (the backoff jitter) comes from a seed, so a test can
// predict every poll time exactly.
//
// [SECTIONS]
//   JobState              the life cycle: Submitting ► Queued ► Running ► a terminal state
//   PollPolicy            interval, backoff, jitter, deadline (defaults from seed 001)
//   HttpResponse          what the caller hands in after each HTTP exchange
//   Job                   one generation, everything the UI shows about it
//   Events                startJob, onSubmitted, onPollResponse, onNetworkError, onContentResponse,
//                         cancel, checkDeadline
//   Schedule              nextWakeAt, backoffDelayMs, parseRetryAfterMs (job_schedule.cpp)
//
// How a driver uses it: startJob, send the submit request, onSubmitted (or onNetworkError). Then,
// while the job is not terminal, wait until nextWakeAt(job) and call checkDeadline; if the job is
// still not terminal and now >= job.nextPollAt, send the status request (or, while Submitting, the
// submission again) and hand the answer to onPollResponse / onSubmitted. Per-dialect reading of the
// bodies is in job_status.h; the gateway's held-open event stream is split by sse.h.
//
// Error handling, one rule for every dialect: 2xx is read by the dialect's status reader; 408, 429
// (unless it is a quota refusal), 5xx, other non-4xx statuses and network errors are transient
// (exponential backoff with jitter, at most PollPolicy::maxConsecutiveErrors in a row); 410 means
// the result expired; any other 4xx fails the job with the gateway's own message, kept verbatim.
// A quota 429 (seed 002's `insufficient_quota`; every 429 of the unified dialect) fails at once:
// retrying cannot add balance.
#pragma once

#include "dialects/dialect.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

using json = nlohmann::json;

// ---- JobState ------------------------------------------------------------------------------
enum class JobState { Submitting, Queued, Running, Succeeded, Failed, Expired, Cancelled };

const char* jobStateName(JobState state);  // "submitting", "queued", ... "cancelled"
bool isTerminal(JobState state);           // Succeeded, Failed, Expired, Cancelled

// ---- PollPolicy ----------------------------------------------------------------------------
struct PollPolicy {
    int64_t intervalMs = 5000;        // between status polls while all is well (seed 001 pollIntervalMs)
    int64_t maxIntervalMs = 60000;    // backoff never waits longer than this (default 1 minute)
    double backoffFactor = 2.0;       // each transient error in a row doubles the wait
    double jitterFraction = 0.2;      // backoff waits are spread by ±20% so clients do not stampede
    int64_t deadlineMs = 600000;      // give up this long after submitting (seed 001 pollTimeoutMs)
    int maxConsecutiveErrors = 6;     // transient errors in a row before giving up (default 6:
                                      // about 2 minutes of backoff with the defaults above)
};

// ---- HttpResponse --------------------------------------------------------------------------
struct HttpResponse {
    int status = 200;         // HTTP status code
    std::string retryAfter;   // raw `Retry-After` header ("" when absent): delta-seconds or HTTP-date
    std::string pollAfterMs;  // raw `openai-poll-after-ms` header ("" when absent)
    // The body, parsed by the caller (parseJsonInput). A body that is not JSON (an HTML error page
    // from a proxy) is passed as a JSON string holding the raw text, so messages can quote it;
    // an empty body is null. For the gateway's event stream: the `data` of its one data event.
    json body;
};

// ---- Job -----------------------------------------------------------------------------------
struct VideoResult {
    std::string url;       // absolute, or a path on the gateway ("/v1/videos/{id}/content"); or ""
    std::string base64;    // inline video bytes (gateway `type:"base64"`), when there is no url
    std::string mimeType;  // "video/mp4" when the gateway does not say
};

struct Job {
    Dialect dialect = Dialect::Gateway;
    JobState state = JobState::Submitting;
    PollPolicy policy;

    std::string id;         // the gateway's job id (openai `id`, jobs `jobId`, creative hub `job_id`);
                            // "" until known and for held-open dialects that answer with the result
    json operation;         // gateway /v4 only: the opaque `operation`, sent back as the body
                            // `{"operation": ...}` of POST /v4/ai/video-model/status
    int progress = -1;      // 0-100 when the gateway reports it, -1 when unknown

    int64_t submittedAt = 0;   // epoch ms the submission was first sent; the deadline counts from here
    int64_t lastPollAt = -1;   // epoch ms of the last answer or network error, -1 before any
    int64_t nextPollAt = -1;   // epoch ms to send the next status poll (while Submitting: the next
                               // submission attempt after a refused one); -1 when none is planned
    int pollsMade = 0;         // status polls answered or failed so far
    int consecutiveErrors = 0; // transient errors in a row, reset by any readable answer
    uint64_t rngState = 0;     // jitter generator state, seeded by startJob
    std::string lastTransientError;  // the most recent retried problem, for "retrying in 10 s: ..."

    std::vector<VideoResult> videos;  // the results, once Succeeded
    int64_t expiresAt = -1;           // epoch ms after which the video links stop working, -1 unknown
    int64_t costCents = -1;           // creative hub `cost_cents`, -1 when not reported

    // Why the job ended (Failed, Expired, Cancelled). errorMessage is the gateway's own message,
    // verbatim, when it gave one, else ours; errorCode is the gateway's code ("http_410",
    // "insufficient_quota") or ours ("poll_timeout", "bad_gateway_response", "too_many_errors",
    // "network_error", "cancelled_by_user"); errorHint says what the user can do about it.
    std::string errorCode;
    std::string errorMessage;
    std::string errorHint;
    int errorHttpStatus = 0;  // the HTTP status that ended the job, 0 when none did
    int64_t finishedAt = -1;  // epoch ms the job reached its current terminal state, -1 before
};

// ---- Events --------------------------------------------------------------------------------
// Each takes the job and returns it updated; none throws. Events on a terminal job change nothing
// (except onContentResponse, which can turn Succeeded into Expired).

// A new job in Submitting; `seed` drives the backoff jitter. The aisdk dialect has no wire protocol
// of its own (its calls go through `gateway`), so its job fails at once with a message saying so.
Job startJob(Dialect dialect, const PollPolicy& policy, uint64_t seed, int64_t now);

// The answer to the submission: a job id to follow (Queued/Running), or the result itself from the
// held-open dialects (unified POST, gateway held-open event), or a refusal.
Job onSubmitted(Job job, const HttpResponse& response, int64_t now);

// The answer to a status poll.
Job onPollResponse(Job job, const HttpResponse& response, int64_t now);

// No HTTP answer at all (connection refused, reset, stream closed without a result). While polling
// it is transient. While Submitting it fails the job: the gateway may already be generating (and
// billing) it, so submitting again is the user's decision, not ours.
Job onNetworkError(Job job, std::string_view message, int64_t now);

// The answer to downloading a result video: 410 turns Succeeded into Expired (seed 002 http_410).
Job onContentResponse(Job job, int httpStatus, const json& body, int64_t now);

// The user gave up: any non-terminal job becomes Cancelled (the gateway is not told: no seed
// dialect has a cancel call). A terminal job is returned unchanged.
Job cancel(Job job, int64_t now);

// Past the deadline a non-terminal job fails ("gave up after 10 minutes without a result
// (pollTimeoutMs)"); a Succeeded job past expiresAt becomes Expired.
Job checkDeadline(Job job, int64_t now);

// ---- Schedule (job_schedule.cpp) -----------------------------------------------------------
// When the driver should next look at the job: the earlier of nextPollAt and the deadline (or,
// once Succeeded, the expiry); -1 when nothing is left to wait for.
int64_t nextWakeAt(const Job& job);

// The wait after the `consecutiveErrors`-th transient error in a row (1-based):
// intervalMs * backoffFactor^(n-1), capped at maxIntervalMs, spread by ±jitterFraction using one
// draw from `rngState` (advanced), then capped again.
int64_t backoffDelayMs(const PollPolicy& policy, int consecutiveErrors, uint64_t& rngState);

// A `Retry-After` value as a wait in ms from `now`: delta-seconds ("120") or an HTTP-date
// (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", and the obsolete RFC 850 and asctime forms RFC 9110
// asks recipients to accept). A date in the past waits 0. nullopt when the value is neither.
std::optional<int64_t> parseRetryAfterMs(std::string_view value, int64_t now);

// "10 minutes", "90 seconds", "1 minute": for messages about the policy's durations.
std::string describeDuration(int64_t ms);

}  // namespace vg
