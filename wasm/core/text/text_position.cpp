// Lines, columns and JSON Pointers in text; see text_position.h.
#include "text/text_position.h"

#include "request/diagnostics.h"
#include "text/json_scan.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace vg {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skipSpace(std::string_view text, size_t at) {
    while (at < text.size() && isSpace(text[at])) ++at;
    return at;
}

constexpr size_t kNowhere = std::string_view::npos;

// Past the string that starts at `at` (its opening quote) when it is a few words of plain bytes,
// as most keys and enum values are: found eight at a time, with no call. kNowhere for any other.
size_t shortPlainStringEnd(std::string_view text, size_t at) {
    const char* from = text.data() + at + 1;
    const char* end = text.data() + text.size();
    const char* run = plainRunEnd(from, end - from > 24 ? from + 24 : end);
    return run != end && *run == '"' ? size_t(run - text.data()) + 1 : kNowhere;
}

// Past the string that starts at `at` (its opening quote). Beyond a short plain one, memchr finds
// each quote (an inline image is megabytes of text); a quote after an odd run of backslashes is
// escaped.
size_t skipString(std::string_view text, size_t at) {
    if (const size_t end = shortPlainStringEnd(text, at); end != kNowhere) return end;
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

// A pointer leading into the value being read: its reference token after that value's pointer
// (the pointer's first `length` bytes) ends at `tokenEnd`, kNowhere when the pointer names nothing
// deeper (it ends there).
struct Lead {
    size_t pointer;  // its index
    size_t tokenEnd;
    bool tildes;  // the token holds a "~" (an escape)
};

Lead leadAfter(size_t index, std::string_view pointer, size_t length) {
    if (length >= pointer.size() || pointer[length] != '/') return {index, kNowhere, false};
    size_t end = length + 1;
    bool tildes = false;
    for (; end < pointer.size() && pointer[end] != '/'; ++end) tildes |= pointer[end] == '~';
    return {index, end, tildes};
}

// One reading of a JSON text that notes where the values of the wanted pointers start. It goes
// into a container only when a wanted pointer lies inside it and skips every other value whole, so
// each byte is read about once however many pointers are wanted. Each pointer is matched token by
// token against the keys and indexes on the way: no pointer is built, no set of them searched.
struct PointerWalk {
    std::string_view text;
    const std::vector<std::string_view>& pointers;
    // Per pointer: where the deepest of its values the text holds starts (the value itself, else
    // its nearest ancestor), and the length of the pointer that names that value.
    size_t* offsets;
    size_t* reached;
    // The pointers whose value itself is not found yet: at none, the walk stops (JSON without a
    // key written twice names each value by one pointer only, so nothing after it can be theirs).
    size_t unfound;
    // The pointers that lead into the value being read, innermost container's on top: a
    // container's are inside[from, size()), its member's are pushed after them.
    std::vector<Lead> inside;
    std::string key;  // a key written with escapes, decoded

    // The leads of inside[from, end) whose next token (after the container's pointer, their first
    // `length` bytes) names `name` go on the stack; returns the member's pointer length.
    size_t enter(size_t from, size_t end, size_t length, std::string_view name) {
        size_t entered = 0;
        for (size_t k = from; k < end; ++k) {
            const Lead lead = inside[k];
            if (lead.tokenEnd == kNowhere) continue;
            const std::string_view pointer = pointers[lead.pointer];
            if (!tokenNames(pointer.substr(length + 1, lead.tokenEnd - length - 1), lead.tildes, name)) continue;
            inside.push_back(leadAfter(lead.pointer, pointer, lead.tokenEnd));
            entered = lead.tokenEnd;
        }
        return entered;
    }

    // The value at `at`, which the pointers of inside[from, ...) lead to or into and whose pointer
    // is their first `length` bytes; where it ends, or kNowhere where the text stops being JSON or
    // every pointer's value is found.
    size_t value(size_t at, size_t from, size_t length) {
        for (size_t k = from; k < inside.size(); ++k) {
            const size_t i = inside[k].pointer;
            if (length <= reached[i]) continue;  // the first of a key written twice stays
            reached[i] = length;
            offsets[i] = at;
            unfound -= length == pointers[i].size();
        }
        if (unfound == 0) return kNowhere;
        if (text[at] == '{') return object(at, from, length);
        if (text[at] == '[') return array(at, from, length);
        return skipValue(text, at);
    }

    // A member or item at `at` whose pointers (if any) are inside[from, ...).
    size_t member(size_t at, size_t from, size_t length) {
        if (at >= text.size()) return kNowhere;
        return from < inside.size() ? value(at, from, length) : skipValue(text, at);
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

    // The key string that starts at `at`, decoded (a view into the text unless it holds an
    // escape), and where it ends.
    std::string_view keyAt(size_t at, size_t& end) {
        end = shortPlainStringEnd(text, at);
        if (end != kNowhere) return text.substr(at + 1, end - at - 2);
        end = skipString(text, at);
        const std::string_view raw = text.substr(at + 1, end - at >= 2 ? end - at - 2 : 0);
        if (raw.find('\\') == std::string_view::npos) return raw;
        decodeKey(text, at, key);
        return key;
    }

    size_t object(size_t at, size_t from, size_t length) {
        at = skipSpace(text, at + 1);
        if (at < text.size() && text[at] == '}') return at + 1;
        const size_t own = inside.size();
        for (bool more = true; more && at != kNowhere;) {
            if (at >= text.size() || text[at] != '"') return kNowhere;
            size_t keyEnd;
            const std::string_view name = keyAt(at, keyEnd);
            at = skipSpace(text, keyEnd);
            if (at >= text.size() || text[at] != ':') return kNowhere;
            const size_t memberLength = enter(from, own, length, name);
            at = next(member(skipSpace(text, at + 1), own, memberLength), '}', more);
            inside.resize(own);
        }
        return at;
    }

    size_t array(size_t at, size_t from, size_t length) {
        at = skipSpace(text, at + 1);
        if (at < text.size() && text[at] == ']') return at + 1;
        const size_t own = inside.size();
        bool more = true;
        for (size_t index = 0; more && at != kNowhere; ++index) {
            char digits[20];
            const char* digitsEnd = std::to_chars(digits, digits + sizeof digits, index).ptr;
            const size_t itemLength = enter(from, own, length, std::string_view(digits, size_t(digitsEnd - digits)));
            at = next(member(at, own, itemLength), ']', more);
            inside.resize(own);
        }
        return at;
    }
};

// The continuation bytes (10xxxxxx) among a word's eight: those that start no character.
inline size_t continuationBytes(uint64_t word) {
    return size_t(__builtin_popcountll(word & 0x8080808080808080ull & ~(word << 1)));  // bit 7 set, bit 6 clear
}

// How many characters (UTF-8 code points: every byte but a continuation byte) the bytes [at, end)
// hold: 32 bytes at a time, with nothing to count in the usual ASCII ones.
size_t characters(const char* at, const char* end) {
    size_t count = size_t(end - at);
    for (uint64_t words[4]; end - at >= 32; at += 32) {
        std::memcpy(words, at, 32);
        if (((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080ull) == 0) continue;
        for (const uint64_t word : words) count -= continuationBytes(word);
    }
    for (uint64_t word; end - at >= 8; at += 8) {
        std::memcpy(&word, at, 8);
        count -= continuationBytes(word);
    }
    for (; at != end; ++at) count -= (static_cast<unsigned char>(*at) & 0xC0) == 0x80;
    return count;
}

}  // namespace

// Counts lines and characters from `position` (at byte `from`) up to byte `to`.
TextPosition advance(std::string_view text, TextPosition position, size_t from, size_t to) {
    const char* at = text.data() + from;
    const char* end = text.data() + to;
    while (const void* lineBreak = std::memchr(at, '\n', size_t(end - at))) {
        ++position.line;
        position.column = 1;
        at = static_cast<const char*>(lineBreak) + 1;
    }
    position.column += characters(at, end);
    return position;
}

TextPosition positionAt(std::string_view text, size_t offset) {
    return advance(text, TextPosition{}, 0, std::min(offset, text.size()));
}

std::vector<TextPosition> positionsAt(std::string_view text, const std::vector<size_t>& offsets) {
    // Counted in the offsets' order: an order of their own only when they are not in it already
    // (a report of one diagnostic, or of several down the text, needs none).
    std::vector<size_t> order;
    if (!std::is_sorted(offsets.begin(), offsets.end())) {
        order.resize(offsets.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });
    }
    std::vector<TextPosition> positions(offsets.size());
    TextPosition position;
    size_t reached = 0;
    for (size_t k = 0; k < offsets.size(); ++k) {
        const size_t i = order.empty() ? k : order[k];
        const size_t offset = std::min(offsets[i], text.size());
        position = advance(text, position, reached, offset);
        reached = offset;
        positions[i] = position;
    }
    return positions;
}

std::vector<size_t> pointerOffsets(std::string_view text, const std::vector<std::string_view>& pointers) {
    size_t start = skipSpace(text, 0);
    if (text.substr(start, 3) == "\xEF\xBB\xBF") start = skipSpace(text, start + 3);  // a byte-order mark
    // Every pointer is at least at the document's first value (or the end of a text with none).
    // The walk's depths reached are the second half of the same allocation, cut off at the end.
    const size_t count = pointers.size();
    std::vector<size_t> offsets(2 * count, std::min(start, text.size()));
    std::fill(offsets.begin() + std::ptrdiff_t(count), offsets.end(), 0);
    // "" is that value: the others are looked for.
    const size_t unfound = size_t(std::count_if(pointers.begin(), pointers.end(), [](std::string_view p) { return !p.empty(); }));
    if (start < text.size() && unfound > 0) {
        PointerWalk walk{text, pointers, offsets.data(), offsets.data() + count, unfound, {}, {}};
        walk.inside.reserve(8 * count);  // each pointer once a level: a request nests a few deep
        for (size_t i = 0; i < count; ++i) walk.inside.push_back(leadAfter(i, pointers[i], 0));
        walk.value(start, 0, 0);
    }
    offsets.resize(count);
    return offsets;
}

size_t pointerOffset(std::string_view text, std::string_view pointer) {
    return pointerOffsets(text, {pointer}).front();
}

}  // namespace vg
