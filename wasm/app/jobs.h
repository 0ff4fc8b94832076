// Jobs the playground sent: what to send next for each, and what an answer does to it.
// Plain C++ around the core's job logic (job.h: state machine, poll schedule with backoff and
// Retry-After; job_status.h: per-dialect bodies; sse.h: the gateway's event stream). What is here is
// only HTTP plumbing the core leaves to its caller: which URL a dialect polls, headers, reading a
// response into vg::HttpResponse. The entry's persisted form is the core's (job_record.h).
#pragma once

#include "dialects/dialect.h"
#include "jobs/job.h"
#include "jobs/job_record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vg::app {

// A job the page follows: its history record (the core's, job_record.h: what is kept across reloads)
// and what only this page knows about it.
struct JobEntry : JobRecord {
    bool inFlight = false;     // a request for this job is on the wire: send nothing else
    bool fromHistory = false;  // loaded from browser storage (a past page), not made in this one
    bool resumed = false;      // loaded from history unfinished, and followed again
    bool lookedUp = false;     // resumed while submitting: the dialect's list was asked for the job
                               // the submit may have made, before the submit goes again
    bool persistedTerminal = false;  // the terminal state has been saved (save once more, then stop)
    bool waitingForSave = false;  // its first record is on its way into browser storage: the submit
                                  // leaves once storage has written it, so a reload finds the job
                                  // (and its idempotency key) whenever the request may have left
    int64_t storageId = 0;     // the history entry's key in browser storage (a number, as storage.js
                               // keys them): chosen here, so every save, the first included, is a put
};

struct JobBoard {
    std::vector<JobEntry> entries;  // newest first
    int made = 0;                   // jobs created in this page, for unique local ids
    bool historyLoaded = false;     // browser storage has answered (entries include past sessions)
    std::vector<std::string> skippedRecords;  // why each stored record history could not read was left out
};

// One HTTP exchange for the platform to perform.
struct HttpCall {
    enum class Kind { Submit, Poll, Lookup } kind = Kind::Submit;  // Lookup: the list route, for a resumed submit
    std::string method;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;          // "" for GET
};

// What came back: status 0 means no HTTP answer at all (`networkError` says what happened).
struct HttpAnswer {
    int status = 0;
    std::string body;
    std::string retryAfter;    // raw header values, "" when absent
    std::string pollAfterMs;
    std::string networkError;
};

// A new job for `canonical`, submitted as `submit` (buildRequest's answer for `dialect`) with
// `idempotencyKey` ("" = none) in the dialect's idempotency header.
JobEntry makeJob(JobBoard& board, const json& canonical, Dialect dialect, const HttpRequest& submit,
                 const std::string& baseUrl, const std::string& idempotencyKey, int64_t now);

// A submit of `dialect` to `baseUrl` carries an idempotency key: the dialect names a header for it
// (dialect_wire.h) and the gateway takes it: the local one (serve.py, baseUrl "") always, a remote
// one when the dialect's API is documented to.
bool sendsIdempotencyKey(Dialect dialect, const std::string& baseUrl);

// The call this job needs now, if any (marks it in flight). Applies the deadline first.
// `apiKey` ("" = none) is added as a bearer token; it is never stored.
std::optional<HttpCall> dueCall(JobEntry& entry, const std::string& apiKey, int64_t now);

// Feeds the answer to the call dueCall gave into the core's job logic; counts retries and collects
// the results of a job that succeeded. A Lookup's answer goes to applyLookupAnswer.
void applyAnswer(JobEntry& entry, HttpCall::Kind kind, const HttpAnswer& answer, int64_t now);

// The answer to a Lookup (the dialect's list, asked for a resumed submit): the job the submit made,
// when the list holds it and it is none of `followedIds` (jobs/job_lookup.h findSubmittedJob), is
// followed as if the submit's own answer had named it; else (none, or the list could not be read)
// the submit goes again with its key.
void applyLookupAnswer(JobEntry& entry, const HttpAnswer& answer, const std::vector<std::string>& followedIds, int64_t now);

// The gateway ids of the jobs on the board (those the gateway has named).
std::vector<std::string> followedJobIds(const JobBoard& board);

// Entries loaded from history that were not finished: polling resumes where it was. A job still
// submitting lost its request (or its answer) with the page: with an idempotency key it is submitted
// again with that key, and the gateway answers with the job it already made, if it made one; without
// a key, submitting again could bill twice, so it fails, saying what happened and what to do.
void resumeAfterReload(JobEntry& entry, int64_t now);

// What Retry does with a job that ended without its video:
//   SameKey  the gateway never said it made a job, and the submit had an idempotency key: submit
//            again with the same key (it answers with the job it made, if it made one): no question;
//   Fresh    the gateway refused the submit (a 4xx), so no job exists: a new submission, no question;
//   Ask      the gateway made a job (it may be billed), or may have without a key to find it by:
//            a new submission only after the person agrees (retryQuestion says why).
enum class RetryPlan { SameKey, Fresh, Ask };
RetryPlan retryPlan(const JobEntry& entry);
// Why Retry asks first (RetryPlan::Ask), in words.
std::string retryQuestion(const JobEntry& entry);
// SameKey: the entry goes back to submitting with its key, as a new attempt of the same submission.
void restartSubmission(JobEntry& entry, int64_t now);

// The earliest time (epoch ms) any job needs the driver, -1 when none does.
int64_t nextDriverWake(const JobBoard& board);

// Results turned into URLs the page can load (relative gateway paths joined to the base URL).
void collectResults(JobEntry& entry);

// An entry for a record read back from history (readJobRecord).
JobEntry entryFromHistory(JobRecord record);

// "queued 3 s ago", "12 s", "1 min 05 s": elapsed and waiting times for people.
std::string describeSeconds(int64_t ms);

// Plain words for a job's current situation ("Retrying in 8 s: HTTP 503 ...", the gateway's message).
std::string describeJob(const JobEntry& entry, int64_t now);

}  // namespace vg::app
