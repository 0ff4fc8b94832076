#include "text/text_format.h"

#include "request/input_limits.h"
#include "text/json_writer.h"

#include <algorithm>
#include <cstring>
#include <cstdint>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <utility>

namespace vg {

std::string formatNumber(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

std::string formatBytes(size_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " bytes";
    if (bytes < 1024 * 1024) return formatNumber(std::round(bytes / 102.4) / 10.0) + " KB";
    return formatNumber(std::round(bytes / (1024.0 * 102.4)) / 10.0) + " MB";
}

std::string describeValue(const json& value) {
    if (value.is_number()) return formatNumber(value.get<double>());
    if (value.is_string()) return quotedExcerpt(value.get_ref<const std::string&>());
    return excerpt(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

namespace {

// The first bytes of `text`, at most `room`, ending on a character boundary.
std::string_view headOf(std::string_view text, size_t room) {
    if (text.size() <= room) return text;
    size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

}  // namespace

std::string excerpt(std::string_view text) {
    if (text.size() <= kEchoBytes.value) return std::string(text);
    return std::string(headOf(text, kEchoBytes.value - 3)) + "...";
}

std::string quotedExcerpt(std::string_view text) {
    const std::string_view head = headOf(text, kEchoBytes.value - 5);  // room for the quotes and "..."
    std::string quoted;
    quoted.reserve(head.size() + 5);
    appendJsonString(quoted, head);  // nlohmann's dump with the replace handler, byte for byte
    if (head.size() < text.size()) quoted += "...";
    return quoted;
}

std::string joinWords(const std::vector<std::string>& words, std::string_view lastSeparator) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += (i + 1 == words.size()) ? std::string(lastSeparator) : std::string(", ");
        out += words[i];
    }
    return out;
}

std::string joinAlternatives(const std::vector<json>& values) {
    std::vector<std::string> words;
    words.reserve(values.size());
    for (const json& v : values) words.push_back(describeValue(v));
    return joinWords(words);
}

std::string citing(std::string text, std::string_view source) {
    if (source.empty() || text.find(source) != std::string::npos) return text;
    return (text.empty() ? std::string() : std::move(text) + " ") + "(" + std::string(source) + ")";
}

const char* jsonKindName(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "number";
        default: return "value";
    }
}

size_t codePointCount(std::string_view utf8) {
    // Every byte but a continuation byte (10xxxxxx) starts a code point; eight at a time, a
    // continuation byte is one whose top bit is set and the next bit clear.
    size_t continuations = 0, at = 0;
    for (uint64_t word; at + 8 <= utf8.size(); at += 8) {
        std::memcpy(&word, utf8.data() + at, 8);
        // One bit per continuation byte, at the top of its byte; the multiply adds the eight bytes
        // into the top one (no popcount instruction needed, which baseline x86-64 and WASM lack).
        const uint64_t marks = (word & ~(word << 1) & 0x8080808080808080ull) >> 7;
        continuations += static_cast<size_t>((marks * 0x0101010101010101ull) >> 56);
    }
    for (; at < utf8.size(); ++at) continuations += (static_cast<unsigned char>(utf8[at]) & 0xC0) == 0x80;
    return utf8.size() - continuations;
}

std::string camelToSnake(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (!out.empty()) out += '_';
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    return out;
}

std::string snakeToCamel(std::string_view name) {
    std::string out;
    bool upper = false;
    for (char c : name) {
        if (c == '_' && !out.empty()) {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

namespace {

bool sameLetter(char a, char b) { return asciiLower(a) == asciiLower(b); }

}  // namespace

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), sameLetter);
}

size_t editDistanceWithin(std::string_view a, std::string_view b, size_t bound) {
    if (a.size() > b.size()) std::swap(a, b);  // a is the shorter: one row per character of a
    const size_t over = bound + 1;
    if (b.size() - a.size() > bound) return over;
    // row[j]: edits between a's first i characters and b's first j; cells outside the band stay `over`
    std::vector<size_t> previous(b.size() + 1, over), current(b.size() + 1, over);
    for (size_t j = 0; j <= std::min(b.size(), bound); ++j) previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        const size_t first = i > bound ? i - bound : 1;
        const size_t last = std::min(b.size(), i + bound);
        current[first - 1] = first == 1 ? std::min(i, over) : over;
        size_t rowBest = current[first - 1];
        for (size_t j = first; j <= last; ++j) {
            const size_t replace = previous[j - 1] + (sameLetter(a[i - 1], b[j - 1]) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, replace, over});
            rowBest = std::min(rowBest, current[j]);
        }
        if (last < b.size()) current[last + 1] = over;  // read by the next row's band
        if (rowBest > bound) return over;               // every path already costs more
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::vector<size_t> closestCandidates(std::string_view name, const std::vector<std::string>& candidates,
                                      size_t count, size_t maxEdits) {
    size_t longest = 0;
    for (const std::string& candidate : candidates) longest = std::max(longest, candidate.size());
    if (name.size() > longest + kTypoLengthMargin) return {};
    std::vector<std::pair<size_t, size_t>> ranked;  // (distance, index)
    for (size_t index = 0; index < candidates.size(); ++index) {
        const size_t distance = editDistanceWithin(name, candidates[index], maxEdits);
        if (distance <= maxEdits) ranked.emplace_back(distance, index);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<size_t> out;
    for (size_t i = 0; i < ranked.size() && i < count; ++i) out.push_back(ranked[i].second);
    return out;
}

std::string closestName(std::string_view name, const std::vector<std::string>& candidates) {
    auto squashed = [](std::string_view s) {
        std::string out;
        for (char c : s)
            if (c != '_' && c != '-') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    std::vector<std::string> squashedCandidates;
    for (const std::string& candidate : candidates) squashedCandidates.push_back(squashed(candidate));
    const std::string wanted = squashed(name);
    const std::vector<size_t> found =
        closestCandidates(wanted, squashedCandidates, 1, std::max<size_t>(2, wanted.size() / 3));
    return found.empty() ? "" : candidates[found[0]];
}

}  // namespace vg
