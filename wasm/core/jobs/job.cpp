// VideoGen core: the job state machine (rules in job.h; body reading in job_status.cpp; timing
// in job_schedule.cpp).
//
// [SECTIONS]
//   states             jobStateName, isTerminal
//   endings            finish, the seed-given hints for refusals
//   scheduling         server hints, transient errors with backoff
//   answers            an HTTP refusal, a readable body
//   events             startJob, onSubmitted, onPollResponse, onNetworkError, onContentResponse,
//                      cancel, checkDeadline
#include "jobs/job.h"

#include "request/diagnostic_codes.h"
#include "jobs/job_status.h"

#include <string>

namespace vg {

// ---- states ----------------------------------------------------------------------------------
const char* jobStateName(JobState state) {
    switch (state) {
        case JobState::Submitting: return "submitting";
        case JobState::Queued: return "queued";
        case JobState::Running: return "running";
        case JobState::Succeeded: return "succeeded";
        case JobState::Failed: return "failed";
        case JobState::Expired: return "expired";
        case JobState::Cancelled: return "cancelled";
    }
    return "unknown";
}

bool isTerminal(JobState state) {
    return state == JobState::Succeeded || state == JobState::Failed || state == JobState::Expired ||
           state == JobState::Cancelled;
}

namespace {

// ---- endings ---------------------------------------------------------------------------------
constexpr const char* kQuotaHint =
    "Add balance or reduce generation parameters (a 429 insufficient_quota is a quota refusal, so "
    "retrying cannot help)";
constexpr const char* kExpiredHint =
    "Generate again, and download results soon after they finish (links last 20 minutes)";

struct Ending {
    JobState state;
    std::string code;
    std::string message;
    std::string hint;
    int httpStatus = 0;
};

void finish(Job& job, Ending ending, int64_t now) {
    job.state = ending.state;
    job.errorCode = std::move(ending.code);
    job.errorMessage = std::move(ending.message);
    job.errorHint = std::move(ending.hint);
    job.errorHttpStatus = ending.httpStatus;
    job.nextPollAt = -1;
    job.finishedAt = now;
}

// What the seeds say to do about a refusal (seed 002's error table, seed 004's 402), in words for
// the person who reads it: no document keys.
std::string refusalHint(int httpStatus) {
    switch (httpStatus) {
        case 401: return "Check the API key (sent as Authorization: Bearer sk-...)";
        case 402: return "Add credits (the gateway answered: insufficient credits)";
        case 404: return "Check the endpoint, model id and job id";
        default: return "";
    }
}

std::string orDefault(std::string value, std::string fallback) {
    return value.empty() ? std::move(fallback) : std::move(value);
}

// ---- scheduling ------------------------------------------------------------------------------
// `openai-poll-after-ms`: a whole number of milliseconds (at most 12 digits); nullopt otherwise.
std::optional<int64_t> parsePollAfterMs(std::string_view text) {
    if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    int64_t value = 0;
    for (char c : text) value = value * 10 + (c - '0');
    return value;
}

// The server's own wait, if it named a readable one: Retry-After first, then openai-poll-after-ms.
std::optional<int64_t> serverWaitMs(const HttpResponse& response, int64_t now) {
    if (auto wait = parseRetryAfterMs(response.retryAfter, now)) return wait;
    return parsePollAfterMs(response.pollAfterMs);
}

// A problem worth retrying: back off (or wait as the server asked), unless too many came in a row.
void recordTransient(Job& job, std::string problem, const HttpResponse* response, int64_t now) {
    ++job.consecutiveErrors;
    if (job.consecutiveErrors >= job.policy.maxConsecutiveErrors) {
        finish(job,
               {JobState::Failed, codeName(Code::TooManyErrors),
                "gave up after " + std::to_string(job.consecutiveErrors) +
                    " transient errors in a row; the last: " + problem,
                "The gateway may be down: try again later", 0},
               now);
        return;
    }
    std::optional<int64_t> wait = response ? serverWaitMs(*response, now) : std::nullopt;
    if (!wait) wait = backoffDelayMs(job.policy, job.consecutiveErrors, job.rngState);
    job.nextPollAt = now + *wait;
    job.lastTransientError = std::move(problem);
}

// ---- answers ---------------------------------------------------------------------------------
void handleRefusal(Job& job, int status, const HttpResponse& response, int64_t now) {
    const GatewayErrorBody error = readErrorBody(response.body);
    const std::string statusText = "HTTP " + std::to_string(status);
    if (status == 410) {
        finish(job,
               {JobState::Expired, orDefault(error.code, codeName(Code::HttpStatus, "410")),
                orDefault(error.message, "the video link has expired (" + statusText + ")"), kExpiredHint, status},
               now);
    } else if (status == 429 && (job.dialect == Dialect::Unified || error.code == codeName(Code::InsufficientQuota))) {
        finish(job,
               {JobState::Failed, orDefault(error.code, codeName(Code::InsufficientQuota)),
                orDefault(error.message, "not enough balance or quota (" + statusText + ")"), kQuotaHint, status},
               now);
    } else if (status == 408 || status == 429 || status < 400 || status >= 500) {
        recordTransient(job, statusText + " from the gateway" + (error.message.empty() ? "" : ": " + error.message),
                        &response, now);
    } else {
        finish(job,
               {JobState::Failed, orDefault(error.code, codeName(Code::HttpStatus, std::to_string(status))),
                orDefault(error.message, "the gateway refused the request with " + statusText + " and no message"),
                refusalHint(status), status},
               now);
    }
}

void applyReading(Job& job, StatusReading reading, const HttpResponse& response, int64_t now) {
    if (!reading.state) {
        if (reading.retryable)
            recordTransient(job, std::move(reading.problem), &response, now);
        else
            finish(job, {JobState::Failed, codeName(Code::BadGatewayResponse), std::move(reading.problem), "", 0}, now);
        return;
    }
    job.consecutiveErrors = 0;
    job.lastTransientError.clear();
    if (!reading.jobId.empty()) job.id = std::move(reading.jobId);
    if (!reading.operation.is_null()) job.operation = std::move(reading.operation);
    if (reading.progress >= 0) job.progress = reading.progress;
    if (reading.costCents >= 0) job.costCents = reading.costCents;
    if (reading.expiresAt >= 0) job.expiresAt = reading.expiresAt;
    switch (*reading.state) {
        case JobState::Succeeded:
            job.videos = std::move(reading.videos);
            job.progress = 100;
            if (job.expiresAt < 0 && reading.linksLiveMs >= 0) job.expiresAt = now + reading.linksLiveMs;
            finish(job, {JobState::Succeeded, "", "", "", 0}, now);
            return;
        case JobState::Failed:
            finish(job,
                   {JobState::Failed, orDefault(reading.errorCode, codeName(Code::GenerationFailed)),
                    orDefault(reading.errorMessage, "the gateway reported the job failed without saying why"), "", 0},
                   now);
            return;
        case JobState::Cancelled:
            finish(job, {JobState::Cancelled, codeName(Code::CancelledByGateway), "the gateway reported the job cancelled", "", 0},
                   now);
            return;
        default:  // Queued, Running (readers produce nothing else)
            job.state = *reading.state;
            job.nextPollAt = now + serverWaitMs(response, now).value_or(job.policy.intervalMs);
            return;
    }
}

// The field naming the job id in a submit answer, for the message when it is missing.
const char* jobIdField(Dialect dialect) {
    switch (dialect) {
        case Dialect::Jobs: return "jobId";
        case Dialect::CreativeHub: return "job_id";
        case Dialect::Gateway: return "operation";
        default: return "id";
    }
}

}  // namespace

// ---- events ----------------------------------------------------------------------------------
Job startJob(Dialect dialect, const PollPolicy& policy, uint64_t seed, int64_t now) {
    Job job;
    job.dialect = dialect;
    job.policy = policy;
    job.rngState = seed;
    job.submittedAt = now;
    if (dialect == Dialect::AiSdk) {
        finish(
            job,
            {JobState::Failed, codeName(Code::DialectHasNoJobs),
             "aisdk is the AI SDK's call options, not a wire protocol: submit it through the gateway dialect", "", 0},
            now);
    }
    return job;
}

Job onSubmitted(Job job, const HttpResponse& response, int64_t now) {
    if (job.state != JobState::Submitting) return job;
    job.lastPollAt = now;
    int status = response.status;
    // The gateway's held-open stream reports a refusal as an error event with its own statusCode: treat
    // it as that HTTP status, so a 503 there is retried like a 503 anywhere else.
    if (job.dialect == Dialect::Gateway && response.body.is_object() &&
        response.body.value("type", json()) == "error") {
        const json code = response.body.value("statusCode", json());
        if (code.is_number_integer() && code.get<int64_t>() >= 400 && code.get<int64_t>() <= 599)
            status = code.get<int>();
    }
    if (status < 200 || status > 299) {
        handleRefusal(job, status, response, now);  // transient: nextPollAt is when to submit again
        return checkDeadline(std::move(job), now);
    }
    StatusReading reading = readJobBody(job.dialect, response.body);
    if (!reading.state) {
        // Unlike a poll, an unreadable submit answer is not retried: the gateway may have started a
        // generation, and submitting again could bill a second one.
        finish(job, {JobState::Failed, codeName(Code::BadGatewayResponse), std::move(reading.problem), "", 0}, now);
        return job;
    }
    if (!isTerminal(*reading.state) && reading.jobId.empty() && reading.operation.is_null()) {
        finish(job,
               {JobState::Failed, codeName(Code::BadGatewayResponse),
                std::string("the gateway accepted the job but its answer has no \"") + jobIdField(job.dialect) +
                    "\" to follow it by",
                "", 0},
               now);
        return job;
    }
    applyReading(job, std::move(reading), response, now);
    return checkDeadline(std::move(job), now);
}

Job onPollResponse(Job job, const HttpResponse& response, int64_t now) {
    if (job.state != JobState::Queued && job.state != JobState::Running) return job;
    ++job.pollsMade;
    job.lastPollAt = now;
    if (response.status < 200 || response.status > 299)
        handleRefusal(job, response.status, response, now);
    else
        applyReading(job, readJobBody(job.dialect, response.body), response, now);
    return checkDeadline(std::move(job), now);
}

Job onNetworkError(Job job, std::string_view message, int64_t now) {
    if (isTerminal(job.state)) return job;
    job.lastPollAt = now;
    if (job.state == JobState::Submitting) {
        finish(job,
               {JobState::Failed, codeName(Code::NetworkError),
                "the connection failed before the gateway answered: " + std::string(message),
                "The gateway may already be generating (and billing) this video: check it before submitting again", 0},
               now);
        return job;
    }
    ++job.pollsMade;
    recordTransient(job, "network error: " + std::string(message), nullptr, now);
    return checkDeadline(std::move(job), now);
}

Job onContentResponse(Job job, int httpStatus, const json& body, int64_t now) {
    if (job.state != JobState::Succeeded || httpStatus != 410) return job;
    const GatewayErrorBody error = readErrorBody(body);
    finish(job,
           {JobState::Expired, orDefault(error.code, codeName(Code::HttpStatus, "410")),
            orDefault(error.message, "the video link has expired (HTTP 410)"), kExpiredHint, 410},
           now);
    return job;
}

Job cancel(Job job, int64_t now) {
    if (isTerminal(job.state)) return job;
    finish(job, {JobState::Cancelled, codeName(Code::CancelledByUser), "cancelled by the user", "", 0}, now);
    return job;
}

Job checkDeadline(Job job, int64_t now) {
    if (job.state == JobState::Succeeded && job.expiresAt >= 0 && now >= job.expiresAt) {
        finish(job, {JobState::Expired, codeName(Code::LinksExpired), "the video links have expired", kExpiredHint, 0}, now);
    } else if (!isTerminal(job.state) && now >= job.submittedAt + job.policy.deadlineMs) {
        finish(job,
               {JobState::Failed, codeName(Code::PollTimeout),
                "gave up after " + describeDuration(job.policy.deadlineMs) + " without a result (pollTimeoutMs)",
                "The gateway may still finish it: check its job list, or raise pollTimeoutMs", 0},
               now);
    }
    return job;
}

}  // namespace vg
