// VideoGen core: a job's history record and its JSON form (see job_record.h).
//
// Index
// [SECTION] Writing
// [SECTION] Reading members by type
// [SECTION] Reading
#include "jobs/job_record.h"

#include "dialects/dialect_common.h"

#include <limits>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

json jobRecordToJson(const JobRecord& record) {
    // Member by member rather than one initializer list: nlohmann builds every {"key", value} of
    // a list as a two-item array first, which cost the playground's wasm 7.5 KB here.
    const Job& job = record.job;
    json results = json::array();
    for (const ResultVideo& video : record.results) {
        json result;
        // Inline bytes live in browser storage, not in the record: a history list stays small.
        const bool inlineBytes = video.url.rfind("data:", 0) == 0;
        result["url"] = inlineBytes ? "" : video.url;
        result["mimeType"] = video.mimeType;
        result["stored"] = video.stored;
        result["storeProblem"] = video.storeProblem;
        results.push_back(std::move(result));
    }
    json jobMembers;
    jobMembers["dialect"] = dialectName(job.dialect);
    jobMembers["state"] = jobStateName(job.state);
    jobMembers["id"] = job.id;
    jobMembers["operation"] = job.operation;
    jobMembers["progress"] = job.progress;
    jobMembers["submittedAt"] = job.submittedAt;
    jobMembers["lastPollAt"] = job.lastPollAt;
    jobMembers["nextPollAt"] = job.nextPollAt;
    jobMembers["pollsMade"] = job.pollsMade;
    jobMembers["consecutiveErrors"] = job.consecutiveErrors;
    jobMembers["rngState"] = job.rngState;
    jobMembers["intervalMs"] = job.policy.intervalMs;
    jobMembers["lastTransientError"] = job.lastTransientError;
    jobMembers["expiresAt"] = job.expiresAt;
    jobMembers["costCents"] = job.costCents;
    jobMembers["errorCode"] = job.errorCode;
    jobMembers["errorMessage"] = job.errorMessage;
    jobMembers["errorHint"] = job.errorHint;
    jobMembers["errorHttpStatus"] = job.errorHttpStatus;
    jobMembers["finishedAt"] = job.finishedAt;

    json out;
    out["localId"] = record.localId;
    out["createdAt"] = record.createdAt;
    out["request"] = record.request;
    out["baseUrl"] = record.baseUrl;
    out["submit"] = record.submit.toJson();
    out["retries"] = record.retries;
    out["group"] = record.group;
    out["idempotencyKey"] = record.idempotencyKey;
    out["results"] = std::move(results);
    out["job"] = std::move(jobMembers);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading members by type
//-----------------------------------------------------------------------------

namespace {

// Reads members of one object, noting each that has the wrong type; an absent member keeps the
// value it had (its default).
struct MemberReader {
    const json& from;
    std::string where;        // "job." for members of the record's job, "" at the top
    std::vector<std::string>& problems;

    const json* find(const char* key) {
        auto it = from.find(key);
        return it == from.end() ? nullptr : &*it;
    }
    void wrong(const char* key, const json& value, const char* expected) {
        problems.push_back(where + key + " is " + describeTypedValue(value) + ", expected " + expected);
    }

    void read(const char* key, std::string& out) {
        if (const json* value = find(key)) {
            if (value->is_string()) out = value->get<std::string>();
            else wrong(key, *value, "a string");
        }
    }
    void read(const char* key, bool& out) {
        if (const json* value = find(key)) {
            if (value->is_boolean()) out = value->get<bool>();
            else wrong(key, *value, "true or false");
        }
    }
    void read(const char* key, int64_t& out) {
        if (const json* value = find(key)) {
            if (value->is_number_integer() && !(value->is_number_unsigned() && value->get<uint64_t>() >
                                                    uint64_t(std::numeric_limits<int64_t>::max())))
                out = value->get<int64_t>();
            else
                wrong(key, *value, "an integer");
        }
    }
    void read(const char* key, int& out) {
        int64_t wide = out;
        const size_t before = problems.size();
        read(key, wide);
        if (problems.size() != before) return;
        if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
            wrong(key, *find(key), "an integer between -2147483648 and 2147483647");
        else
            out = static_cast<int>(wide);
    }
    void read(const char* key, uint64_t& out) {
        if (const json* value = find(key)) {
            if (value->is_number_unsigned()) out = value->get<uint64_t>();
            else wrong(key, *value, "an integer of at least 0");
        }
    }
    void read(const char* key, json& out) {
        if (const json* value = find(key)) out = *value;
    }
    // An object member, or nullptr (noted when present and not an object).
    const json* object(const char* key) {
        const json* value = find(key);
        if (value && !value->is_object()) {
            wrong(key, *value, "an object");
            return nullptr;
        }
        return value;
    }
};

std::optional<JobState> jobStateByName(const std::string& name) {
    for (JobState state : {JobState::Submitting, JobState::Queued, JobState::Running, JobState::Succeeded,
                           JobState::Failed, JobState::Expired, JobState::Cancelled}) {
        if (name == jobStateName(state)) return state;
    }
    return std::nullopt;
}

void readResults(MemberReader& top, std::vector<ResultVideo>& out) {
    const json* results = top.find("results");
    if (!results) return;
    if (!results->is_array()) {
        top.wrong("results", *results, "an array");
        return;
    }
    for (size_t i = 0; i < results->size(); ++i) {
        const json& entry = (*results)[i];
        const std::string where = "results[" + std::to_string(i) + "]";
        if (!entry.is_object()) {
            top.problems.push_back(where + " is " + describeTypedValue(entry) + ", expected an object");
            continue;
        }
        ResultVideo video{"", "video/mp4", false, ""};
        MemberReader reader{entry, where + ".", top.problems};
        reader.read("url", video.url);
        reader.read("mimeType", video.mimeType);
        reader.read("stored", video.stored);
        reader.read("storeProblem", video.storeProblem);
        out.push_back(std::move(video));
    }
}

void readSubmit(MemberReader& top, HttpRequest& submit) {
    const json* stored = top.object("submit");
    if (!stored) return;
    MemberReader reader{*stored, "submit.", top.problems};
    reader.read("method", submit.method);
    reader.read("path", submit.path);
    if (const json* headers = reader.object("headers")) submit.headers = *headers;
    reader.read("body", submit.body);
}

void readJob(MemberReader& top, const json& stored, Job& job, int64_t createdAt) {
    MemberReader reader{stored, "job.", top.problems};
    std::string dialect, state;
    reader.read("dialect", dialect);
    reader.read("state", state);
    if (const auto known = dialectByName(dialect)) job.dialect = *known;
    else top.problems.push_back("job.dialect \"" + dialect + "\" names no dialect (one of " + dialectNameList() + ")");
    if (const auto known = jobStateByName(state)) job.state = *known;
    else top.problems.push_back("job.state \"" + state + "\" names no job state");
    job.submittedAt = createdAt;
    job.progress = -1;
    job.rngState = 1;
    reader.read("intervalMs", job.policy.intervalMs);
    reader.read("id", job.id);
    reader.read("operation", job.operation);
    reader.read("progress", job.progress);
    reader.read("submittedAt", job.submittedAt);
    reader.read("lastPollAt", job.lastPollAt);
    reader.read("nextPollAt", job.nextPollAt);
    reader.read("pollsMade", job.pollsMade);
    reader.read("consecutiveErrors", job.consecutiveErrors);
    reader.read("rngState", job.rngState);
    reader.read("lastTransientError", job.lastTransientError);
    reader.read("expiresAt", job.expiresAt);
    reader.read("costCents", job.costCents);
    reader.read("errorCode", job.errorCode);
    reader.read("errorMessage", job.errorMessage);
    reader.read("errorHint", job.errorHint);
    reader.read("errorHttpStatus", job.errorHttpStatus);
    reader.read("finishedAt", job.finishedAt);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

JobRecordReading readJobRecord(const json& value) {
    JobRecordReading reading;
    if (!value.is_object()) {
        reading.problem = "the record is " + describeTypedValue(value) + ", expected an object";
        return reading;
    }
    std::vector<std::string> problems;
    MemberReader top{value, "", problems};
    JobRecord record;
    record.request = json::object();
    top.read("localId", record.localId);
    if (record.localId.empty() && problems.empty()) problems.push_back("localId is missing or empty");
    top.read("createdAt", record.createdAt);
    top.read("request", record.request);
    top.read("baseUrl", record.baseUrl);
    readSubmit(top, record.submit);
    top.read("retries", record.retries);
    top.read("group", record.group);
    top.read("idempotencyKey", record.idempotencyKey);
    readResults(top, record.results);
    if (const json* job = top.object("job")) readJob(top, *job, record.job, record.createdAt);
    else if (!top.find("job")) problems.push_back("job is missing");
    if (problems.empty()) {
        reading.record = std::move(record);
        return reading;
    }
    for (const std::string& problem : problems) reading.problem += (reading.problem.empty() ? "" : "; ") + problem;
    return reading;
}

}  // namespace vg
