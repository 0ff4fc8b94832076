// VideoGen core: reading untrusted JSON text.
// Everything a user hands us (a file, a pasted payload, an HTTP body) goes through here first, so
// the rest of the core may assume a well-formed document of bounded depth with unique keys.
// Never throws and never recurses per nesting level: 100,000 nested '[' is an error, not a crash.
#pragma once

#include "request/input_limits.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vg {

using json = nlohmann::json;

// What parseJsonInput accepts: entries of the input-limits table, so a refusal names its limit.
// The defaults are a request's; answerJsonLimits() reads what a gateway answers.
struct JsonLimits {
    InputLimit bytes = kBodyBytes;  // the whole text, refused before parsing
    InputLimit depth = kNestingDepth;
    InputLimit stringBytes = kStringBytes;
    InputLimit keyBytes = kKeyBytes;
    InputLimit arrayItems = kArrayItems;
    InputLimit objectMembers = kObjectMembers;
    InputLimit values = kJsonValues;
};

// A gateway's answer (or the page's own event, its stored history): one string may be a whole
// video as base64, and a history holds many requests.
inline JsonLimits answerJsonLimits() {
    JsonLimits limits;
    limits.bytes = kAnswerBytes;
    limits.stringBytes = kAnswerBytes;
    limits.values = kAnswerValues;
    return limits;
}

struct JsonParseError {
    // what is wrong and where: "duplicate key \"mode\" in /providerOptions/klingai (line 3, column 5): keep one"
    std::string message;
    size_t byteOffset = 0;
};

struct JsonInput {
    json value;                           // the document; null when error is set
    std::optional<JsonParseError> error;  // set when the text is not acceptable JSON
};

// Rejects: empty input, syntax errors, invalid UTF-8, NaN/Infinity (not JSON), duplicate object keys
// (ambiguous: which one did the user mean?), and anything over `limits` (checked while reading).
JsonInput parseJsonInput(std::string_view text, const JsonLimits& limits = {});

}  // namespace vg
