// VideoGen core: the dialects' wire facts (see dialect_wire.h).
//
// Index
// [SECTION] Status words
// [SECTION] Refusals
// [SECTION] The table
// [SECTION] Lookups and JSON
#include "dialects/dialect_wire.h"

#include <string>

namespace vg {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Status words
//-----------------------------------------------------------------------------

// OpenAI's video object; seed 002's GET /v1/videos/{task} answers in the same shape.
const std::vector<StatusWord> kOpenAiWords = {{"queued", JobState::Queued},
                                              {"in_progress", JobState::Running},
                                              {"completed", JobState::Succeeded},
                                              {"failed", JobState::Failed}};
// OpenAI has no cancelled status: a cancelled video reads as failed (its error says why).
const std::vector<std::pair<JobState, const char*>> kOpenAiAnswers = {{JobState::Queued, "queued"},
                                                                      {JobState::Running, "in_progress"},
                                                                      {JobState::Succeeded, "completed"},
                                                                      {JobState::Failed, "failed"},
                                                                      {JobState::Cancelled, "failed"}};
// Seed 004 shows only QUEUED; the others are the usual words of job APIs in the same style.
const std::vector<StatusWord> kJobsWords = {{"QUEUED", JobState::Queued},       {"PENDING", JobState::Queued},
                                            {"PROCESSING", JobState::Running},  {"RUNNING", JobState::Running},
                                            {"IN_PROGRESS", JobState::Running}, {"COMPLETED", JobState::Succeeded},
                                            {"SUCCEEDED", JobState::Succeeded}, {"FAILED", JobState::Failed},
                                            {"CANCELLED", JobState::Cancelled}, {"CANCELED", JobState::Cancelled}};
// Seed 003 (pending | processing | completed | failed) has no cancelled state: it reads as failed.
const std::vector<StatusWord> kCreativeHubWords = {{"pending", JobState::Queued},
                                                   {"processing", JobState::Running},
                                                   {"completed", JobState::Succeeded},
                                                   {"failed", JobState::Failed}};
// /v4 status: `pending` is the gateway's only in-flight word; it has accepted the operation, so
// the job counts as running.
const std::vector<StatusWord> kGatewayWords = {{"pending", JobState::Running},
                                               {"completed", JobState::Succeeded},
                                               {"error", JobState::Failed},
                                               {"cancelled", JobState::Cancelled}};

//-----------------------------------------------------------------------------
// [SECTION] Refusals
//-----------------------------------------------------------------------------

constexpr const char* kErrorObjectShape =
    R"({"error":{"message":"$message","type":"$type","param":"$param","code":"$code","diagnostics":"$diagnostics"}})";

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The table
//-----------------------------------------------------------------------------

const std::vector<DialectWire>& dialectWires() {
    static const std::vector<DialectWire> table = {
        // Vercel AI Gateway (@ai-sdk/gateway 4): every path under /v4/ai, and /v3/ai alike for older
        // clients, since the SDK appends its paths to whichever base URL it is given. POST
        // /v4/ai/video-model is held open (an event stream whose one data event is the result); /start
        // answers {operation} at once and /status takes {"operation": ...} back; GET /config lists the
        // models (getAvailableModels()).
        {.dialect = Dialect::Gateway,
         .pathPattern = "^/v[34]/ai/",
         .idPattern = "[A-Za-z0-9_-]{1,200}",
         .routes = {{"submit", "POST", "/v4/ai/video-model", "^/v[34]/ai/video-model$"},
                    {"start", "POST", "/v4/ai/video-model/start", "^/v[34]/ai/video-model/start$"},
                    {"status", "POST", "/v4/ai/video-model/status", "^/v[34]/ai/video-model/status$"},
                    {"config", "GET", "/v4/ai/config", "^/v[34]/ai/config$"}},
         .statusWords = kGatewayWords,
         .answerWords = {{JobState::Queued, "pending"},
                         {JobState::Running, "pending"},
                         {JobState::Succeeded, "completed"},
                         {JobState::Failed, "error"},
                         {JobState::Cancelled, "cancelled"}},
         .jobIdFields = {"operation.id"},
         .videoFields = {"videos"},
         .progressField = "progress",
         .errorFields = {"error"},
         .expiresAtField = "",
         .linkLifetimeMs = -1,
         .costField = "",
         // The start body's callbackUrl gets one POST when the operation ends, its status word in it
         // (@ai-sdk/gateway then asks /status once, and the video must be there).
         .webhookEvents = {{"succeeded", "completed"}, {"failed", "error"}, {"cancelled", "cancelled"}},
         // The SDK's createGatewayErrorFromResponse switches on `type`; any other word becomes a
         // GatewayInternalServerError. 422: an idempotency-key sent again with another request.
         .errorShape = R"({"error":{"message":"$message","type":"$type","param":"$param"}})",
         .errorRows = {{400, "invalid_request_error", ""},
                       {401, "authentication_error", ""},
                       {403, "forbidden", ""},
                       {404, "not_found", ""},
                       {422, "invalid_request_error", ""},
                       {429, "rate_limit_exceeded", ""},
                       {kOtherClientError, "internal_server_error", ""},
                       {kOtherServerError, "internal_server_error", ""}},
         .rowCodeWins = false,
         .defaultModel = "",
         .resultSizes = {},
         // @ai-sdk/gateway sends one per call (start) and the gateway makes a retried call the same operation.
         .idempotencyHeader = "Idempotency-Key",
         .idempotencyUpstream = true},
        // Seed 002: one held-open POST answering {id, created, model, duration, videos:[{url, mime_type}]};
        // task ids `task_<alphanumerics>`, as in the seed's example link, share /v1/videos/ with openai.
        // Links live 20 minutes ("download within 20 minutes").
        {.dialect = Dialect::Unified,
         .pathPattern = "^/v1/video/generations$|^/v1/videos/task_",
         .idPattern = "task_[A-Za-z0-9]{1,64}",
         .routes = {{"submit", "POST", "/v1/video/generations", "^/v1/video/generations$"},
                    {"status", "GET", "/v1/videos/{id}", "^/v1/videos/{id}$"},
                    {"content", "GET", "/v1/videos/{id}/content", "^/v1/videos/{id}/content$"}},
         .statusWords = kOpenAiWords,
         .answerWords = kOpenAiAnswers,
         .jobIdFields = {"id"},
         .videoFields = {"videos"},
         .progressField = "progress",
         .errorFields = {"error"},
         .expiresAtField = "expires_at",
         .linkLifetimeMs = 20 * 60 * 1000,
         .costField = "",
         .webhookEvents = {},
         // Seed 002's error table; statuses it does not list follow its http_NNN pattern.
         .errorShape =
             R"({"error":{"message":"$message","type":"$type","code":"$code","status":"$status","diagnostics":"$diagnostics"}})",
         .errorRows = {{401, "authentication_error", "http_401"},
                       {402, "insufficient_quota", "insufficient_quota"},
                       {404, "invalid_request_error", "not_found"},
                       {410, "invalid_request_error", "http_410"},
                       {429, "insufficient_quota", "insufficient_quota"},
                       {500, "api_error", "api_error"},
                       {502, "api_error", "api_error"},
                       {503, "api_error", "api_error"},
                       {kOtherClientError, "invalid_request_error", "http_{status}"},
                       {kOtherServerError, "api_error", "http_{status}"}},
         .rowCodeWins = true,
         .defaultModel = "",
         .resultSizes = {},
         // Seed 002 names no idempotency key.
         .idempotencyHeader = "Idempotency-Key",
         .idempotencyUpstream = false},
        // The OpenAI Videos API (OpenAI OpenAPI description, openai/openai-openapi; npm `openai` 7
        // resources/videos). A completed video carries no URL: its bytes are GET /v1/videos/{id}/content.
        {.dialect = Dialect::OpenAI,
         .pathPattern = "^/v1/videos(/|$)",
         .idPattern = "[A-Za-z0-9_-]{1,200}",
         // The fixed paths under /v1/videos/ come before /v1/videos/{id}, which their last part would
         // match as an id (a server takes the first route whose path and method match).
         .routes = {{"submit", "POST", "/v1/videos", "^/v1/videos$"},
                    {"list", "GET", "/v1/videos", "^/v1/videos$"},
                    {"edit", "POST", "/v1/videos/edits", "^/v1/videos/edits$"},
                    {"extend", "POST", "/v1/videos/extensions", "^/v1/videos/extensions$"},
                    {"character_create", "POST", "/v1/videos/characters", "^/v1/videos/characters$"},
                    {"character", "GET", "/v1/videos/characters/{id}", "^/v1/videos/characters/{id}$"},
                    {"status", "GET", "/v1/videos/{id}", "^/v1/videos/{id}$"},
                    {"delete", "DELETE", "/v1/videos/{id}", "^/v1/videos/{id}$"},
                    {"content", "GET", "/v1/videos/{id}/content", "^/v1/videos/{id}/content$"},
                    {"remix", "POST", "/v1/videos/{id}/remix", "^/v1/videos/{id}/remix$"}},
         .statusWords = kOpenAiWords,
         .answerWords = kOpenAiAnswers,
         .jobIdFields = {"id"},
         .videoFields = {},
         .progressField = "progress",
         .errorFields = {"error"},
         .expiresAtField = "expires_at",
         .linkLifetimeMs = -1,
         .costField = "",
         .webhookEvents = {},
         // OpenAI's error `type` and `code` per status (its API reference's error codes).
         .errorShape = kErrorObjectShape,
         .errorRows = {{401, "invalid_request_error", "invalid_api_key"},
                       {402, "insufficient_quota", "insufficient_quota"},
                       {404, "invalid_request_error", "not_found"},
                       {429, "requests", "rate_limit_exceeded"},
                       {kOtherClientError, "invalid_request_error", ""},
                       {kOtherServerError, "server_error", ""}},
         .rowCodeWins = false,
         .defaultModel = "sora-2",  // the OpenAPI description: "Defaults to `sora-2`"
         .resultSizes = {"720x1280", "1280x720", "1024x1792", "1792x1024"},
         // OpenAI's Videos reference names no idempotency key for POST /v1/videos.
         .idempotencyHeader = "Idempotency-Key",
         .idempotencyUpstream = false,
         // A video carries the model, prompt, seconds and size it was asked for (GET /v1/videos: the
         // newest first, in `data`).
         .listItemsField = "data",
         .listMatchFields = {"model", "prompt", "seconds", "size"},
         .createdAtField = "created_at"},
        // Seed 004: asynchronous jobs with webhooks (webhookEvents: progress, completed, failed).
        {.dialect = Dialect::Jobs,
         .pathPattern = "^/v2/(videos|jobs)(/|$)",
         .idPattern = "[A-Za-z0-9_-]{1,100}",
         .routes = {{"submit", "POST", "/v2/videos/generate", "^/v2/videos/generate$"},
                    {"status", "GET", "/v2/jobs/{id}", "^/v2/jobs/{id}$"}},
         .statusWords = kJobsWords,
         .answerWords = {{JobState::Queued, "QUEUED"},
                         {JobState::Running, "PROCESSING"},
                         {JobState::Succeeded, "COMPLETED"},
                         {JobState::Failed, "FAILED"},
                         {JobState::Cancelled, "CANCELLED"}},
         .jobIdFields = {"jobId", "id"},
         .videoFields = {"videos", "videoUrls", "videoUrl", "result.videos", "result.videoUrls", "result.videoUrl"},
         .progressField = "progress",
         .errorFields = {"error", "errorMessage"},
         .expiresAtField = "",
         .linkLifetimeMs = -1,
         .costField = "",
         .webhookEvents = {{"progress", "progress"}, {"succeeded", "completed"}, {"failed", "failed"}},
         // Seed 004's error words (400, 401, 402, 503); the others in the same style.
         .errorShape = R"({"error":"$type","message":"$message","details":"$diagnostics"})",
         .errorRows = {{400, "Validation error", ""},
                       {401, "Unauthorized", ""},
                       {402, "Insufficient credits", ""},
                       {404, "Not found", ""},
                       {405, "Method not allowed", ""},
                       {410, "Gone", ""},
                       {411, "Length required", ""},
                       {413, "Payload too large", ""},
                       {429, "Too many requests", ""},
                       {500, "Internal server error", ""},
                       {502, "Bad gateway", ""},
                       {503, "Service unavailable", ""},
                       {kOtherClientError, "HTTP {status}", ""},
                       {kOtherServerError, "HTTP {status}", ""}},
         .rowCodeWins = false,
         .defaultModel = "",
         .resultSizes = {},
         // Seed 004 names no idempotency key.
         .idempotencyHeader = "Idempotency-Key",
         .idempotencyUpstream = false},
        // Seed 003's legacy route. It names only `error_message`; `code` is a stable word beside it.
        {.dialect = Dialect::CreativeHub,
         .pathPattern = "^/api/v1/creative-hub/",
         .idPattern = "[A-Za-z0-9_-]{1,100}",
         .routes = {{"submit", "POST", "/api/v1/creative-hub/generate/video", "^/api/v1/creative-hub/generate/video$"},
                    {"status", "GET", "/api/v1/creative-hub/generate/jobs/{id}",
                     "^/api/v1/creative-hub/generate/jobs/{id}$"}},
         .statusWords = kCreativeHubWords,
         .answerWords = {{JobState::Queued, "pending"},
                         {JobState::Running, "processing"},
                         {JobState::Succeeded, "completed"},
                         {JobState::Failed, "failed"},
                         {JobState::Cancelled, "failed"}},
         .jobIdFields = {"job_id", "id"},
         .videoFields = {"result_urls"},
         .progressField = "progress",
         .errorFields = {"error_message"},
         .expiresAtField = "",
         .linkLifetimeMs = -1,
         .costField = "cost_cents",
         .webhookEvents = {},
         .errorShape = R"({"error_message":"$message","code":"$code","details":"$diagnostics"})",
         .errorRows = {{400, "", "validation_error"},
                       {401, "", "unauthorized"},
                       {402, "", "insufficient_credits"},
                       {404, "", "not_found"},
                       {405, "", "method_not_allowed"},
                       {410, "", "gone"},
                       {411, "", "length_required"},
                       {413, "", "payload_too_large"},
                       {429, "", "rate_limited"},
                       {500, "", "internal_error"},
                       {502, "", "bad_gateway"},
                       {503, "", "service_unavailable"},
                       {kOtherClientError, "", "http_{status}"},
                       {kOtherServerError, "", "http_{status}"}},
         .rowCodeWins = false,
         .defaultModel = "luma_ray3",  // seed 003: provider optional; the first of the two it lists
         .resultSizes = {},
         // Seed 003 names no idempotency key.
         .idempotencyHeader = "Idempotency-Key",
         .idempotencyUpstream = false},
    };
    return table;
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups and JSON
//-----------------------------------------------------------------------------

const DialectWire& wireFor(Dialect dialect) {
    if (dialect == Dialect::AiSdk) dialect = Dialect::Gateway;
    for (const DialectWire& wire : dialectWires()) {
        if (wire.dialect == dialect) return wire;
    }
    return dialectWires().front();  // unreachable: every other dialect has a row
}

const WireRoute* wireRoute(const DialectWire& wire, std::string_view role) {
    for (const WireRoute& route : wire.routes) {
        if (role == route.role) return &route;
    }
    return nullptr;
}

std::string wirePath(const WireRoute& route, const std::string& jobId) {
    std::string path = route.path;
    if (const size_t at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, jobId);
    return path;
}

const char* answerWord(const DialectWire& wire, JobState state) {
    for (const auto& [from, word] : wire.answerWords) {
        if (from == state) return word;
    }
    return "";
}

nlohmann::ordered_json dialectFactsJson() {
    using ojson = nlohmann::ordered_json;
    ojson dialects = ojson::array();
    for (const DialectWire& wire : dialectWires()) {
        ojson routes = ojson::array();
        for (const WireRoute& route : wire.routes)
            routes.push_back({{"role", route.role}, {"method", route.method}, {"path", route.path},
                              {"pattern", route.pattern}});
        ojson words = ojson::array();
        for (const StatusWord& word : wire.statusWords)
            words.push_back({{"word", std::string(word.word)}, {"state", jobStateName(word.state)}});
        ojson answers = ojson::object();
        for (const auto& [state, word] : wire.answerWords) answers[jobStateName(state)] = word;
        ojson webhookEvents = ojson::object();
        for (const auto& [event, name] : wire.webhookEvents) webhookEvents[event] = name;
        ojson rows = ojson::array();
        for (const ErrorRow& row : wire.errorRows)
            rows.push_back({{"status", row.status}, {"type", row.type}, {"code", row.code}});
        dialects.push_back({{"name", dialectName(wire.dialect)},
                            {"pathPattern", wire.pathPattern},
                            {"idPattern", wire.idPattern},
                            {"routes", routes},
                            {"statusWords", words},
                            {"answerWords", answers},
                            {"jobIdFields", wire.jobIdFields},
                            {"videoFields", wire.videoFields},
                            {"progressField", wire.progressField},
                            {"errorFields", wire.errorFields},
                            {"expiresAtField", wire.expiresAtField},
                            {"linkLifetimeMs", wire.linkLifetimeMs},
                            {"costField", wire.costField},
                            {"webhookEvents", webhookEvents},
                            {"errorShape", ojson::parse(wire.errorShape)},
                            {"errorRows", rows},
                            {"rowCodeWins", wire.rowCodeWins},
                            {"defaultModel", wire.defaultModel},
                            {"resultSizes", wire.resultSizes},
                            {"idempotencyHeader", wire.idempotencyHeader},
                            {"idempotencyUpstream", wire.idempotencyUpstream},
                            {"listItemsField", wire.listItemsField},
                            {"listMatchFields", wire.listMatchFields},
                            {"createdAtField", wire.createdAtField}});
    }
    return {{"dialects", dialects}};
}

}  // namespace vg
