// JSON written straight into text; see json_writer.h.
#include "text/json_writer.h"

#include "text/json_scan.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace vg {

namespace {

// `text` as a JSON string, quotes included, written at `out` when kWrite (else only measured):
// its length, or 0 when it holds bytes that are not UTF-8 (written with nlohmann's replacement,
// not here). One loop for both, so a string with escapes is measured, given its room at once and
// written, rather than appended a run and an escape at a time.
template <bool kWrite>
size_t jsonString(char* out, std::string_view text) {
    size_t length = 0;
    const auto put = [&](const char* bytes, size_t count) {
        if constexpr (kWrite) std::memcpy(out + length, bytes, count);
        length += count;
    };
    put("\"", 1);
    const char* at = text.data();
    const char* end = at + text.size();
    while (at != end) {
        const char* run = plainRunEnd(at, end);
        put(at, static_cast<size_t>(run - at));
        at = run;
        if (at == end) break;
        const auto c = static_cast<unsigned char>(*at);
        if (c >= 0x80) {
            const size_t sequence = wellFormedUtf8Length(at, end);
            if (sequence == 0) return 0;
            put(at, sequence);
            at += sequence;
            continue;
        }
        // nlohmann's escapes: the short ones where JSON has them, else \u00XX in lower case.
        const char* shortForm = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                              : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : nullptr;
        if (shortForm) {
            put(shortForm, 2);
        } else {
            const char* digits = "0123456789abcdef";
            const char escape[6] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 15]};
            put(escape, 6);
        }
        ++at;
    }
    put("\"", 1);
    return length;
}

// nlohmann's own text for a string with bytes that are not UTF-8 (rare: a message quoting a
// broken byte), each shown as U+FFFD.
std::string replacedJsonString(std::string_view text) {
    return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

bool isPlainJsonString(std::string_view text) {
    // Eight bytes at a time, the last eight overlapping the ones before rather than a byte at a
    // time (nonPlainBytes marks a word that holds any byte to escape, and no other).
    const char* at = text.data();
    const size_t size = text.size();
    uint64_t word = 0x2020202020202020ull, marks = 0;  // spaces: a short string's word is padded with them
    if (size < 8) {
        if (size != 0) std::memcpy(&word, at, size);  // an empty view's data may be null
        return nonPlainBytes(word) == 0;
    }
    for (size_t i = 0; i + 8 < size; i += 8) {
        std::memcpy(&word, at + i, 8);
        marks |= nonPlainBytes(word);
    }
    std::memcpy(&word, at + size - 8, 8);
    return (marks | nonPlainBytes(word)) == 0;
}

void appendJsonString(std::string& out, std::string_view text) {
    const size_t length = jsonString<false>(nullptr, text);
    if (length == 0) {
        out += replacedJsonString(text);
        return;
    }
    const size_t start = out.size();
    out.resize(start + length);
    jsonString<true>(out.data() + start, text);
}

void JsonWriter::grow(size_t bytes) {
    // Half as much again as is written, at least: a few resizes for a report of any size (each
    // fills its room with spaces, so not up to a capacity a string may have kept from before).
    out_.resize(used_ + std::max(bytes, used_ / 2 + 64), ' ');
    data_ = out_.data();
    end_ = out_.size();
}

void JsonWriter::escaped(std::string_view text, std::string_view after) {
    const size_t length = jsonString<false>(nullptr, text);
    const std::string replaced = length == 0 ? replacedJsonString(text) : std::string();
    const size_t written = length != 0 ? length : replaced.size();
    char* at = item(written + after.size());
    if (length != 0) jsonString<true>(at, text);
    else std::memcpy(at, replaced.data(), replaced.size());
    if (!after.empty()) std::memcpy(at + written, after.data(), after.size());  // an empty view's data may be null
}

void JsonWriter::key(std::string_view name) {
    if (isPlainJsonString(name)) return plainKey(name);
    escaped(name, indent_ < 0 ? std::string_view(":") : std::string_view(": "));
    afterKey_ = true;
}

void JsonWriter::value(uint64_t number) {
    char digits[20];
    const size_t length = static_cast<size_t>(std::to_chars(digits, digits + sizeof digits, number).ptr - digits);
    std::memcpy(item(length), digits, length);
}

}  // namespace vg
