// VideoGen core: every dialect's wire facts beyond the request body (the body is DialectSpec's,
// dialect_common.h): the routes a client calls and a server answers, a job's status words, where an
// answer keeps its job id, videos, progress, error and expiry, and how a refusal is written.
// One copy: job_status.cpp reads answers with these tables, the playground (wasm/app/jobs.cpp)
// makes its poll calls from them, and serve.py registers its routes, writes its answers and
// proxies an upstream from them (`vgen dialect-facts`, vg_dialect_facts in c_api.h).
//
// Index
// [SECTION] The table's rows
// [SECTION] The table
#pragma once

#include "dialects/dialect.h"
#include "jobs/job.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] The table's rows
//-----------------------------------------------------------------------------

// One HTTP route of a dialect. `role` says what it is for: submit (create a job), status (a job's
// state), content (a result's bytes), list, delete, remix, start (gateway /v4: submit without
// holding the answer open); OpenAI's edit and extend (a new job from a video), character_create
// and character (a character made from an uploaded video, and reading it back).
struct WireRoute {
    const char* role;
    const char* method;   // "GET", "POST", "DELETE"
    const char* path;     // what a client sends, "{id}" standing for the job id: "/v2/jobs/{id}"
    const char* pattern;  // what a server matches: a regular expression over the path, "{id}" standing
                          // for the dialect's idPattern (a group): "^/v2/jobs/{id}$"
};

// A status word of the dialect and the state it means. Read in any letter case.
struct StatusWord {
    std::string_view word;
    JobState state;
};

// How the dialect writes a refusal for one HTTP status. `type` and `code` fill the error shape's
// "$type" and "$code"; "{status}" in them stands for the number.
inline constexpr int kOtherClientError = 0;  // ErrorRow::status of the row for any 4xx not listed
inline constexpr int kOtherServerError = 1;  // ... and for any other status not listed
struct ErrorRow {
    int status;        // the HTTP status, or kOtherClientError / kOtherServerError
    const char* type;  // "invalid_request_error"; jobs: the error word ("Validation error")
    const char* code;  // "not_found"; "" = the caller's code, else the class fallback's
};

struct DialectWire {
    Dialect dialect;
    const char* pathPattern;  // the paths that belong to the dialect (a refusal there is in its shape)
    const char* idPattern;    // a job id as this dialect's server issues it
    std::vector<WireRoute> routes;

    std::vector<StatusWord> statusWords;                        // every word read
    std::vector<std::pair<JobState, const char*>> answerWords;  // the word a server writes per state

    // Where an answer keeps things ("a.b" is member b of object a). A video field holds an array of
    // videos or one video; a video is a URL string or an object with `url` (or `data`, base64).
    std::vector<const char*> jobIdFields;
    std::vector<const char*> videoFields;
    const char* progressField;   // 0-100
    std::vector<const char*> errorFields;  // a string, or {message, code|type}
    const char* expiresAtField;  // Unix seconds; "" = not said
    int64_t linkLifetimeMs;      // how long result links live after completion, -1 = not said
    const char* costField;       // cents; "" = not said
    // Webhook event names per our own event ("progress" or a state name), jobs only.
    std::vector<std::pair<const char*, const char*>> webhookEvents;

    // A refusal's body: JSON with placeholders "$message", "$type", "$code", "$param", "$status"
    // (a number) and "$diagnostics" (a member dropped when there are none). A shape without
    // "$diagnostics" carries them in "$param" as {"diagnostics": [...]}.
    const char* errorShape;
    std::vector<ErrorRow> errorRows;
    bool rowCodeWins;  // true: a listed status's code beats the caller's (seed 002's table); false: the
                       // caller's wins. Without either, the other-status row's code ("" = null).

    // The model a request without one means ("" = a request must name it): OpenAI's `sora-2`.
    const char* defaultModel;
    // The sizes an answer's `size` may name ("WxH"; empty = any): OpenAI's VideoSize enum, which a
    // video object of another model's render answers with the nearest of them.
    std::vector<const char*> resultSizes;

    // The request header a submit names its idempotency key in (draft-ietf-httpapi-idempotency-key-
    // header: "Idempotency-Key"): a submit sent again with the same key and the same body is the job
    // the first one made, not a second one; the same key with another body is refused (422). serve.py
    // honours it on the dialect's submit route; the playground makes one key per Generate, keeps it
    // in the job's record before the request leaves, and sends it again after a reload or on a
    // Retry whose first attempt has no known outcome. "" = the dialect takes none.
    const char* idempotencyHeader;
    // The dialect's own API is documented to take that header. The playground sends it to a remote
    // gateway of the dialect only then (a server whose CORS does not allow an unknown header would
    // refuse every submit); the local gateway, serve.py, honours it on every dialect that names one.
    bool idempotencyUpstream;

    // Finding a job the gateway already made before its submit goes again (after a reload, when the
    // submit's answer never arrived): the list route's answer holds the server's newest jobs in
    // `listItemsField`; the one made no earlier than the submit (`createdAtField`, Unix seconds) whose
    // `listMatchFields` equal the submit body's is that job (jobs/job_lookup.h). "" and {}: the
    // dialect has no list to look in, and only the idempotency key finds the job.
    const char* listItemsField = "";
    std::vector<const char*> listMatchFields = {};
    const char* createdAtField = "";
};

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------

// Every dialect with a wire protocol of its own, in the order paths are matched (unified before
// openai: they share /v1/videos/, told apart by the id's task_ prefix). aisdk has none: its calls
// go through gateway.
const std::vector<DialectWire>& dialectWires();
// The row of `dialect`; aisdk answers gateway's.
const DialectWire& wireFor(Dialect dialect);
// The route of `role`, nullptr when the dialect has none.
const WireRoute* wireRoute(const DialectWire& wire, std::string_view role);
// A route's client path with the job id put in.
std::string wirePath(const WireRoute& route, const std::string& jobId);
// The word a server writes for `state` ("" when the dialect has none).
const char* answerWord(const DialectWire& wire, JobState state);

// The whole table as `vgen dialect-facts` prints it: {"dialects": [{"name", "pathPattern", ...}]}.
nlohmann::ordered_json dialectFactsJson();

}  // namespace vg
