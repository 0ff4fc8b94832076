// Lines, columns and JSON Pointers in text; see text_position.h.
#include "text/text_position.h"

#include "text/json_path.h"

#include <algorithm>
#include <string>
#include <vector>

namespace vg {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skipSpace(std::string_view text, size_t at) {
    while (at < text.size() && isSpace(text[at])) ++at;
    return at;
}

// Past the string that starts at `at` (its opening quote).
size_t skipString(std::string_view text, size_t at) {
    for (size_t from = at + 1;;) {
        const size_t stop = text.find_first_of("\"\\", from);
        if (stop == std::string_view::npos) return text.size();
        if (text[stop] == '"') return stop + 1;
        from = stop + 2;  // past the backslash and the character it escapes
    }
}

// Past the value that starts at `at`: a string, a container (its nested values skipped the same
// way, strings honoured), or a literal or number (up to the next delimiter).
size_t skipValue(std::string_view text, size_t at) {
    if (at >= text.size()) return at;
    if (text[at] == '"') return skipString(text, at);
    if (text[at] != '{' && text[at] != '[') {
        while (at < text.size() && !isSpace(text[at]) && text[at] != ',' && text[at] != '}' && text[at] != ']') ++at;
        return at;
    }
    size_t depth = 0;
    while (at < text.size()) {
        const char c = text[at];
        if (c == '"') {
            at = skipString(text, at);
            continue;
        }
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && --depth == 0) return at + 1;
        ++at;
    }
    return at;
}

void appendUtf8(std::string& out, unsigned long point) {
    if (point < 0x80) {
        out += char(point);
    } else if (point < 0x800) {
        out += char(0xC0 | (point >> 6));
        out += char(0x80 | (point & 0x3F));
    } else if (point < 0x10000) {
        out += char(0xE0 | (point >> 12));
        out += char(0x80 | ((point >> 6) & 0x3F));
        out += char(0x80 | (point & 0x3F));
    } else {
        out += char(0xF0 | (point >> 18));
        out += char(0x80 | ((point >> 12) & 0x3F));
        out += char(0x80 | ((point >> 6) & 0x3F));
        out += char(0x80 | (point & 0x3F));
    }
}

unsigned long hexQuad(std::string_view text, size_t at) {
    if (at + 4 > text.size()) return 0xFFFD;
    unsigned long value = 0;
    for (size_t i = at; i < at + 4; ++i) {
        const char c = text[i];
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0) return 0xFFFD;
        value = value * 16 + unsigned(digit);
    }
    return value;
}

// The key string that starts at `at`, its escapes decoded (a key may be written "\u0063fgScale").
std::string decodedKey(std::string_view text, size_t at) {
    std::string key;
    const size_t end = skipString(text, at);
    for (size_t i = at + 1; i + 1 < end; ++i) {
        if (text[i] != '\\') {
            key += text[i];
            continue;
        }
        const char escaped = text[++i];
        switch (escaped) {
            case 'b': key += '\b'; break;
            case 'f': key += '\f'; break;
            case 'n': key += '\n'; break;
            case 'r': key += '\r'; break;
            case 't': key += '\t'; break;
            case 'u': {
                unsigned long point = hexQuad(text, i + 1);
                i += 4;
                if (point >= 0xD800 && point < 0xDC00 && i + 6 < end && text[i + 1] == '\\' && text[i + 2] == 'u') {
                    const unsigned long low = hexQuad(text, i + 3);
                    if (low >= 0xDC00 && low < 0xE000) {
                        point = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                }
                appendUtf8(key, point);
                break;
            }
            default: key += escaped;  // \" \\ \/
        }
    }
    return key;
}

// The start of member `token` of the object at `at`, or npos when it has none.
size_t memberOffset(std::string_view text, size_t at, const std::string& token) {
    at = skipSpace(text, at + 1);
    while (at < text.size() && text[at] == '"') {
        const bool match = decodedKey(text, at) == token;
        at = skipSpace(text, skipString(text, at));
        if (at >= text.size() || text[at] != ':') return std::string_view::npos;
        at = skipSpace(text, at + 1);
        if (match) return at;
        at = skipSpace(text, skipValue(text, at));
        if (at >= text.size() || text[at] != ',') return std::string_view::npos;
        at = skipSpace(text, at + 1);
    }
    return std::string_view::npos;
}

// The start of item `token` (a decimal index) of the array at `at`, or npos.
size_t itemOffset(std::string_view text, size_t at, const std::string& token) {
    if (token.empty() || token.size() > 9 || !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::string_view::npos;
    size_t index = std::stoul(token);
    at = skipSpace(text, at + 1);
    if (at < text.size() && text[at] == ']') return std::string_view::npos;
    for (; index > 0; --index) {
        at = skipSpace(text, skipValue(text, at));
        if (at >= text.size() || text[at] != ',') return std::string_view::npos;
        at = skipSpace(text, at + 1);
    }
    return at < text.size() ? at : std::string_view::npos;
}

}  // namespace

TextPosition positionAt(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    TextPosition position;
    for (size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++position.column;
        }
    }
    return position;
}

size_t pointerOffset(std::string_view text, std::string_view pointer) {
    size_t at = skipSpace(text, 0);
    if (text.substr(at, 3) == "\xEF\xBB\xBF") at = skipSpace(text, at + 3);  // a byte-order mark
    for (const std::string& token : pointerTokens(pointer)) {
        if (at >= text.size()) break;
        const size_t next = text[at] == '{' ? memberOffset(text, at, token)
                            : text[at] == '[' ? itemOffset(text, at, token)
                                              : std::string_view::npos;
        if (next == std::string_view::npos) break;
        at = next;
    }
    return std::min(at, text.size());
}

}  // namespace vg
