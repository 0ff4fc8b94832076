#include "ui/model_text.h"

#include "request/diagnostic_codes.h"
#include "request/request_members.h"

#include <cstdio>

namespace vg::app {

namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

std::string range(const std::optional<double>& min, const std::optional<double>& max, const std::string& unit = "") {
    const std::string after = unit.empty() ? "" : " " + unit;
    if (min && max) return number(*min) + " - " + number(*max) + after;
    if (min) return ">= " + number(*min) + after;
    if (max) return "<= " + number(*max) + after;
    return "";
}

std::optional<double> asDouble(const std::optional<size_t>& value) {
    return value ? std::optional<double>(static_cast<double>(*value)) : std::nullopt;
}

std::string describeMedia(const MediaRules& media) {
    std::vector<std::string> parts;
    if (!media.formats.empty()) parts.push_back(joinStrings(media.formats, "/"));
    if (media.maxBytes) parts.push_back("<= " + number(static_cast<double>(*media.maxBytes) / (1024.0 * 1024.0)) + " MB");
    if (media.minSide) parts.push_back("side >= " + std::to_string(*media.minSide) + " px");
    if (media.minAspect || media.maxAspect) parts.push_back("aspect " + range(media.minAspect, media.maxAspect));
    if (media.minSeconds || media.maxSeconds) parts.push_back(range(media.minSeconds, media.maxSeconds) + " s");
    if (!media.urlAllowed) parts.push_back("no URLs");
    if (!media.dataUrlAllowed) parts.push_back("no data: URLs");
    if (!media.rawBase64Allowed) parts.push_back("no raw base64");
    return joinStrings(parts);
}

}  // namespace

std::string joinStrings(const std::vector<std::string>& items, const char* separator) {
    std::string text;
    for (const std::string& item : items) {
        if (!text.empty()) text += separator;
        text += item;
    }
    return text;
}

std::string joinModes(const std::vector<Mode>& modes) {
    std::vector<std::string> names;
    for (Mode mode : modes) names.emplace_back(modeName(mode));
    return joinStrings(names, " ");
}

std::string joinAliases(const Model& model) {
    std::vector<std::string> ids;
    for (const Alias& alias : model.aliases) {
        if (alias.id != model.id) ids.push_back(alias.id);
    }
    return joinStrings(ids);
}

std::string valueText(const json& value, const std::string& unit) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump() + (value.is_number() && !unit.empty() ? " " + unit : "");
}

std::string limitsUnknownText() {
    const std::string_view meaning = diagnosticCode(Code::LimitsUnknown).meaning;
    return "Limits unknown: " + std::string(meaning) + ".";
}

std::string describeAllowed(const ParamSpec& spec) {
    if (!spec.unsupported.empty()) return "not supported: " + spec.unsupported;
    const std::string unit = fieldWords(spec).unit;
    std::vector<std::string> parts;
    if (!spec.values.empty()) {
        std::vector<std::string> values;
        for (const json& value : spec.values) values.push_back(valueText(value, unit));
        parts.push_back(joinStrings(values, " | "));
    }
    std::string numbers = range(spec.min, spec.max, unit);
    if (!numbers.empty() && spec.step) numbers += " step " + number(*spec.step);
    if (!numbers.empty()) parts.push_back(numbers);
    const std::string length = range(asDouble(spec.minLength), asDouble(spec.maxLength));
    if (!length.empty()) parts.push_back("length " + length);
    if (spec.media) {
        const std::string media = describeMedia(*spec.media);
        if (!media.empty()) parts.push_back(media);
    }
    if (!spec.requiredIn.empty()) parts.push_back("required in " + joinModes(spec.requiredIn));
    if (!spec.modes.empty() && spec.modes != spec.requiredIn) parts.push_back("for " + joinModes(spec.modes));
    return parts.empty() ? "any " + std::string(valueTypeName(spec.type)) : joinStrings(parts, "; ");
}

std::string describeDefault(const ParamSpec& spec) { return spec.defaultValue.is_null() ? "" : spec.defaultValue.dump(); }

}  // namespace vg::app
