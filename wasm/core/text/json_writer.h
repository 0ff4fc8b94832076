// VideoGen core: JSON written straight into text, with no tree in between.
// An answer printed for every request (the validation report) is written here member by member,
// byte for byte what printedJson (text_format.h) prints for the same tree: nlohmann's layout at
// indent 2 or on one line, its escapes, and invalid UTF-8 shown as U+FFFD the way nlohmann's
// `replace` handler shows it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace vg {

// `text` as a JSON string, quotes included, appended to `out`.
void appendJsonString(std::string& out, std::string_view text);

// Writes at the end of `out`, ahead into room of its own there (one resize serves many items,
// where one each cost more than the items), so `out` holds exactly what was written once the
// writer is gone, not before.
class JsonWriter {
public:
    // indent 2 is printedJson's default; -1 writes one line (JSON Lines).
    JsonWriter(std::string& out, int indent) : out_(out), used_(out.size()), indent_(indent) {}
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
    // backslash), as every report's names: written as it is, unexamined. Inline, so a literal's
    // copy is a few stores.
    void plainKey(std::string_view name) {
        char* at = item(name.size() + (indent_ < 0 ? 3 : 4));  // with an indent, room's space ends it
        at[0] = '"';
        std::memcpy(at + 1, name.data(), name.size());
        at[name.size() + 1] = '"';
        at[name.size() + 2] = ':';
        afterKey_ = true;
    }
    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(bool flag) {
        if (flag) std::memcpy(item(4), "true", 4);
        else std::memcpy(item(5), "false", 5);
    }
    void value(uint64_t number);

private:
    // The next `bytes` of the text, to be written: up to the capacity `out` already has, else the
    // string's own growth (doubling). Room starts as spaces, so an indentation is there already.
    char* room(size_t bytes) {
        if (used_ + bytes > out_.size())
            out_.resize(used_ + bytes > out_.capacity() ? used_ + bytes : out_.capacity(), ' ');
        char* at = out_.data() + used_;
        used_ += bytes;
        return at;
    }
    // Room for an item of `bytes` after the comma, line break and indentation it needs.
    char* item(size_t bytes) {
        if (!afterKey_ && depth_ > 0) return separated(bytes);
        afterKey_ = false;  // a member's value, or the document itself: nothing before it
        return room(bytes);
    }
    char* separated(size_t bytes);
    void open(char bracket);
    void close(char bracket);
    void escaped(std::string_view text);  // a JSON string with escapes, after item(0)

    std::string& out_;
    size_t used_;  // out_'s bytes written so far; the rest is room
    int indent_;
    // One bit per open container, the innermost lowest: nothing written into it yet. A report
    // nests three deep; 64 is the most a writer holds (and costs no allocation, as a vector would).
    uint64_t empty_ = 0;
    unsigned depth_ = 0;
    bool afterKey_ = false;
};

}  // namespace vg
