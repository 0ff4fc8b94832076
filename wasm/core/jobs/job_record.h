// VideoGen core: a job as the playground keeps it in history (browser storage, web/storage.js), and
// its JSON form. Everything needed to show the job and to follow it again after a reload: the request
// it was made from, what was submitted, the job's state and poll schedule, its results. Never the
// API key (it is never in a request or a job) and never inline video bytes (those are stored apart).
//
// Reading never throws: a record that is not what jobRecordToJson writes (an older page's, a
// damaged or hand-edited store) is reported with what is wrong, so the caller can skip it and say
// so, and load the rest.
#pragma once

#include "dialects/dialect.h"
#include "jobs/job.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vg {

// One result video as the page shows it.
struct ResultVideo {
    std::string url;           // absolute or same-origin URL; a data: URL for inline (base64) results,
                               // which the JSON form leaves out ("")
    std::string mimeType;      // "video/mp4"
    bool stored = false;       // a copy is in browser storage (plays after the link expires)
    std::string storeProblem;  // why the copy failed, "" when it did not
};

struct JobRecord {
    std::string localId;       // "j<epoch ms>-<n>": the history key and the prefix of stored results
    int64_t createdAt = 0;     // epoch ms
    json request;              // the canonical request it was made from (re-run, edit)
    std::string baseUrl;       // "" = same origin
    HttpRequest submit;        // what is (re)submitted: built once by the core for job.dialect
    Job job;
    std::vector<ResultVideo> results;
    int retries = 0;           // transient errors retried (429, 5xx, network) over the job's life
    std::string group;         // the compare group ("c<epoch ms>-<n>") of jobs sent together, "" alone
    // The submit's idempotency key (the dialect's idempotencyHeader, dialect_wire.h): one per Generate,
    // kept here before the request leaves, so a reload or a Retry of a submit whose answer was lost
    // sends the same key and finds the job the gateway already made. "" = sent without one.
    std::string idempotencyKey;
};

json jobRecordToJson(const JobRecord& record);

struct JobRecordReading {
    std::optional<JobRecord> record;  // empty when the value cannot be read as a record
    std::string problem;              // then: every member that is wrong and what it should be, e.g.
                                      // "job.pollsMade is string \"3\", expected an integer"
};

// Reads what jobRecordToJson wrote. A member that is absent takes its default (records of older
// pages lack newer members); a member of the wrong type, or a localId, job.dialect or job.state
// that names nothing, makes the whole record unreadable.
JobRecordReading readJobRecord(const json& value);

}  // namespace vg
