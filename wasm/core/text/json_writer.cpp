// JSON written straight into text; see json_writer.h.
#include "text/json_writer.h"

#include "text/json_scan.h"

#include <nlohmann/json.hpp>

namespace vg {

void appendJsonString(std::string& out, std::string_view text) {
    const size_t start = out.size();
    out += '"';
    const char* at = text.data();
    const char* end = at + text.size();
    while (at != end) {
        const char* run = at;
        while (at != end && isPlainStringByte(static_cast<unsigned char>(*at))) ++at;
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

void JsonWriter::newLine(size_t depth) {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(depth * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::beforeValue() {
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (empty_.empty()) return;  // the document itself
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    newLine(empty_.size());
}

void JsonWriter::open(char bracket) {
    beforeValue();
    out_ += bracket;
    empty_.push_back(true);
}

void JsonWriter::close(char bracket) {
    const bool wasEmpty = empty_.back();
    empty_.pop_back();
    if (!wasEmpty) newLine(empty_.size());
    out_ += bracket;
}

void JsonWriter::key(std::string_view name) {
    beforeValue();
    appendJsonString(out_, name);
    out_ += indent_ < 0 ? ":" : ": ";
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
