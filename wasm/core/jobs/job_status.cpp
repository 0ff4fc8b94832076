// VideoGen core: per-dialect reading of job bodies (the field table is in job_status.h).
//
// [SECTIONS]
//   status words       each dialect's vocabulary (dialect_wire.h), mapped onto JobState
//   field helpers      strings, progress, videos, errors, quoting what the gateway sent
//   dialect readers    openai, unified, jobs, creative-hub, gateway
//   public             readJobBody, readErrorBody
#include "jobs/job_status.h"

#include "dialects/dialect_wire.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace vg {
namespace {

// ---- status words ----------------------------------------------------------------------------
// Each dialect's words and the fields read below are its row of dialect_wire.h.
constexpr size_t kQuoteLimit = 120;                         // bytes of a gateway value quoted in a message
constexpr size_t kErrorTextLimit = 300;                     // bytes of a non-JSON error body kept

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

std::string wordList(const std::vector<StatusWord>& words) {
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
void readStatusWord(const json& body, const std::vector<StatusWord>& words, StatusReading& reading) {
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

// Appends the readable entries of `videos` (an array of videos, or one video).
void collectVideos(const json& videos, std::vector<VideoResult>& out) {
    if (!videos.is_array()) {
        if (auto video = readVideo(videos)) out.push_back(std::move(*video));
        return;
    }
    for (const json& entry : videos) {
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

// ---- dialect readers -------------------------------------------------------------------------
// The member at a dotted field of the table ("result.videos"), nullptr when absent.
const json* fieldAt(const json& body, std::string_view field) {
    const json* at = &body;
    while (!field.empty() && at->is_object()) {
        const size_t dot = field.find('.');
        auto it = at->find(std::string(field.substr(0, dot)));
        if (it == at->end()) return nullptr;
        if (dot == std::string_view::npos) return &*it;
        at = &*it;
        field.remove_prefix(dot + 1);
    }
    return nullptr;
}

std::string fieldList(const std::vector<const char*>& fields) {
    std::string list;
    for (const char* field : fields) list += (list.empty() ? "" : ", ") + std::string(field);
    return list;
}

// What every job answer shares, read through the dialect's row of the table.
void readJobFields(const DialectWire& wire, const json& body, StatusReading& reading) {
    for (const char* field : wire.jobIdFields) {
        const json* id = fieldAt(body, field);
        if (id && id->is_string()) {
            reading.jobId = id->get<std::string>();
            break;
        }
    }
    readStatusWord(body, wire.statusWords, reading);
    if (const json* progress = fieldAt(body, wire.progressField); progress && progress->is_number()) {
        const double value = progress->get<double>();
        if (std::isfinite(value)) reading.progress = static_cast<int>(std::lround(std::clamp(value, 0.0, 100.0)));
    }
    for (const char* field : wire.videoFields) {
        if (const json* videos = fieldAt(body, field)) collectVideos(*videos, reading.videos);
    }
    for (const char* field : wire.errorFields) {
        const json* error = fieldAt(body, field);
        if (!error) continue;
        GatewayErrorBody failure = readFailure(*error);
        if (reading.errorCode.empty()) reading.errorCode = std::move(failure.code);
        if (reading.errorMessage.empty()) reading.errorMessage = std::move(failure.message);
    }
    if (const json* expires = fieldAt(body, wire.expiresAtField); expires && expires->is_number_integer())
        reading.expiresAt = expires->get<int64_t>() * 1000;
    if (const json* cost = fieldAt(body, wire.costField); cost && cost->is_number_integer())
        reading.costCents = cost->get<int64_t>();
    reading.linksLiveMs = wire.linkLifetimeMs;
    if (wire.videoFields.empty()) {
        // OpenAI: a completed body carries no URL; the video is the content route's.
        const WireRoute* content = wireRoute(wire, "content");
        if (reading.state == JobState::Succeeded && !reading.jobId.empty() && content)
            reading.videos.push_back({wirePath(*content, reading.jobId), "", "video/mp4"});
        if (content) requireVideos(reading, ("an \"id\" to fetch " + std::string(content->path) + " with").c_str());
        return;
    }
    requireVideos(reading, fieldList(wire.videoFields).c_str());
}

void readUnified(const json& body, StatusReading& reading) {
    const DialectWire& wire = wireFor(Dialect::Unified);
    if (auto it = body.find("videos"); it != body.end() && it->is_array() && !it->empty()) {
        // The held-open POST's answer: {created, model, duration, videos:[{url, mime_type}]}.
        reading.state = JobState::Succeeded;
        reading.jobId = firstString(body, {"id"});
        for (const char* field : wire.videoFields) {
            if (const json* videos = fieldAt(body, field)) collectVideos(*videos, reading.videos);
        }
        requireVideos(reading, fieldList(wire.videoFields).c_str());
    } else {
        readJobFields(wireFor(Dialect::OpenAI), body, reading);  // GET /v1/videos/{task}: OpenAI's video object
    }
    reading.linksLiveMs = wire.linkLifetimeMs;
}

void readGateway(const json& body, StatusReading& reading) {
    if (auto type = body.find("type"); type != body.end()) {
        // The held-open stream: its one data event.
        if (type->is_string() && *type == "result") {
            reading.state = JobState::Succeeded;
            if (auto videos = body.find("videos"); videos != body.end()) collectVideos(*videos, reading.videos);
            requireVideos(reading, "videos");
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
    readJobFields(wireFor(Dialect::Gateway), body, reading);  // /v4/ai/video-model/status
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
        case Dialect::Unified: readUnified(body, reading); break;
        case Dialect::Gateway: readGateway(body, reading); break;
        case Dialect::OpenAI:
        case Dialect::Jobs:
        case Dialect::CreativeHub: readJobFields(wireFor(dialect), body, reading); break;
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
