// VideoGen core: reading untrusted JSON text.
// Everything a user hands us (a file, a pasted payload, an HTTP body) goes through here first, so
// the rest of the core may assume a well-formed document of bounded depth with unique keys.
// Never throws and never recurses per nesting level: 100,000 nested '[' is an error, not a crash.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vg {

using json = nlohmann::json;

struct JsonLimits {
    size_t maxBytes = 64u * 1024u * 1024u;  // larger inputs are refused before parsing (default 64 MiB)
    int maxDepth = 64;                       // deepest array/object nesting accepted (default 64)
};

struct JsonParseError {
    // what is wrong and where: "duplicate key \"mode\" in /providerOptions/klingai (line 3, column 5): keep one"
    std::string message;
    size_t byteOffset = 0;
};

struct JsonInput {
    json value;                           // the document; null when error is set
    std::optional<JsonParseError> error;  // set when the text is not acceptable JSON
};

// Rejects: empty input, syntax errors, invalid UTF-8, NaN/Infinity (not JSON), nesting deeper than
// limits.maxDepth, duplicate object keys (ambiguous: which one did the user mean?), oversize input.
JsonInput parseJsonInput(std::string_view text, const JsonLimits& limits = {});

}  // namespace vg
