// VideoGen core: diagnostics, the one way every check reports what is wrong.
// A diagnostic names where (a JSON Pointer into the *input* the user wrote), what (a stable
// snake_case code tools can match on, from the registry in diagnostic_codes.h) and how to fix it
// (a message that says what is allowed).
#pragma once

#include "request/diagnostic_codes.h"
#include "request/input_limits.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vg {

using json = nlohmann::json;

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string path;     // JSON Pointer ("" is the whole document, "/duration", "/providerOptions/klingai/cfgScale")
    std::string code;     // codeName() of a registry entry, e.g. "duration_not_offered"
    std::string message;  // one sentence: what is wrong and what is allowed
    // Where in the input text. Set for the one kind a pointer cannot place (text that is not JSON:
    // a syntax error has no value to point at), and by a reader that already knows where the value
    // at `path` starts (the compiled check's leaves). Unset otherwise: the path places it
    // (text_position.h pointerOffset, which gives a set offset's same answer).
    std::optional<size_t> byteOffset;
};

using Diagnostics = std::vector<Diagnostic>;

// `detail` fills the code's <placeholder> ("duration" for <member>_not_offered).
inline Diagnostic makeError(std::string path, Code code, std::string message, std::string_view detail = {}) {
    return {Severity::Error, std::move(path), codeName(code, detail), std::move(message), std::nullopt};
}
inline Diagnostic makeWarning(std::string path, Code code, std::string message, std::string_view detail = {}) {
    return {Severity::Warning, std::move(path), codeName(code, detail), std::move(message), std::nullopt};
}

bool hasErrors(const Diagnostics& diagnostics);
// At most limit.value diagnostics for a report: when there are more, errors come first and the last
// one says how many more problems there are (an error when any of them is), so an answer stays
// small whatever the request. Fewer are returned unchanged.
Diagnostics shownDiagnostics(Diagnostics diagnostics, const InputLimit& limit = kDiagnostics);
const char* severityName(Severity severity);
json diagnosticToJson(const Diagnostic& diagnostic);
json diagnosticsToJson(const Diagnostics& diagnostics);

// JSON Pointer helpers (RFC 6901): escape one reference token (onto `out`, or as a string of its
// own), join a pointer and a token.
void appendEscapedToken(std::string& out, std::string_view token);
// Whether the reference token `token`, as a pointer writes it ("~0" for "~", "~1" for "/"), names
// the key `name`: compared as appendEscapedToken would write the name, without decoding or
// building either. `tildes`: whether the token holds a "~" (without one, neither does a key it
// names, nor a "/"); a caller that meets the token again works it out once.
bool tokenNames(std::string_view token, bool tildes, std::string_view name);
std::string escapePointerToken(const std::string& token);
std::string pointerChild(const std::string& pointer, const std::string& token);
std::string pointerChild(const std::string& pointer, size_t index);

}  // namespace vg
