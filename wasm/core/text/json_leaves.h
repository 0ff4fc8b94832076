// VideoGen core: a JSON object read as its plain values, each with its place, and no tree.
// The compiled check (request/compiled_check.h) reads a payload this way: one pass of scanJson over
// the bytes, every string, number and boolean kept with the JSON Pointer of its place, nothing
// allocated per value once the reader has warmed up (its vectors and strings keep their room).
//
// It reads only what a plain request is: an object of objects (to `maxDepth`) whose leaves are
// strings, numbers, booleans or null, with unique keys, within the input limits' table. Anything
// else (an array, an empty object, a duplicate key, text that is not JSON) is a "no", and the caller
// reads the text the full way, which says exactly what is wrong: this reader never explains.
#pragma once

#include "request/input_limits.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

// One plain value and what it holds.
struct PlainValue {
    enum class Kind : unsigned char { String, Integer, Unsigned, Float, Boolean, Null };
    Kind kind = Kind::Null;
    std::string_view text;   // String: its characters, unescaped
    double number = 0;       // Integer, Unsigned, Float: the value (exact below 2^53)
    int64_t integer = 0;     // Integer: exact
    uint64_t unsignedValue = 0;  // Unsigned: exact
    bool boolean = false;

    bool isString() const { return kind == Kind::String; }
    bool isNumber() const { return kind == Kind::Integer || kind == Kind::Unsigned || kind == Kind::Float; }
    // The same value as nlohmann's parse gives it (unsigned for a non-negative integer).
    nlohmann::json toJson() const;
};

// `value` as a plain value (its text a view into `value`); Null for an array or object.
PlainValue plainValueOf(const nlohmann::json& value);

struct JsonLeaf {
    std::string pointer;  // "/providerOptions/klingai/cfgScale", escaped as a JSON Pointer
    size_t depth = 0;     // tokens in `pointer`
    PlainValue value;     // its text points into JsonLeaves::strings
};

struct JsonLeaves {
    std::vector<JsonLeaf> leaves;  // in the order of the text
    size_t count = 0;              // leaves in use: entries past it are kept for their room
    // The characters of every string leaf, one after another (leaf texts are views into it).
    std::string strings;
    // The reader's own working room, kept so that a warm reader allocates nothing.
    struct Scratch {
        std::string pointer;               // the place being read
        std::string keyChars;              // the keys of the open objects, one after another
        std::vector<size_t> openAt;        // pointer's length at each open object
        std::vector<size_t> siblingsFrom;  // where each open object's keys start in keys
        std::vector<std::pair<size_t, size_t>> keys;         // (offset in keyChars, size)
        std::vector<std::pair<size_t, size_t>> stringLeaves;  // (leaf, offset in strings)
    } scratch;

    const JsonLeaf* begin() const { return leaves.data(); }
    const JsonLeaf* end() const { return leaves.data() + count; }
};

// Reads `text` into `out` (reused: its room is kept between calls). False when the text is not a
// plain request as above within `maxDepth` levels of objects, or is larger than `maxBytes`.
bool readJsonLeaves(std::string_view text, JsonLeaves& out, size_t maxDepth, size_t maxBytes);

}  // namespace vg
