// VideoGen core: small helpers that turn values into the words diagnostics use.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

using json = nlohmann::json;

// A JSON answer as the API prints it: indented by `indent` (-1: one line), newline-terminated, and
// invalid UTF-8 in a string shown as U+FFFD instead of throwing.
template <typename Json>
std::string printedJson(const Json& value, int indent = 2) {
    return value.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

// 7 -> "7", 0.5 -> "0.5", "720p" -> "\"720p\"", objects/arrays -> compact JSON (cut by excerpt).
std::string describeValue(const json& value);
// Text a message quotes back, cut to about echo_bytes (input_limits.h) at a character boundary with
// "..." marking the cut, so a client's megabyte of text is not repeated in every answer.
std::string excerpt(std::string_view text);
// The same as a JSON string: "\"abc\"", or "\"abc\"..." when cut; invalid UTF-8 shows as U+FFFD.
std::string quotedExcerpt(std::string_view text);
// {5, 10} -> "5 or 10"; {"a","b","c"} -> "\"a\", \"b\" or \"c\"".
std::string joinAlternatives(const std::vector<json>& values);
std::string joinWords(const std::vector<std::string>& words, std::string_view lastSeparator = " or ");
// 1.5 -> "1.5", 10.0 -> "10", 10485760 bytes -> "10 MB" (formatBytes).
std::string formatNumber(double value);
std::string formatBytes(size_t bytes);
// `text` followed by " (source)", the catalog source a message cites ("seed 001"); unchanged when
// the source is "" or the text already names it (a catalog note that ends "(seed 001)").
std::string citing(std::string text, std::string_view source);
// "string", "number", ... for "expected a number, got string".
const char* jsonKindName(const json& value);
// Unicode code points in a UTF-8 string (the input is valid UTF-8: json_input checked it).
size_t codePointCount(std::string_view utf8);
std::string camelToSnake(std::string_view name);  // "cfgScale" -> "cfg_scale"
std::string snakeToCamel(std::string_view name);  // "cfg_scale" -> "cfgScale"
// An ASCII letter in lower case; every other byte as it is (std::tolower in the "C" locale, without
// the library call per byte).
inline char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
// Case-insensitive (ASCII) equality.
bool equalsIgnoringCase(std::string_view a, std::string_view b);
// Levenshtein distance, case-insensitive (ASCII), when it is at most `bound`; otherwise bound + 1.
// Only a band of 2 * bound + 1 diagonals is computed and it stops at the first row past the bound,
// so the work is at most min(|a|, |b|) * (2 * bound + 1), and none when the lengths alone differ by more.
size_t editDistanceWithin(std::string_view a, std::string_view b, size_t bound);
// A typo does not make a name this much longer than what it was meant to be.
constexpr size_t kTypoLengthMargin = 16;
// "Did you mean": indices of up to `count` candidates at most `maxEdits` edits from `name`, closest
// first (ties: the earlier candidate). A name longer than the longest candidate by more than
// kTypoLengthMargin gets none, so the work depends on the candidates, never on the input's length.
std::vector<size_t> closestCandidates(std::string_view name, const std::vector<std::string>& candidates,
                                      size_t count, size_t maxEdits);
// The field name closest to `name` ('_', '-' and case aside, so cfg_scale finds cfgScale), or ""
// when none is close enough to suggest.
std::string closestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace vg
