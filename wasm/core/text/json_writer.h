// VideoGen core: JSON written straight into text, with no tree in between.
// An answer printed for every request (the validation report) is written here member by member,
// byte for byte what printedJson (text_format.h) prints for the same tree: nlohmann's layout at
// indent 2 or on one line, its escapes, and invalid UTF-8 shown as U+FFFD the way nlohmann's
// `replace` handler shows it.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace vg {

// `text` as a JSON string, quotes included, appended to `out`.
void appendJsonString(std::string& out, std::string_view text);

// Whether `text` goes into a JSON string as it is (no quote, backslash, control character or
// non-ASCII byte to escape or check).
bool isPlainJsonString(std::string_view text);

// Writes at the end of `out`, ahead into room of its own there (one resize serves many items,
// where one each cost more than the items), so `out` holds exactly what was written once the
// writer is gone, not before. The common steps are inline: a report is a few dozen of them.
class JsonWriter {
public:
    // indent 2 is printedJson's default; -1 writes one line (JSON Lines). `expected`: about how
    // many bytes will be written, room made for them at once (more is made as needed).
    JsonWriter(std::string& out, int indent, size_t expected = 0)
        : out_(out), data_(out.data()), used_(out.size()), end_(out.size()), indent_(indent) {
        if (expected) grow(expected);
    }
    ~JsonWriter() { out_.resize(used_); }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // An object's member name; its value follows.
    void key(std::string_view name);
    // The same for a name the code spells out, which needs no escape (printable ASCII, no quote or
    // backslash), as every report's names: written as it is, unexamined. Always inline: a
    // literal's copy is then a store or two.
    [[gnu::always_inline]] void plainKey(std::string_view name) {
        char* at = item(name.size() + (indent_ < 0 ? 3 : 4));  // with an indent, room's space ends it
        at[0] = '"';
        std::memcpy(at + 1, name.data(), name.size());
        at[name.size() + 1] = '"';
        at[name.size() + 2] = ':';
        afterKey_ = true;
    }
    [[gnu::always_inline]] void value(std::string_view text) {
        if (!isPlainJsonString(text)) return escaped(text, {});
        char* at = item(text.size() + 2);  // nearly always: nothing to escape, one copy
        at[0] = '"';
        std::memcpy(at + 1, text.data(), text.size());
        at[text.size() + 1] = '"';
    }
    void value(const char* text) { value(std::string_view(text)); }
    void value(bool flag) {
        if (flag) std::memcpy(item(4), "true", 4);
        else std::memcpy(item(5), "false", 5);
    }
    void value(uint64_t number);

private:
    // The next `bytes` of the text, to be written. Room starts as spaces, so an indentation is
    // there already.
    [[gnu::always_inline]] char* room(size_t bytes) {
        if (bytes > end_ - used_) grow(bytes);
        char* at = data_ + used_;
        used_ += bytes;
        return at;
    }
    void grow(size_t bytes);  // room for `bytes` more at least
    // Room for an item of `bytes` after the comma (after its container's first item), line break
    // and indentation it needs.
    [[gnu::always_inline]] char* item(size_t bytes) {
        if (afterKey_ || depth_ == 0) {  // a member's value, or the document itself: nothing before it
            afterKey_ = false;
            return room(bytes);
        }
        const bool comma = !(empty_ & 1);
        empty_ &= ~uint64_t{1};
        const size_t lineBreak = indent_ < 0 ? 0 : 1 + depth_ * static_cast<size_t>(indent_);
        char* at = room((comma ? 1 : 0) + lineBreak + bytes);
        if (comma) *at++ = ',';
        if (lineBreak) *at = '\n';
        return at + lineBreak;
    }
    void open(char bracket) {
        assert(depth_ < 64 && "JsonWriter holds at most 64 levels");
        *item(1) = bracket;
        empty_ = empty_ << 1 | 1;
        ++depth_;
    }
    void close(char bracket) {
        const bool wasEmpty = empty_ & 1;
        empty_ >>= 1;
        --depth_;
        const size_t lineBreak = wasEmpty || indent_ < 0 ? 0 : 1 + depth_ * static_cast<size_t>(indent_);
        char* at = room(lineBreak + 1);
        if (lineBreak) *at = '\n';
        at[lineBreak] = bracket;
    }
    void escaped(std::string_view text, std::string_view after);  // a string with escapes, then `after`

    std::string& out_;
    char* data_;   // out_'s bytes
    size_t used_;  // of them, written so far
    size_t end_;   // out_'s size: the room is [used_, end_)
    int indent_;
    // One bit per open container, the innermost lowest: nothing written into it yet. A report
    // nests three deep; 64 is the most a writer holds (and costs no allocation, as a vector would).
    uint64_t empty_ = 0;
    unsigned depth_ = 0;
    bool afterKey_ = false;
};

}  // namespace vg
