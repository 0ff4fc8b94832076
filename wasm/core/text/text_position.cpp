// Lines, columns and JSON Pointers in text; see text_position.h.
#include "text/text_position.h"

#include "request/diagnostics.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace vg {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skipSpace(std::string_view text, size_t at) {
    while (at < text.size() && isSpace(text[at])) ++at;
    return at;
}

// Past the string that starts at `at` (its opening quote). memchr finds each quote (an inline
// image is megabytes of text); a quote after an odd run of backslashes is escaped.
size_t skipString(std::string_view text, size_t at) {
    for (size_t from = at + 1; from < text.size();) {
        const void* quote = std::memchr(text.data() + from, '"', text.size() - from);
        if (!quote) break;
        const size_t end = size_t(static_cast<const char*>(quote) - text.data());
        size_t backslashes = 0;
        while (end - backslashes > at + 1 && text[end - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return end + 1;
        from = end + 1;
    }
    return text.size();
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

// The key string that starts at `at`, its escapes decoded (a key may be written "\u0063fgScale"),
// into `key`.
void decodeKey(std::string_view text, size_t at, std::string& key) {
    key.clear();
    const size_t end = skipString(text, at);
    for (size_t i = at + 1; i + 1 < end; ++i) {
        if (text[i] != '\\') {  // the run up to the next escape, in one append
            const size_t run = std::min(text.find('\\', i), end - 1);
            key.append(text.substr(i, run - i));
            i = run - 1;
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
}

constexpr size_t kNowhere = std::string_view::npos;

// "/a/b" -> "/a", "/a" -> "" (tokens hold "/" as "~1": the last "/" starts the last token).
void toParent(std::string& pointer) {
    const size_t slash = pointer.rfind('/');
    pointer.erase(slash == std::string::npos ? 0 : slash);
}

// One reading of a JSON text that notes where the values of the wanted pointers start. It goes
// into a container only when a wanted pointer lies inside it and skips every other value whole, so
// each byte is read about once however many pointers are wanted.
struct PointerWalk {
    std::string_view text;
    const std::set<std::string>& wanted;   // every pointer asked for, and each of its ancestors
    std::map<std::string, size_t> found;   // of those, the ones the text holds: where each value starts
    std::string pointer;                   // the value being read's; a member's is made in place
    std::string key;                       // the key being read, decoded

    // The value at `at`, whose pointer is `pointer`; where it ends, or kNowhere where the text stops being JSON.
    size_t value(size_t at) {
        found[pointer] = at;
        if (text[at] == '{') return object(at);
        if (text[at] == '[') return array(at);
        return skipValue(text, at);
    }

    size_t member(size_t at) {
        if (at >= text.size()) return kNowhere;
        return wanted.count(pointer) ? value(at) : skipValue(text, at);
    }

    // After a member or an item that ends at `end`: the start of the next one (`more`), or past the
    // container's `close`; kNowhere where the text stops being JSON.
    size_t next(size_t end, char close, bool& more) const {
        if (end == kNowhere) return kNowhere;
        const size_t at = skipSpace(text, end);
        more = at < text.size() && text[at] == ',';
        if (more) return skipSpace(text, at + 1);
        return at < text.size() && text[at] == close ? at + 1 : kNowhere;
    }

    size_t object(size_t at) {
        at = skipSpace(text, at + 1);
        if (at < text.size() && text[at] == '}') return at + 1;
        const size_t own = pointer.size();
        for (bool more = true; more && at != kNowhere;) {
            if (at >= text.size() || text[at] != '"') return kNowhere;
            decodeKey(text, at, key);
            at = skipSpace(text, skipString(text, at));
            if (at >= text.size() || text[at] != ':') return kNowhere;
            pointer.resize(own);
            pointer += '/';
            appendEscapedToken(pointer, key);
            at = next(member(skipSpace(text, at + 1)), '}', more);
        }
        pointer.resize(own);
        return at;
    }

    size_t array(size_t at) {
        at = skipSpace(text, at + 1);
        if (at < text.size() && text[at] == ']') return at + 1;
        const size_t own = pointer.size();
        bool more = true;
        for (size_t index = 0; more && at != kNowhere; ++index) {
            pointer.resize(own);
            pointer += '/';
            pointer += std::to_string(index);
            at = next(member(at), ']', more);
        }
        pointer.resize(own);
        return at;
    }
};

}  // namespace

// Counts lines and characters from `position` (at byte `from`) up to byte `to`.
TextPosition advance(std::string_view text, TextPosition position, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
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

TextPosition positionAt(std::string_view text, size_t offset) {
    return advance(text, TextPosition{}, 0, std::min(offset, text.size()));
}

std::vector<TextPosition> positionsAt(std::string_view text, const std::vector<size_t>& offsets) {
    std::vector<size_t> order(offsets.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });
    std::vector<TextPosition> positions(offsets.size());
    TextPosition position;
    size_t reached = 0;
    for (const size_t i : order) {
        const size_t offset = std::min(offsets[i], text.size());
        position = advance(text, position, reached, offset);
        reached = offset;
        positions[i] = position;
    }
    return positions;
}

std::vector<size_t> pointerOffsets(std::string_view text, const std::vector<std::string>& pointers) {
    std::set<std::string> wanted;
    for (std::string pointer : pointers) {
        for (;;) {
            wanted.insert(pointer);
            if (pointer.empty()) break;
            toParent(pointer);
        }
    }
    size_t start = skipSpace(text, 0);
    if (text.substr(start, 3) == "\xEF\xBB\xBF") start = skipSpace(text, start + 3);  // a byte-order mark
    PointerWalk walk{text, wanted, {}, {}, {}};
    if (start < text.size()) walk.value(start);

    std::vector<size_t> offsets;
    for (std::string pointer : pointers) {
        auto found = walk.found.find(pointer);
        while (found == walk.found.end() && !pointer.empty()) {
            toParent(pointer);
            found = walk.found.find(pointer);
        }
        offsets.push_back(found != walk.found.end() ? found->second : std::min(start, text.size()));
    }
    return offsets;
}

size_t pointerOffset(std::string_view text, std::string_view pointer) {
    return pointerOffsets(text, {std::string(pointer)}).front();
}

}  // namespace vg
