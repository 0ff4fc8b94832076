// VideoGen core: per-dialect reading of job bodies (the field table is in job_status.h).
//
// [SECTIONS]
//   status words       each dialect's vocabulary, mapped onto JobState
//   field helpers      strings, progress, videos, errors, quoting what the gateway sent
//   dialect readers    openai, unified, jobs, creative-hub, gateway
//   public             readJobBody, readErrorBody
#include "job_status.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string_view>

namespace vg {
namespace {

// ---- status words ----------------------------------------------------------------------------
struct StatusWord {
    std::string_view word;
    JobState state;
};

constexpr StatusWord kOpenAiWords[] = {{"queued", JobState::Queued},
                                       {"in_progress", JobState::Running},
                                       {"completed", JobState::Succeeded},
                                       {"failed", JobState::Failed}};
// Seed 004 shows only QUEUED; the others are the usual words of job APIs in the same style.
constexpr StatusWord kJobsWords[] = {{"QUEUED", JobState::Queued},       {"PENDING", JobState::Queued},
                                     {"PROCESSING", JobState::Running},  {"RUNNING", JobState::Running},
                                     {"IN_PROGRESS", JobState::Running}, {"COMPLETED", JobState::Succeeded},
                                     {"SUCCEEDED", JobState::Succeeded}, {"FAILED", JobState::Failed},
                                     {"CANCELLED", JobState::Cancelled}, {"CANCELED", JobState::Cancelled}};
constexpr StatusWord kCreativeHubWords[] = {{"pending", JobState::Queued},
                                            {"processing", JobState::Running},
                                            {"completed", JobState::Succeeded},
                                            {"failed", JobState::Failed}};
// /v4 status: `pending` is the gateway's only in-flight word; it has accepted the operation, so
// the job counts as running.
constexpr StatusWord kGatewayWords[] = {{"pending", JobState::Running},
                                        {"completed", JobState::Succeeded},
                                        {"error", JobState::Failed},
                                        {"cancelled", JobState::Cancelled}};

constexpr int64_t kUnifiedLinkLifetimeMs = 20 * 60 * 1000;  // seed 002: "download within 20 minutes"
constexpr size_t kQuoteLimit = 120;                         // bytes of a gateway value quoted in a message
constexpr size_t kErrorTextLimit = 300;                     // bytes of a non-JSON error body kept

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

std::string wordList(std::span<const StatusWord> words) {
    std::string list;
    for (const StatusWord& w : words) {
        if (!list.empty()) list += ", ";
        list += w.word;
    }
    return list;
}

// ---- field helpers ---------------------------------------------------------------------------
// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string clip(std::string text, size_t limit) {
    if (text.size() <= limit) return text;
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text + "...";
}

// A gateway value as it appears in a message: JSON text, clipped.
std::string quote(const json& value) {
    return clip(value.dump(-1, ' ', false, json::error_handler_t::replace), kQuoteLimit);
}

std::optional<std::string> stringField(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

std::string firstString(const json& object, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        if (auto value = stringField(object, key)) return *value;
    }
    return "";
}

// Reads `status` and maps it through `words`; on failure says what the gateway sent.
void readStatusWord(const json& body, std::span<const StatusWord> words, StatusReading& reading) {
    auto it = body.find("status");
    if (it == body.end()) {
        reading.problem =
            "the gateway's answer has no \"status\" (expected one of " + wordList(words) + "): " + quote(body);
        return;
    }
    if (it->is_string()) {
        const std::string& word = it->get_ref<const std::string&>();
        for (const StatusWord& w : words) {
            if (equalsIgnoreCase(word, w.word)) {
                reading.state = w.state;
                return;
            }
        }
    }
    reading.problem = "the gateway answered status " + quote(*it) + ", which is not one of " + wordList(words);
}

void readProgress(const json& body, StatusReading& reading) {
    auto it = body.find("progress");
    if (it == body.end() || !it->is_number()) return;
    const double value = it->get<double>();
    if (std::isfinite(value)) reading.progress = static_cast<int>(std::lround(std::clamp(value, 0.0, 100.0)));
}

std::optional<VideoResult> readVideo(const json& entry) {
    if (entry.is_string()) return VideoResult{entry.get<std::string>(), "", "video/mp4"};
    if (!entry.is_object()) return std::nullopt;
    VideoResult video;
    video.mimeType = firstString(entry, {"mediaType", "mime_type", "mimeType", "contentType"});
    if (video.mimeType.empty()) video.mimeType = "video/mp4";
    if (auto url = stringField(entry, "url"))
        video.url = *url;
    else if (auto data = stringField(entry, "data"))
        video.base64 = *data;
    else
        return std::nullopt;
    return video;
}

// Appends the readable entries of `field` (an array of videos, or one video) in `object`.
void collectVideos(const json& object, const char* field, std::vector<VideoResult>& out) {
    auto it = object.find(field);
    if (it == object.end()) return;
    if (!it->is_array()) {
        if (auto video = readVideo(*it)) out.push_back(std::move(*video));
        return;
    }
    for (const json& entry : *it) {
        if (auto video = readVideo(entry)) out.push_back(std::move(*video));
    }
}

// A Succeeded reading must carry a video: otherwise there is nothing to show, and the gateway
// broke its own protocol, so the reading becomes a problem naming where we looked.
void requireVideos(StatusReading& reading, const char* lookedAt) {
    if (reading.state != JobState::Succeeded || !reading.videos.empty()) return;
    reading.state.reset();
    reading.problem =
        std::string("the gateway reported the job completed but sent no video (looked for ") + lookedAt + ")";
}

// `error` as a string or as {message, code|type}.
GatewayErrorBody readFailure(const json& error) {
    GatewayErrorBody failure;
    if (error.is_string()) {
        failure.message = error.get<std::string>();
    } else if (error.is_object()) {
        failure.message = firstString(error, {"message"});
        const auto code = error.find("code");
        if (code != error.end() && code->is_number_integer())
            failure.code = std::to_string(code->get<int64_t>());
        else
            failure.code = firstString(error, {"code", "type"});
    }
    return failure;
}

void readFailureInto(const json& body, StatusReading& reading) {
    auto it = body.find("error");
    if (it == body.end()) return;
    GatewayErrorBody failure = readFailure(*it);
    reading.errorCode = std::move(failure.code);
    reading.errorMessage = std::move(failure.message);
}

// ---- dialect readers -------------------------------------------------------------------------
void readOpenAi(const json& body, StatusReading& reading) {
    reading.jobId = firstString(body, {"id"});
    readStatusWord(body, kOpenAiWords, reading);
    readProgress(body, reading);
    if (auto it = body.find("expires_at"); it != body.end() && it->is_number_integer())
        reading.expiresAt = it->get<int64_t>() * 1000;
    readFailureInto(body, reading);
    if (reading.state == JobState::Succeeded && !reading.jobId.empty())
        reading.videos.push_back({"/v1/videos/" + reading.jobId + "/content", "", "video/mp4"});
    requireVideos(reading, "an \"id\" to fetch /v1/videos/{id}/content with");
}

void readUnified(const json& body, StatusReading& reading) {
    reading.linksLiveMs = kUnifiedLinkLifetimeMs;
    if (auto it = body.find("videos"); it != body.end() && it->is_array() && !it->empty()) {
        // The held-open POST's answer: {created, model, duration, videos:[{url, mime_type}]}.
        reading.state = JobState::Succeeded;
        reading.jobId = firstString(body, {"id"});
        collectVideos(body, "videos", reading.videos);
        requireVideos(reading, "videos[].url");
        return;
    }
    readOpenAi(body, reading);  // GET /v1/videos/{task} and the /v1/videos compatible route
}

void readJobs(const json& body, StatusReading& reading) {
    reading.jobId = firstString(body, {"jobId", "id"});
    readStatusWord(body, kJobsWords, reading);
    readProgress(body, reading);
    const json* result = nullptr;
    if (auto it = body.find("result"); it != body.end() && it->is_object()) result = &*it;
    for (const json* holder : {&body, result}) {
        if (holder == nullptr) continue;
        for (const char* field : {"videos", "videoUrls", "videoUrl"}) collectVideos(*holder, field, reading.videos);
    }
    readFailureInto(body, reading);
    if (reading.errorMessage.empty()) reading.errorMessage = firstString(body, {"errorMessage"});
    requireVideos(reading, "videos, videoUrls, videoUrl, result.videos, result.videoUrls, result.videoUrl");
}

void readCreativeHub(const json& body, StatusReading& reading) {
    reading.jobId = firstString(body, {"job_id", "id"});
    readStatusWord(body, kCreativeHubWords, reading);
    readProgress(body, reading);
    collectVideos(body, "result_urls", reading.videos);
    if (auto it = body.find("cost_cents"); it != body.end() && it->is_number_integer())
        reading.costCents = it->get<int64_t>();
    reading.errorMessage = firstString(body, {"error_message"});
    requireVideos(reading, "result_urls");
}

void readGateway(const json& body, StatusReading& reading) {
    if (auto type = body.find("type"); type != body.end()) {
        // /v3 held-open stream: its one data event.
        if (type->is_string() && *type == "result") {
            reading.state = JobState::Succeeded;
            collectVideos(body, "videos", reading.videos);
            requireVideos(reading, "videos[].url or videos[].data");
        } else if (type->is_string() && *type == "error") {
            reading.state = JobState::Failed;
            reading.errorMessage = firstString(body, {"message"});
            reading.errorCode = firstString(body, {"errorType"});
        } else {
            reading.problem =
                "the gateway sent an event of type " + quote(*type) + ", which is not one of result, error";
        }
        return;
    }
    if (auto operation = body.find("operation"); operation != body.end() && !operation->is_null()) {
        // /v4/ai/video-model/start: an opaque operation to send back to /status.
        reading.state = JobState::Running;
        reading.operation = *operation;
        if (operation->is_object()) reading.jobId = firstString(*operation, {"id"});
        return;
    }
    readStatusWord(body, kGatewayWords, reading);  // /v4/ai/video-model/status
    collectVideos(body, "videos", reading.videos);
    readFailureInto(body, reading);
    requireVideos(reading, "videos[].url or videos[].data");
}

}  // namespace

// ---- public ----------------------------------------------------------------------------------
StatusReading readJobBody(Dialect dialect, const json& body) {
    StatusReading reading;
    if (body.is_null()) {
        reading.retryable = true;
        reading.problem = "the gateway answered with an empty body";
        return reading;
    }
    if (body.is_string()) {
        reading.retryable = true;
        reading.problem = "the gateway answered with text that is not JSON: " + quote(body);
        return reading;
    }
    if (!body.is_object()) {
        reading.problem = "the gateway answered " + quote(body) + ", which is not a JSON object";
        return reading;
    }
    switch (dialect) {
        case Dialect::OpenAI: readOpenAi(body, reading); break;
        case Dialect::Unified: readUnified(body, reading); break;
        case Dialect::Jobs: readJobs(body, reading); break;
        case Dialect::CreativeHub: readCreativeHub(body, reading); break;
        case Dialect::Gateway: readGateway(body, reading); break;
        case Dialect::AiSdk:
            reading.problem = "the aisdk dialect has no job protocol of its own: its calls go through gateway";
            break;
    }
    return reading;
}

GatewayErrorBody readErrorBody(const json& body) {
    GatewayErrorBody out;
    if (body.is_string()) {
        std::string text = body.get<std::string>();
        const size_t first = text.find_first_not_of(" \t\r\n");
        const size_t last = text.find_last_not_of(" \t\r\n");
        out.message = first == std::string::npos ? "" : clip(text.substr(first, last - first + 1), kErrorTextLimit);
        return out;
    }
    if (!body.is_object()) return out;
    if (auto error = body.find("error"); error != body.end()) out = readFailure(*error);
    if (out.message.empty()) out.message = firstString(body, {"message", "error_message", "errorMessage", "detail"});
    if (out.code.empty()) out.code = firstString(body, {"errorType", "code", "type"});
    return out;
}

}  // namespace vg
