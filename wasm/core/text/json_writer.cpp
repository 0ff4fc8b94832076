// JSON written straight into text; see json_writer.h.
#include "text/json_writer.h"

#include "text/json_scan.h"

#include <nlohmann/json.hpp>

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

void JsonWriter::separate(bool comma, size_t depth) {
    // One resize for the comma, the line break and the indentation: each string call costs more
    // than the few bytes it writes.
    const size_t breakLine = indent_ < 0 ? 0 : 1 + depth * static_cast<size_t>(indent_);
    const size_t at = out_.size();
    out_.resize(at + (comma ? 1 : 0) + breakLine, ' ');
    char* written = out_.data() + at;
    if (comma) *written++ = ',';
    if (breakLine) *written = '\n';
}

void JsonWriter::beforeValue() {
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (empty_.empty()) return;  // the document itself
    const bool comma = !empty_.back();
    empty_.back() = false;
    separate(comma, empty_.size());
}

void JsonWriter::open(char bracket) {
    beforeValue();
    out_ += bracket;
    empty_.push_back(true);
}

void JsonWriter::close(char bracket) {
    const bool wasEmpty = empty_.back();
    empty_.pop_back();
    if (!wasEmpty) separate(false, empty_.size());
    out_ += bracket;
}

void JsonWriter::key(std::string_view name) {
    beforeValue();
    appendJsonString(out_, name);
    out_.append(indent_ < 0 ? ":" : ": ");
    afterKey_ = true;
}

void JsonWriter::value(std::string_view text) {
    beforeValue();
    appendJsonString(out_, text);
}

void JsonWriter::value(bool flag) {
    beforeValue();
    out_ += flag ? "true" : "false";
}

void JsonWriter::value(uint64_t number) {
    beforeValue();
    out_ += std::to_string(number);
}

}  // namespace vg
