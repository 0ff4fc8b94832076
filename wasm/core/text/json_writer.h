// VideoGen core: JSON written straight into text, with no tree in between.
// An answer printed for every request (the validation report) is written here member by member,
// byte for byte what printedJson (text_format.h) prints for the same tree: nlohmann's layout at
// indent 2 or on one line, its escapes, and invalid UTF-8 shown as U+FFFD the way nlohmann's
// `replace` handler shows it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

// `text` as a JSON string, quotes included, appended to `out`.
void appendJsonString(std::string& out, std::string_view text);

class JsonWriter {
public:
    // indent 2 is printedJson's default; -1 writes one line (JSON Lines).
    JsonWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // An object's member name; its value follows.
    void key(std::string_view name);
    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(bool flag);
    void value(uint64_t number);

private:
    void beforeValue();  // the separator and line break an item needs
    void open(char bracket);
    void close(char bracket);
    void separate(bool comma, size_t depth);  // a comma (when asked) and a new line at `depth`

    std::string& out_;
    int indent_;
    std::vector<bool> empty_;  // per open container: nothing written into it yet
    bool afterKey_ = false;
};

}  // namespace vg
