// VideoGen core: a JSON object read as its plain values, each with its place, and no tree.
// The compiled check (request/compiled_check.h) reads a payload this way: one pass of scanJson over
// the bytes, every string, number and boolean kept with the keys of its place, all of them views
// into the text (nothing copied unless an escape makes a string differ from its text), nothing
// allocated per value once the reader has warmed up (its vectors keep their room).
//
// It reads only what a plain request is: an object of objects and arrays (to kMostLeafDepth levels)
// whose leaves are strings, numbers, booleans or null, with unique keys, within the input limits'
// table. Anything else (an empty object or array, a duplicate key, text that is not JSON) is a
// "no", and the caller reads the text the full way, which says exactly what is wrong: this reader
// never explains.
#pragma once

#include "request/input_limits.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <deque>
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

    static PlainValue ofString(std::string_view text) { return {Kind::String, text}; }
    static PlainValue ofInteger(int64_t value) { return {Kind::Integer, {}, static_cast<double>(value), value}; }
    static PlainValue ofUnsigned(uint64_t value) { return {Kind::Unsigned, {}, static_cast<double>(value), 0, value}; }
    static PlainValue ofFloat(double value) { return {Kind::Float, {}, value}; }
    static PlainValue ofBoolean(bool value) { return {Kind::Boolean, {}, 0, 0, 0, value}; }

    bool isString() const { return kind == Kind::String; }
    bool isNumber() const { return kind == Kind::Integer || kind == Kind::Unsigned || kind == Kind::Float; }
    // A whole number, however written (5 and 5.0; not 5.5, not infinity).
    bool isWhole() const {
        return kind == Kind::Integer || kind == Kind::Unsigned ||
               (kind == Kind::Float && std::isfinite(number) && std::floor(number) == number);
    }
    // The same value as nlohmann's parse gives it (unsigned for a non-negative integer).
    nlohmann::json toJson() const;
};

// `value` as a plain value (its text a view into `value`); Null for an array or object.
PlainValue plainValueOf(const nlohmann::json& value);
// json's == between `value` and a plain value: numbers by value whatever their types, everything
// else by kind and content.
bool sameValue(const nlohmann::json& value, const PlainValue& plain);

// How deep a leaf may lie: a gateway envelope's body, frameImages, an item, its image, the file
// object's url.
inline constexpr size_t kMostLeafDepth = 5;
// Items an array may have (their indices are views of a table of that many).
inline constexpr size_t kMostLeafItems = 256;

struct JsonLeaf {
    std::array<std::string_view, kMostLeafDepth> keys;  // from the document down, unescaped; an
                                                        // array's item by its index ("0")
    size_t depth = 0;                                   // keys in use
    unsigned items = 0;                                 // bit i: keys[i] is an index in an array
    PlainValue value;
    size_t offset = 0;                                  // where the value starts in the text (bytes)

    // Its place as a JSON Pointer ("/providerOptions/klingai/cfgScale", ~ and / escaped).
    std::string pointer() const;
    // Whether `pointer` (a JSON Pointer, ~ escapes and all) names this leaf.
    bool isAt(std::string_view pointer) const;
    bool at(std::string_view first) const { return depth == 1 && keys[0] == first; }
    bool under(std::string_view first) const { return depth > 1 && keys[0] == first; }
};

struct JsonLeaves {
    std::vector<JsonLeaf> leaves;  // in the order of the text; room past `count` is kept
    size_t count = 0;
    // Keys and strings whose escapes made them differ from the text, decoded (views point here;
    // everything else views the text itself, which must outlive the leaves).
    std::deque<std::string> decoded;
    // The reader's own working room, kept so that a warm reader allocates nothing.
    struct Scratch {
        std::array<std::string_view, kMostLeafDepth> path;  // the keys down to the value being read
        size_t depth = 0;                                   // objects and arrays open
        unsigned items = 0;                                 // bit i: level i is an array
        std::array<size_t, kMostLeafDepth> next{};          // per open array: its next item's index
        size_t valueAt = 0;                                 // where the value being read starts
        std::vector<std::string_view> keys;                 // the keys of the open objects, for duplicates
        std::vector<size_t> siblingsFrom;                   // where each open object's keys start in keys
    } scratch;

    const JsonLeaf* begin() const { return leaves.data(); }
    const JsonLeaf* end() const { return leaves.data() + count; }
};

// Reads `text` into `out` (reused: its room is kept between calls; its views point into `text`).
// False when the text is not a plain request as above within kMostLeafDepth levels, or is larger
// than `maxBytes`.
bool readJsonLeaves(std::string_view text, JsonLeaves& out, size_t maxBytes);

}  // namespace vg
