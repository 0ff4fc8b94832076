// VideoGen core: a JSON object read as its plain values (see json_leaves.h).
#include "text/json_leaves.h"

#include "text/json_scan.h"

#include <algorithm>

namespace vg {

nlohmann::json PlainValue::toJson() const {
    switch (kind) {
        case Kind::String: return nlohmann::json(std::string(text));
        case Kind::Integer: return nlohmann::json(integer);
        case Kind::Unsigned: return nlohmann::json(unsignedValue);
        case Kind::Float: return nlohmann::json(number);
        case Kind::Boolean: return nlohmann::json(boolean);
        case Kind::Null: break;
    }
    return nlohmann::json(nullptr);
}

PlainValue plainValueOf(const nlohmann::json& value) {
    PlainValue plain;
    switch (value.type()) {
        case nlohmann::json::value_t::string:
            plain.kind = PlainValue::Kind::String;
            plain.text = value.get_ref<const std::string&>();
            break;
        case nlohmann::json::value_t::number_integer:
            plain.kind = PlainValue::Kind::Integer;
            plain.integer = value.get<int64_t>();
            plain.number = static_cast<double>(plain.integer);
            break;
        case nlohmann::json::value_t::number_unsigned:
            plain.kind = PlainValue::Kind::Unsigned;
            plain.unsignedValue = value.get<uint64_t>();
            plain.number = static_cast<double>(plain.unsignedValue);
            break;
        case nlohmann::json::value_t::number_float:
            plain.kind = PlainValue::Kind::Float;
            plain.number = value.get<double>();
            break;
        case nlohmann::json::value_t::boolean:
            plain.kind = PlainValue::Kind::Boolean;
            plain.boolean = value.get<bool>();
            break;
        default: break;
    }
    return plain;
}

namespace {

// Leaves past this many are not a plain request (a model takes at most 21 fields; an envelope adds
// its headers): the full reader takes such a text, with its own limits.
constexpr size_t kMostLeaves = 96;

// scanJson's handler: keeps the pointer of the place being read and appends a leaf per value.
class LeafReader {
public:
    LeafReader(JsonLeaves& out, size_t maxDepth) : out_(out), room_(out.scratch), maxDepth_(maxDepth) {
        room_.pointer.clear();
        room_.keyChars.clear();
        room_.openAt.assign(1, 0);
        room_.siblingsFrom.assign(1, 0);
        room_.keys.clear();
        room_.stringLeaves.clear();
    }

    bool null() { return leaf(PlainValue{}); }
    bool boolean(bool value) {
        PlainValue plain;
        plain.kind = PlainValue::Kind::Boolean;
        plain.boolean = value;
        return leaf(plain);
    }
    bool number_integer(int64_t value) {
        PlainValue plain;
        plain.kind = PlainValue::Kind::Integer;
        plain.integer = value;
        plain.number = static_cast<double>(value);
        return leaf(plain);
    }
    bool number_unsigned(uint64_t value) {
        PlainValue plain;
        plain.kind = PlainValue::Kind::Unsigned;
        plain.unsignedValue = value;
        plain.number = static_cast<double>(value);
        return leaf(plain);
    }
    bool number_float(double value, const std::string&) {
        PlainValue plain;
        plain.kind = PlainValue::Kind::Float;
        plain.number = value;
        return leaf(plain);
    }
    bool string(std::string& value) {
        if (value.size() > kStringBytes.value) return false;
        PlainValue plain;
        plain.kind = PlainValue::Kind::String;
        // Its view is set by finish(): appending the next string may move these characters.
        room_.stringLeaves.emplace_back(out_.count, out_.strings.size());
        out_.strings.append(value);
        plain.text = std::string_view(nullptr, value.size());
        return leaf(plain);
    }
    bool key(std::string& name) {
        if (name.size() > kKeyBytes.value) return false;
        // A duplicate key makes the text ambiguous: the full reader refuses it and says where. The
        // keys from siblingsFrom on are this object's (a closed child's are dropped when it closes).
        for (size_t i = room_.siblingsFrom.back(); i < room_.keys.size(); ++i)
            if (std::string_view(room_.keyChars).substr(room_.keys[i].first, room_.keys[i].second) == name) return false;
        room_.keys.emplace_back(room_.keyChars.size(), name.size());
        room_.keyChars.append(name);
        std::string& pointer = room_.pointer;
        pointer.resize(room_.openAt.back());
        pointer += '/';
        if (std::none_of(name.begin(), name.end(), [](char c) { return c == '~' || c == '/'; })) {
            pointer += name;
        } else {
            for (char c : name) {  // JSON Pointer escaping: ~ is ~0, / is ~1
                if (c == '~') pointer += "~0";
                else if (c == '/') pointer += "~1";
                else pointer += c;
            }
        }
        return true;
    }
    bool start_object(size_t) {
        if (room_.openAt.size() > maxDepth_) return false;
        room_.openAt.push_back(room_.pointer.size());
        room_.siblingsFrom.push_back(room_.keys.size());
        return true;
    }
    bool end_object() {
        // An empty object is no plain value: the full reader decides what it means where it is.
        const size_t first = room_.siblingsFrom.back();
        if (room_.keys.size() == first) return false;
        room_.keyChars.resize(room_.keys[first].first);
        room_.keys.resize(first);
        room_.siblingsFrom.pop_back();
        room_.openAt.pop_back();
        room_.pointer.resize(room_.openAt.back());
        return true;
    }
    bool start_array(size_t) { return false; }
    bool end_array() { return false; }

    // Points every string leaf at its characters, now that they have stopped moving.
    void finish() {
        for (const auto& [leaf, at] : room_.stringLeaves) {
            PlainValue& value = out_.leaves[leaf].value;
            value.text = std::string_view(out_.strings.data() + at, value.text.size());
        }
    }

private:
    bool leaf(const PlainValue& value) {
        const size_t depth = room_.openAt.size() - 1;
        if (depth == 0 || out_.count == kMostLeaves) return false;  // the document itself must be an object
        if (out_.leaves.size() == out_.count) out_.leaves.emplace_back();
        JsonLeaf& leaf = out_.leaves[out_.count++];
        leaf.pointer.assign(room_.pointer);
        leaf.depth = depth;
        leaf.value = value;
        return true;
    }

    JsonLeaves& out_;
    JsonLeaves::Scratch& room_;
    size_t maxDepth_;
};

}  // namespace

bool readJsonLeaves(std::string_view text, JsonLeaves& out, size_t maxDepth, size_t maxBytes) {
    out.count = 0;
    out.strings.clear();
    if (text.size() > maxBytes || text.size() > kBodyBytes.value) return false;
    LeafReader reader(out, maxDepth);
    if (!scanJson(text, reader)) return false;
    reader.finish();
    return true;
}

}  // namespace vg
