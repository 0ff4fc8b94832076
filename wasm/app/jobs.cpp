// Jobs the playground sent; see jobs.h.
//
// Index
// [SECTION] Creating and following jobs
// [SECTION] Reading answers
// [SECTION] Results
// [SECTION] Persisted form
// [SECTION] Words for people
#include "jobs.h"

#include "dialects/dialect_wire.h"
#include "text/json_input.h"
#include "jobs/job_lookup.h"
#include "jobs/sse.h"

#include <algorithm>

namespace vg::app {

//-----------------------------------------------------------------------------
// [SECTION] Creating and following jobs
//-----------------------------------------------------------------------------

namespace {

// serve.py's gateway is ours and renders in seconds: poll it every 2 s. A remote gateway gets the
// core's default (seed 001: 5 s), which also follows its Retry-After and openai-poll-after-ms.
PollPolicy policyFor(const std::string& baseUrl) {
    PollPolicy policy;
    if (baseUrl.empty()) policy.intervalMs = 2000;
    return policy;
}

// The status call of the dialect's status route (the core's table, dialect_wire.h). Held-open
// dialects (unified, the gateway's /video-model) answer the submission with the result and are never polled, except
// a unified job whose answer named a task. A POST status route (gateway /v4) takes the operation
// the start answer gave back as its body.
HttpCall statusCall(const JobEntry& entry) {
    const Job& job = entry.job;
    const WireRoute* route = wireRoute(wireFor(job.dialect), "status");
    HttpCall call{HttpCall::Kind::Poll, route->method, entry.baseUrl + wirePath(*route, job.id), {}, ""};
    if (call.method == "POST") {
        call.body = json{{"operation", job.operation}}.dump();
        call.headers.emplace_back("content-type", "application/json");
    }
    return call;
}

HttpCall submitCall(const JobEntry& entry) {
    HttpCall call{HttpCall::Kind::Submit, entry.submit.method, entry.baseUrl + entry.submit.path, {}, ""};
    for (const auto& [name, value] : entry.submit.headers.items()) {
        call.headers.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
    }
    call.headers.emplace_back("content-type", "application/json");
    if (!entry.idempotencyKey.empty()) call.headers.emplace_back(wireFor(entry.job.dialect).idempotencyHeader, entry.idempotencyKey);
    call.body = entry.submit.body.dump();
    return call;
}

// The dialect's list route, asked for the job a resumed submit may already have made.
HttpCall lookupCall(const JobEntry& entry) {
    const WireRoute* route = wireRoute(wireFor(entry.job.dialect), "list");
    return HttpCall{HttpCall::Kind::Lookup, route->method, entry.baseUrl + route->path, {}, ""};
}

}  // namespace

bool sendsIdempotencyKey(Dialect dialect, const std::string& baseUrl) {
    const DialectWire& wire = wireFor(dialect);
    return *wire.idempotencyHeader != '\0' && (baseUrl.empty() || wire.idempotencyUpstream);
}

JobEntry makeJob(JobBoard& board, const json& canonical, Dialect dialect, const HttpRequest& submit,
                 const std::string& baseUrl, const std::string& idempotencyKey, int64_t now) {
    JobEntry entry;
    entry.localId = "j" + std::to_string(now) + "-" + std::to_string(++board.made);
    entry.storageId = now * 1000 + board.made % 1000;  // unique per page, below 2^53 for millennia
    entry.createdAt = now;
    entry.request = canonical;
    entry.baseUrl = baseUrl;
    entry.submit = submit;
    entry.idempotencyKey = idempotencyKey;
    entry.job = startJob(dialect, policyFor(baseUrl), static_cast<uint64_t>(now) ^ 0x9e3779b97f4a7c15ull, now);
    return entry;
}

std::optional<HttpCall> dueCall(JobEntry& entry, const std::string& apiKey, int64_t now) {
    if (entry.inFlight || entry.waitingForSave || isTerminal(entry.job.state)) return std::nullopt;
    entry.job = checkDeadline(std::move(entry.job), now);
    const Job& job = entry.job;
    if (isTerminal(job.state)) return std::nullopt;
    std::optional<HttpCall> call;
    if (job.state == JobState::Submitting) {
        const bool due = job.lastPollAt < 0 || (job.nextPollAt >= 0 && now >= job.nextPollAt);
        // After a reload the gateway may have the job already: look for it where the dialect lists
        // its jobs before sending the submit again (once; the key still finds it otherwise).
        const bool lookUp = entry.resumed && !entry.lookedUp && canLookUpSubmittedJobs(job.dialect);
        if (due) call = lookUp ? lookupCall(entry) : submitCall(entry);
    } else if (job.nextPollAt >= 0 && now >= job.nextPollAt) {
        call = statusCall(entry);
    }
    if (!call) return std::nullopt;
    if (!apiKey.empty()) call->headers.emplace_back("authorization", "Bearer " + apiKey);
    entry.inFlight = true;
    return call;
}

void resumeAfterReload(JobEntry& entry, int64_t now) {
    entry.inFlight = false;
    entry.waitingForSave = false;  // its record was read back: it is saved
    entry.resumed = true;
    if (entry.job.state == JobState::Submitting && entry.idempotencyKey.empty()) {
        entry.job = onNetworkError(std::move(entry.job),
                                   "the page was reloaded, and the job was sent without an idempotency key to find it by",
                                   now);
    }
    // With a key it stays submitting: dueCall first looks for the job in the dialect's list where it
    // has one (jobs/job_lookup.h), then sends the submit again with the same key (at once, or when
    // the backoff of a refused attempt ends), and the gateway answers with the job it made.
}

namespace {

bool acceptedByGateway(const Job& job) { return !job.id.empty() || !job.operation.is_null(); }

// The gateway said no to the submit itself: no job exists (408 and 429 are "not now", not "no").
bool refusedOutright(const Job& job) {
    const int status = job.errorHttpStatus;
    return status >= 400 && status < 500 && status != 408 && status != 429;
}

}  // namespace

RetryPlan retryPlan(const JobEntry& entry) {
    const Job& job = entry.job;
    if (acceptedByGateway(job)) return RetryPlan::Ask;
    if (refusedOutright(job)) return RetryPlan::Fresh;
    return entry.idempotencyKey.empty() ? RetryPlan::Ask : RetryPlan::SameKey;
}

std::string retryQuestion(const JobEntry& entry) {
    const Job& job = entry.job;
    std::string why = acceptedByGateway(job)
                          ? "The gateway accepted this job" + (job.id.empty() ? std::string() : " (" + job.id + ")") +
                                ", so it may have been generated and billed already"
                          : "The gateway may have accepted this job before the connection was lost, and it was sent "
                            "without an idempotency key to find it by";
    return why + ". Submitting again makes a new job, which the gateway generates (and bills) again.";
}

void restartSubmission(JobEntry& entry, int64_t now) {
    const Dialect dialect = entry.job.dialect;
    const PollPolicy policy = entry.job.policy;
    entry.job = startJob(dialect, policy, entry.job.rngState ^ static_cast<uint64_t>(now), now);
    entry.results.clear();
    entry.inFlight = false;
    entry.persistedTerminal = false;
}

int64_t nextDriverWake(const JobBoard& board) {
    int64_t earliest = -1;
    for (const JobEntry& entry : board.entries) {
        if (entry.inFlight || entry.waitingForSave || isTerminal(entry.job.state)) continue;
        int64_t at = entry.job.state == JobState::Submitting && entry.job.lastPollAt < 0 ? 0 : nextWakeAt(entry.job);
        if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
    }
    return earliest;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading answers
//-----------------------------------------------------------------------------

namespace {

// A body as the core's job logic wants it: parsed JSON, the raw text as a string when it is not
// JSON (so messages can quote a proxy's HTML page), null when empty.
json bodyValue(const std::string& text) {
    if (text.empty()) return json();
    JsonInput input = parseJsonInput(text, answerJsonLimits());
    return input.error ? json(text) : std::move(input.value);
}

// The gateway's held-open answer is an event stream: heartbeats, then one data event with the result.
json streamResult(const std::string& text) {
    SseParser parser;
    std::vector<SseEvent> events = feedSse(parser, text);
    for (SseEvent& event : finishSse(parser)) events.push_back(std::move(event));
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (it->kind == SseEvent::Kind::Data) return bodyValue(it->data);
    }
    return json();
}

}  // namespace

std::vector<std::string> followedJobIds(const JobBoard& board) {
    std::vector<std::string> ids;
    for (const JobEntry& entry : board.entries) {
        if (!entry.job.id.empty()) ids.push_back(entry.job.id);
    }
    return ids;
}

void applyLookupAnswer(JobEntry& entry, const HttpAnswer& answer, const std::vector<std::string>& followedIds, int64_t now) {
    entry.inFlight = false;
    entry.lookedUp = true;
    if (entry.job.state != JobState::Submitting || answer.status < 200 || answer.status > 299) return;  // the submit goes again
    const std::optional<json> made =
        findSubmittedJob(entry.job.dialect, entry.submit.body, bodyValue(answer.body), entry.createdAt, followedIds);
    if (!made) return;
    // The job as the submit's own answer would have named it.
    HttpResponse response;
    response.status = 200;
    response.body = *made;
    entry.job = onSubmitted(std::move(entry.job), response, now);
    if (entry.job.state == JobState::Succeeded) collectResults(entry);
}

void applyAnswer(JobEntry& entry, HttpCall::Kind kind, const HttpAnswer& answer, int64_t now) {
    entry.inFlight = false;
    if (isTerminal(entry.job.state)) return;  // cancelled while the request was on the wire
    const int errorsBefore = entry.job.consecutiveErrors;
    if (answer.status == 0) {
        entry.job = onNetworkError(std::move(entry.job), answer.networkError, now);
    } else {
        HttpResponse response;
        response.status = answer.status;
        response.retryAfter = answer.retryAfter;
        response.pollAfterMs = answer.pollAfterMs;
        const bool stream = kind == HttpCall::Kind::Submit && entry.job.dialect == Dialect::Gateway &&
                            answer.status >= 200 && answer.status < 300;
        response.body = stream ? streamResult(answer.body) : bodyValue(answer.body);
        entry.job = kind == HttpCall::Kind::Submit ? onSubmitted(std::move(entry.job), response, now)
                                                   : onPollResponse(std::move(entry.job), response, now);
    }
    if (entry.job.consecutiveErrors > errorsBefore) ++entry.retries;
    if (entry.job.state == JobState::Succeeded) collectResults(entry);
}

//-----------------------------------------------------------------------------
// [SECTION] Results
//-----------------------------------------------------------------------------

void collectResults(JobEntry& entry) {
    if (!entry.results.empty()) return;
    for (const VideoResult& video : entry.job.videos) {
        ResultVideo result;
        result.mimeType = video.mimeType.empty() ? "video/mp4" : video.mimeType;
        if (!video.url.empty()) {
            const bool absolute = video.url.rfind("http://", 0) == 0 || video.url.rfind("https://", 0) == 0 ||
                                  video.url.rfind("data:", 0) == 0 || video.url.rfind("blob:", 0) == 0;
            result.url = absolute ? video.url : entry.baseUrl + video.url;
        } else if (!video.base64.empty()) {
            result.url = "data:" + result.mimeType + ";base64," + video.base64;
        }
        entry.results.push_back(std::move(result));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Persisted form
//-----------------------------------------------------------------------------

JobEntry entryFromHistory(JobRecord record) {
    JobEntry entry;
    static_cast<JobRecord&>(entry) = std::move(record);
    entry.persistedTerminal = isTerminal(entry.job.state);
    entry.fromHistory = true;
    return entry;
}

//-----------------------------------------------------------------------------
// [SECTION] Words for people
//-----------------------------------------------------------------------------

std::string describeSeconds(int64_t ms) {
    const int64_t seconds = std::max<int64_t>(0, (ms + 500) / 1000);
    if (seconds < 60) return std::to_string(seconds) + " s";
    const int64_t rest = seconds % 60;
    return std::to_string(seconds / 60) + " min " + (rest < 10 ? "0" : "") + std::to_string(rest) + " s";
}

std::string describeJob(const JobEntry& entry, int64_t now) {
    const Job& job = entry.job;
    if (isTerminal(job.state)) {
        if (job.state == JobState::Succeeded) {
            return std::to_string(entry.results.size()) + " video" + (entry.results.size() == 1 ? "" : "s") + " ready";
        }
        std::string text = job.errorMessage;
        if (job.errorHttpStatus > 0) text += " (HTTP " + std::to_string(job.errorHttpStatus) + ")";
        if (!job.errorHint.empty()) text += ". " + job.errorHint;
        return text;
    }
    if (entry.waitingForSave) return "saving the job before it is sent...";
    if (entry.inFlight && job.state == JobState::Submitting && entry.resumed && !entry.idempotencyKey.empty())
        return "asking the gateway for the job sent before the reload...";
    if (entry.inFlight) return job.state == JobState::Submitting ? "submitting..." : "asking the gateway...";
    if (!job.lastTransientError.empty() && job.nextPollAt >= 0) {
        return "retrying in " + describeSeconds(job.nextPollAt - now) + ": " + job.lastTransientError;
    }
    if (job.nextPollAt >= 0) return "next poll in " + describeSeconds(job.nextPollAt - now);
    return "";
}

}  // namespace vg::app
