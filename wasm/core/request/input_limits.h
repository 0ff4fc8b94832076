// VideoGen core: the size limits on what comes from outside, in one table.
// Every limit the core, the vgen CLI and serve.py enforce on input lives here once, with its name,
// value, unit and why; `vgen limits [--json]` (apiLimits, vg_limits in the C ABI) prints the table, and
// serve.py takes its --max-body / --max-upload defaults from it. json_input.h enforces the JSON ones
// while reading, before any work that grows with the input.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace vg {

struct InputLimit {
    std::string_view name;  // stable snake_case, quoted in messages: "string_bytes"
    size_t value;
    std::string_view unit;  // "bytes", "levels", "items", ...
    std::string_view why;   // one line: where the number comes from
};

inline constexpr size_t kMiB = 1024u * 1024u;

// ---- a request (a file for vgen, an HTTP body for serve.py, a pasted payload) ----
inline constexpr InputLimit kBodyBytes{
    "body_bytes", 50 * kMiB, "bytes",
    "a request with its media inline: a few images as base64 (serve.py --max-body default; what vgen reads)"};
inline constexpr InputLimit kStringBytes{
    "string_bytes", 21 * kMiB, "bytes",
    "one string: the catalog's largest media file (15 MiB) as a base64 data URL is just over 20 MiB"};
inline constexpr InputLimit kKeyBytes{
    "key_bytes", 256, "bytes", "one object key: the catalog's longest field name has 16 bytes"};
inline constexpr InputLimit kNestingDepth{
    "nesting_depth", 64, "levels",
    "arrays and objects inside each other: a motion-brush point in a gateway envelope is 8 deep"};
inline constexpr InputLimit kArrayItems{
    "array_items", 1000, "items", "one array: the catalog's longest is a motion-brush path of at most 77 points"};
inline constexpr InputLimit kObjectMembers{
    "object_members", 256, "members", "one object: a catalog model takes at most 21 fields"};
inline constexpr InputLimit kJsonValues{
    "json_values", 20000, "values",
    "one document: a full motion-brush request holds about 1,500 values, the catalog itself about 3,300"};
inline constexpr InputLimit kPromptCharacters{
    "prompt_characters", 10000, "characters",
    "a prompt, for a model that publishes no limit (the longest a source documents is 4,000, seed 004)"};

// ---- what the core answers ----
inline constexpr InputLimit kDiagnostics{
    "diagnostics", 100, "diagnostics", "problems listed in one report; a last line counts the rest"};
inline constexpr InputLimit kEchoBytes{
    "echo_bytes", 120, "bytes", "a value a message quotes back (an unknown model name) is cut to this"};

// ---- serve.py's routes and the playground ----
inline constexpr InputLimit kUploadBytes{
    "upload_bytes", 30 * kMiB, "bytes",
    "one file POST /v1/uploads keeps: twice the catalog's largest media file (serve.py --max-upload default)"};
inline constexpr InputLimit kShareLinkBytes{
    "share_link_bytes", 256 * 1024, "bytes", "the request in a #request= link: longer links are cut by mail and chat apps"};
inline constexpr InputLimit kAnswerBytes{
    "answer_bytes", 64 * kMiB, "bytes",
    "one gateway answer or event-stream line the playground reads: it may carry a whole video as base64"};
inline constexpr InputLimit kAnswerValues{
    "answer_values", 1000000, "values",
    "one answer or the page's stored history: 100 jobs, each keeping its request twice (~1,500 values each)"};

inline constexpr std::array<InputLimit, 14> kInputLimits{
    kBodyBytes,     kStringBytes, kKeyBytes,    kNestingDepth,   kArrayItems,  kObjectMembers, kJsonValues,
    kPromptCharacters, kDiagnostics, kEchoBytes, kUploadBytes, kShareLinkBytes, kAnswerBytes, kAnswerValues};

}  // namespace vg
