// The canonical request's members; see request_members.h.
#include "request/request_members.h"

#include <array>

#include <cctype>
#include <utility>

namespace vg {

const std::vector<RequestMember>& requestMembers() {
    // The inputs each mode needs are seed 000's "Required Inputs", the same for every model; models
    // add their own (a catalog param with requiredIn).
    static const std::vector<RequestMember> members = {
        {"model", ValueType::String, "Model", "", {}, "the model id, an alias or a gateway's own id", "", {}, {}},
        {"mode", ValueType::String, "Mode", "", {}, "t2v, i2v, flf, r2v or v2v; implied by the inputs when absent", "", {}, {}},
        {"prompt", ValueType::String, "Prompt", "", {Mode::T2V}, "what the video shows", "write a prompt", {}, {}},
        {"image", ValueType::Image, "Image", "", {Mode::I2V, Mode::FLF}, "the image to animate, or the first frame", "add the image to animate", {}, {}},
        {"lastFrame", ValueType::Image, "Last frame", "", {Mode::FLF}, "the frame the video ends on", "add the frame the video ends on", {}, {}},
        {"references", ValueType::Array, "References", "", {Mode::R2V}, "images or videos the video draws on, each {url, type, tag}", "add at least one reference", {}, {}},
        {"video", ValueType::Video, "Video", "", {Mode::V2V}, "the video to edit", "add the video to edit", {}, {}},
        {"duration", ValueType::Number, "Duration", "s", {}, "how long the video lasts", "", {}, {}},
        {"resolution", ValueType::String, "Resolution", "", {}, "the video's size, \"720p\", \"1080p\" or \"1280x720\"", "", {}, {}},
        {"aspectRatio", ValueType::String, "Aspect ratio", "", {}, "the frame's shape as width:height, \"16:9\"", "", {}, {}},
        {"fps", ValueType::Integer, "Frames per second", "", {}, "frames per second", "", {}, {}},
        {"n", ValueType::Integer, "Videos", "", {}, "how many videos one request makes", "", 1.0, 1},
        {"seed", ValueType::Integer, "Seed", "", {}, "the same seed and request give the same video", "", {}, {}},
        {"audio", ValueType::Boolean, "Audio", "", {}, "generate a sound track", "", {}, {}},
        {"negativePrompt", ValueType::String, "Negative prompt", "", {}, "what the video should not show", "", {}, {}},
        {"quality", ValueType::String, "Quality", "", {}, "the provider's quality tier (\"std\", \"pro\")", "", {}, {}},
        {"webhook", ValueType::Object, "Webhook", "", {}, "{url, events}: where the gateway reports the job", "", {}, {}},
        {"providerOptions", ValueType::Object, "Provider options", "", {}, "{namespace: {option: value}}: one provider's own options", "", {}, {}},
        {"dialectOptions", ValueType::Object, "Dialect options", "", {}, "{dialect: {field: value}}: route-only fields kept as written", "", {}, {}},
    };
    return members;
}

const RequestMember* requestMember(std::string_view name) {
    for (const RequestMember& member : requestMembers())
        if (name == member.name) return &member;
    return nullptr;
}

namespace {

// An option's camelCase name as words: "cfgScale" -> "CFG scale", "audioUrl" -> "Audio URL". A trailing
// "Ms" is the option's unit, not a word ("pollIntervalMs" -> "Poll interval", in ms).
FieldWords optionWords(std::string_view name) {
    static constexpr std::pair<std::string_view, std::string_view> kAcronyms[] = {{"cfg", "CFG"}, {"url", "URL"}, {"id", "ID"}};
    FieldWords words;
    if (name.size() > 2 && name.substr(name.size() - 2) == "Ms") {
        words.unit = "ms";
        name.remove_suffix(2);
    }
    std::vector<std::string> parts;
    for (char c : name) {
        if (parts.empty() || std::isupper(static_cast<unsigned char>(c))) parts.emplace_back();
        parts.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (std::string& part : parts) {
        for (const auto& [lower, written] : kAcronyms)
            if (part == lower) part = written;
        if (!words.label.empty()) words.label += ' ';
        words.label += part;
    }
    if (!words.label.empty()) words.label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words.label[0])));
    return words;
}

}  // namespace

FieldWords fieldWords(const ParamSpec& spec) {
    const std::string_view path = spec.path;
    const RequestMember* member = path.size() > 1 && path.find('/', 1) == std::string_view::npos ? requestMember(path.substr(1)) : nullptr;
    FieldWords words = member ? FieldWords{member->label, member->unit, member->meaning} : optionWords(path.substr(path.rfind('/') + 1));
    if (!spec.help.empty()) words.meaning = spec.help;
    return words;
}

const std::vector<const RequestMember*>& modeInputs(Mode mode) {
    // Gathered once: mode inference asks for every request it reads.
    static const auto byMode = [] {
        std::array<std::vector<const RequestMember*>, std::size(kAllModes)> inputs;
        for (const RequestMember& member : requestMembers())
            for (Mode of : member.inputOf) inputs[static_cast<size_t>(of)].push_back(&member);
        return inputs;
    }();
    return byMode[static_cast<size_t>(mode)];
}

}  // namespace vg
