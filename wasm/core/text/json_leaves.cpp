// VideoGen core: a JSON object read as its plain values (see json_leaves.h).
#include "text/json_leaves.h"

#include "request/diagnostics.h"
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
    switch (value.type()) {
        case nlohmann::json::value_t::string: return PlainValue::ofString(value.get_ref<const std::string&>());
        case nlohmann::json::value_t::number_integer: return PlainValue::ofInteger(value.get<int64_t>());
        case nlohmann::json::value_t::number_unsigned: return PlainValue::ofUnsigned(value.get<uint64_t>());
        case nlohmann::json::value_t::number_float: return PlainValue::ofFloat(value.get<double>());
        case nlohmann::json::value_t::boolean: return PlainValue::ofBoolean(value.get<bool>());
        default: return PlainValue{};
    }
}

std::string JsonLeaf::pointer() const {
    std::string text;
    for (size_t i = 0; i < depth; ++i) {
        text += '/';
        appendEscapedToken(text, keys[i]);
    }
    return text;
}

bool JsonLeaf::isAt(std::string_view pointer) const {
    for (size_t i = 0; i < depth; ++i) {
        if (pointer.empty() || pointer.front() != '/') return false;
        pointer.remove_prefix(1);
        const size_t end = std::min(pointer.find('/'), pointer.size());
        const std::string_view token = pointer.substr(0, end);
        if (!tokenNames(token, token.find('~') != std::string_view::npos, keys[i])) return false;
        pointer.remove_prefix(end);
    }
    return pointer.empty();
}

bool sameValue(const nlohmann::json& value, const PlainValue& plain) {
    if (value.is_number()) {
        if (!plain.isNumber()) return false;
        // Two whole numbers as whole numbers (as json does, through its signed type), else as doubles.
        if (value.is_number_integer() && plain.kind != PlainValue::Kind::Float)
            return value.get<int64_t>() ==
                   (plain.kind == PlainValue::Kind::Integer ? plain.integer : static_cast<int64_t>(plain.unsignedValue));
        return value.get<double>() == plain.number;
    }
    if (value.is_string()) return plain.isString() && value.get_ref<const std::string&>() == plain.text;
    if (value.is_boolean()) return plain.kind == PlainValue::Kind::Boolean && value.get<bool>() == plain.boolean;
    return value.is_null() && plain.kind == PlainValue::Kind::Null;
}

namespace {

// Leaves past this many are not a plain request (a model takes at most 21 fields; an envelope adds
// its headers): the full reader takes such a text, with its own limits.
constexpr size_t kMostLeaves = 96;

// scanJson's handler: keeps the keys down to the place being read and appends a leaf per value.
class LeafReader {
public:
    LeafReader(std::string_view text, JsonLeaves& out) : text_(text), out_(out), room_(out.scratch) {
        room_.depth = 0;
        room_.items = 0;
        room_.keys.clear();
        room_.siblingsFrom.clear();
    }

    bool null() { return leaf(PlainValue{}); }
    bool boolean(bool value) { return leaf(PlainValue::ofBoolean(value)); }
    bool number_integer(int64_t value) { return leaf(PlainValue::ofInteger(value)); }
    bool number_unsigned(uint64_t value) { return leaf(PlainValue::ofUnsigned(value)); }
    bool number_float(double value, const std::string&) { return leaf(PlainValue::ofFloat(value)); }
    bool stringView(std::string_view value) {
        return value.size() <= kStringBytes.value && leaf(PlainValue::ofString(kept(value)));
    }
    bool keyView(std::string_view name) {
        if (name.size() > kKeyBytes.value) return false;
        ++room_.next[room_.depth - 1];  // one more member: the object is not empty
        // A duplicate key makes the text ambiguous: the full reader refuses it and says where. The
        // keys from siblingsFrom on are this object's (a closed child's are dropped when it closes).
        for (size_t i = room_.siblingsFrom.back(); i < room_.keys.size(); ++i)
            if (room_.keys[i] == name) return false;
        const std::string_view key = kept(name);
        room_.keys.push_back(key);
        room_.path[room_.depth - 1] = key;
        return true;
    }
    void valueAt(size_t offset) { room_.valueAt = offset; }
    bool start_object(size_t) { return open(false); }
    bool start_array(size_t) { return open(true); }
    // An empty object or array is no plain value: the full reader decides what it means where it is.
    bool end_object() { return close(); }
    bool end_array() { return close(); }

private:
    // A value begins: in an array, it is the next item, its key the index.
    bool item() {
        if (room_.depth == 0 || !(room_.items >> (room_.depth - 1) & 1u)) return true;
        size_t& next = room_.next[room_.depth - 1];
        if (next == kMostLeafItems) return false;
        room_.path[room_.depth - 1] = kIndices[next++];
        return true;
    }

    bool open(bool array) {
        if (room_.depth == kMostLeafDepth || !item()) return false;
        room_.items = array ? room_.items | (1u << room_.depth) : room_.items & ~(1u << room_.depth);
        room_.next[room_.depth] = 0;
        ++room_.depth;
        room_.siblingsFrom.push_back(room_.keys.size());
        return true;
    }

    bool close() {
        if (room_.next[room_.depth - 1] == 0) return false;  // empty
        room_.keys.resize(room_.siblingsFrom.back());
        room_.siblingsFrom.pop_back();
        --room_.depth;
        return true;
    }

    // "0" to "255": an array item's key.
    static inline const std::array<std::string, kMostLeafItems> kIndices = [] {
        std::array<std::string, kMostLeafItems> indices;
        for (size_t i = 0; i < kMostLeafItems; ++i) indices[i] = std::to_string(i);
        return indices;
    }();

    // `text` where it stays: the document's own characters, or a decoded copy of the scanner's.
    std::string_view kept(std::string_view text) {
        if (text.data() >= text_.data() && text.data() + text.size() <= text_.data() + text_.size()) return text;
        return out_.decoded.emplace_back(text);
    }

    bool leaf(const PlainValue& value) {
        // The document itself must be an object (an array is the full reader's to refuse).
        if (room_.depth == 0 || (room_.items & 1u) || out_.count == kMostLeaves || !item()) return false;
        if (out_.leaves.size() == out_.count) out_.leaves.emplace_back();
        JsonLeaf& leaf = out_.leaves[out_.count++];
        leaf.keys = room_.path;
        leaf.depth = room_.depth;
        leaf.items = room_.items & ((1u << room_.depth) - 1);
        leaf.value = value;
        leaf.offset = room_.valueAt;
        return true;
    }

    std::string_view text_;
    JsonLeaves& out_;
    JsonLeaves::Scratch& room_;
};

}  // namespace

bool readJsonLeaves(std::string_view text, JsonLeaves& out, size_t maxBytes) {
    out.count = 0;
    out.decoded.clear();
    if (text.size() > maxBytes || text.size() > kBodyBytes.value) return false;
    LeafReader reader(text, out);
    return scanJson(text, reader);
}

}  // namespace vg
