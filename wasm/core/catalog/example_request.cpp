#include "catalog/example_request.h"

#include "media/media.h"

#include <algorithm>
#include <cmath>

namespace vg {

namespace {

// The headers of a PNG of the given size: enough for the probe, which reads only IHDR.
std::string pngHeaderBase64(uint32_t width, uint32_t height) {
    std::vector<uint8_t> bytes = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (uint32_t value : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(value >> shift));
    for (uint8_t tail : {8, 2, 0, 0, 0, 0, 0, 0, 0}) bytes.push_back(tail);  // depth, colour, methods, CRC
    return encodeBase64(bytes.data(), bytes.size());
}

const char* defaultExtension(ValueType type) {
    switch (type) {
        case ValueType::Video: return "mp4";
        case ValueType::Audio: return "mp3";
        default: return "png";
    }
}

bool isMedia(ValueType type) { return type == ValueType::Image || type == ValueType::Video || type == ValueType::Audio; }

json inlineImage(const ParamSpec& spec) {
    uint32_t side = static_cast<uint32_t>(std::max(512, spec.media && spec.media->minSide ? *spec.media->minSide : 0));
    std::string base64 = pngHeaderBase64(side, side);
    if (spec.media && !spec.media->rawBase64Allowed) return "data:image/png;base64," + base64;
    return base64;
}

json exampleNumber(const ParamSpec& spec, uint32_t variant) {
    const bool integral = spec.type == ValueType::Integer;
    double low = spec.min.value_or(integral ? 1 : 0);
    double high = spec.max.value_or(low + 10);
    double value = (variant % 3 == 0) ? low : (variant % 3 == 1) ? high : (low + high) / 2;
    if (spec.step && *spec.step > 0) value = low + std::floor((value - low) / *spec.step) * *spec.step;
    if (integral) value = std::ceil(value - 1e-9);
    if (value > high) value = high;
    if (integral || value == std::floor(value)) return static_cast<long long>(value);
    return value;
}

}  // namespace

std::string exampleMediaUrl(const ParamSpec& spec) {
    std::string extension = defaultExtension(spec.type);
    if (spec.media && !spec.media->formats.empty()) extension = spec.media->formats.front();
    const char* stem = spec.type == ValueType::Video ? "clip" : spec.type == ValueType::Audio ? "sound" : "image";
    return std::string("https://example.com/") + stem + "." + extension;
}

json exampleValue(const ParamSpec& spec, uint32_t variant) {
    if (!spec.values.empty()) return spec.values[variant % spec.values.size()];
    if (!spec.defaultValue.is_null() && variant == 0) return spec.defaultValue;
    switch (spec.type) {
        case ValueType::Boolean: return spec.defaultValue.is_boolean() ? spec.defaultValue : json(variant % 2 == 1);
        case ValueType::Integer:
        case ValueType::Number: return exampleNumber(spec, variant);
        case ValueType::Image:
            if (spec.media && !spec.media->urlAllowed) return inlineImage(spec);
            return exampleMediaUrl(spec);
        case ValueType::Video:
        case ValueType::Audio: return exampleMediaUrl(spec);
        case ValueType::String: {
            // What to avoid reads differently from what to show (seed 002's negative_prompt example).
            std::string text = spec.path == "/negativePrompt" ? "text, watermark, blurry, distorted hands"
                                                              : "a red fox runs through fresh snow, slow tracking shot";
            if (spec.maxLength && text.size() > *spec.maxLength) text.resize(*spec.maxLength);
            return text;
        }
        case ValueType::Array: return json::array();
        case ValueType::Object: return json::object();
        case ValueType::Any: return json();
    }
    return json();
}

Request exampleRequest(const Model& model, Mode mode, uint32_t variant) {
    Request request;
    json& body = request.body;
    body["model"] = model.id;
    body["mode"] = modeName(mode);

    // The inputs the mode needs, from the model's own spec where it has one.
    auto mediaFor = [&](const char* path, ValueType type) -> json {
        if (const ParamSpec* spec = model.param(path)) return exampleValue(*spec, 0);
        ParamSpec generic;
        generic.type = type;
        return exampleValue(generic, 0);
    };
    body["prompt"] = "a red fox runs through fresh snow, slow tracking shot";
    if (mode == Mode::I2V || mode == Mode::FLF) body["image"] = mediaFor("/image", ValueType::Image);
    if (mode == Mode::FLF) body["lastFrame"] = mediaFor("/lastFrame", ValueType::Image);
    if (mode == Mode::V2V) body["video"] = mediaFor("/video", ValueType::Video);
    if (mode == Mode::R2V) {
        json reference = {{"url", mediaFor("/image", ValueType::Image)}, {"type", "image"}, {"tag", "character1"}};
        body["references"] = json::array({reference});
    }

    // Scalar parameters of this mode. Arrays, objects and extra media take part in cross-field
    // rules (exclusive options, shot sums) and are left to tests that build them on purpose.
    for (const ParamSpec& spec : model.params) {
        if (!spec.unsupported.empty()) continue;
        if (!spec.modes.empty() && std::find(spec.modes.begin(), spec.modes.end(), mode) == spec.modes.end()) continue;
        if (spec.type == ValueType::Array || spec.type == ValueType::Object || spec.type == ValueType::Any) continue;
        if (isMedia(spec.type) || spec.path == "/prompt" || spec.path == "/mode" || spec.path == "/model") continue;
        if (spec.type == ValueType::Boolean && !spec.defaultValue.is_boolean()) continue;
        // Free text the seeds give no values for (an aspect ratio with no list) has no honest example.
        if (spec.type == ValueType::String && spec.values.empty() && spec.defaultValue.is_null() &&
            spec.path != "/negativePrompt")
            continue;
        json value = spec.type == ValueType::Boolean ? spec.defaultValue : exampleValue(spec, variant);
        if (value.is_null()) continue;
        json::json_pointer pointer(spec.path);
        body[pointer] = value;
    }
    return request;
}

}  // namespace vg
