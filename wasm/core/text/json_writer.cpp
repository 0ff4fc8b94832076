// JSON written straight into text; see json_writer.h.
#include "text/json_writer.h"

#include "text/json_scan.h"

#include <nlohmann/json.hpp>

#include <cassert>
#include <charconv>
#include <cstring>

namespace vg {

void appendJsonString(std::string& out, std::string_view text) {
    const size_t start = out.size();
    const char* at = text.data();
    const char* end = at + text.size();
    // The plain run it starts with (usually the whole string) goes in with its quotes in one step.
    const char* run = plainRunEnd(at, end);
    const size_t plain = static_cast<size_t>(run - at);
    out.resize(start + plain + 2);
    char* written = out.data() + start;
    written[0] = '"';
    std::memcpy(written + 1, at, plain);
    written[plain + 1] = '"';
    if (run == end) return;
    out.pop_back();
    at = run;
    while (at != end) {
        run = at;
        at = plainRunEnd(at, end);
        out.append(run, static_cast<size_t>(at - run));
        if (at == end) break;
        const auto c = static_cast<unsigned char>(*at);
        if (c >= 0x80) {
            const size_t length = wellFormedUtf8Length(at, end);
            if (length == 0) {
                // Rare (a message quoting a broken byte): nlohmann's own replacement, whole string.
                out.resize(start);
                out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                return;
            }
            out.append(at, length);
            at += length;
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static const char* digits = "0123456789abcdef";  // nlohmann writes \u001f, lower case
                out += "\\u00";
                out += digits[c >> 4];
                out += digits[c & 15];
            }
        }
        ++at;
    }
    out += '"';
}

namespace {

// Whether `text` goes into a JSON string as it is: eight bytes at a time, the last eight
// overlapping the ones before rather than a byte at a time (nonPlainBytes marks a word that holds
// any byte to escape, and no other).
bool isPlain(std::string_view text) {
    const char* at = text.data();
    const size_t size = text.size();
    if (size < 8) return plainRunEnd(at, at + size) == at + size;
    uint64_t word, marks = 0;
    for (size_t i = 0; i + 8 < size; i += 8) {
        std::memcpy(&word, at + i, 8);
        marks |= nonPlainBytes(word);
    }
    std::memcpy(&word, at + size - 8, 8);
    return (marks | nonPlainBytes(word)) == 0;
}

}  // namespace

// The comma (after the container's first item) and the line break before an item; its
// indentation is room's spaces.
char* JsonWriter::separated(size_t bytes) {
    const bool comma = !(empty_ & 1);
    empty_ &= ~uint64_t{1};
    const size_t lineBreak = indent_ < 0 ? 0 : 1 + depth_ * static_cast<size_t>(indent_);
    char* at = room((comma ? 1 : 0) + lineBreak + bytes);
    if (comma) *at++ = ',';
    if (lineBreak) *at = '\n';
    return at + lineBreak;
}

void JsonWriter::open(char bracket) {
    assert(depth_ < 64 && "JsonWriter holds at most 64 levels");
    *item(1) = bracket;
    empty_ = empty_ << 1 | 1;
    ++depth_;
}

void JsonWriter::close(char bracket) {
    const bool wasEmpty = empty_ & 1;
    empty_ >>= 1;
    --depth_;
    const size_t lineBreak = wasEmpty || indent_ < 0 ? 0 : 1 + depth_ * static_cast<size_t>(indent_);
    char* at = room(lineBreak + 1);
    if (lineBreak) *at = '\n';
    at[lineBreak] = bracket;
}

void JsonWriter::escaped(std::string_view text) {
    out_.resize(used_);
    appendJsonString(out_, text);
    used_ = out_.size();
}

void JsonWriter::key(std::string_view name) {
    if (isPlain(name)) return plainKey(name);
    item(0);
    escaped(name);
    const std::string_view colon = indent_ < 0 ? std::string_view(":") : std::string_view(": ");
    std::memcpy(room(colon.size()), colon.data(), colon.size());
    afterKey_ = true;
}

void JsonWriter::value(std::string_view text) {
    if (!isPlain(text)) {
        item(0);
        return escaped(text);
    }
    char* at = item(text.size() + 2);  // nearly always: nothing to escape, one copy
    at[0] = '"';
    std::memcpy(at + 1, text.data(), text.size());
    at[text.size() + 1] = '"';
}

void JsonWriter::value(uint64_t number) {
    char digits[20];
    const size_t length = static_cast<size_t>(std::to_chars(digits, digits + sizeof digits, number).ptr - digits);
    std::memcpy(item(length), digits, length);
}

}  // namespace vg
