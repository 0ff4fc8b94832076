// VideoGen core: the catalog snapshot (catalog_snapshot.h).
//
// Index
// [SECTION] Format
// [SECTION] The fields of each struct (one list, for writing and reading)
// [SECTION] Writing
// [SECTION] Reading
// [SECTION] Entry points
#include "catalog/catalog_snapshot.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Format
//-----------------------------------------------------------------------------
// "VGCS", the format number, the string table (a count, then each string as a length and its
// bytes), then the catalog: counts and whole numbers as LEB128 varints (signed ones zigzagged),
// doubles as their 8 bytes, strings as their index in the table (help texts and sources repeat
// across the models that share a template), optionals and pointers as a presence byte before
// the value, JSON values as a kind byte before theirs.

namespace {

constexpr std::string_view kMagic = "VGCS";
// Bumped whenever a field list below changes, so a snapshot and the code reading it always agree
// (both come from one build; this catches a stale generated source).
constexpr uint64_t kFormat = 1;
static_assert(std::endian::native == std::endian::little, "doubles are stored as little-endian bytes");

enum class JsonKind : uint8_t { Null, False, True, Integer, Unsigned, Float, String, Array, Object };
constexpr int kMaxDepth = 64;  // structs and JSON values in one another: the catalog's nest a few levels

template <class T, class U>
constexpr bool kIs = std::is_same_v<std::remove_const_t<T>, U>;

//-----------------------------------------------------------------------------
// [SECTION] The fields of each struct (one list, for writing and reading)
//-----------------------------------------------------------------------------
// `io` is a Writer (S const) or a Reader; io(x) writes or reads one field. A field added to a
// struct in catalog.h goes here too, and kFormat goes up (tests/core/catalog_snapshot_test.cpp
// compares the snapshot's catalog with catalog.json's, field by field through catalogToJson).

template <class Io, class S>
    requires kIs<S, MediaRules>
void fields(Io& io, S& m) {
    io(m.formats); io(m.urlAllowed); io(m.dataUrlAllowed); io(m.rawBase64Allowed); io(m.maxBytes); io(m.minSide);
    io(m.minAspect); io(m.maxAspect); io(m.minSeconds); io(m.maxSeconds);
}

template <class Io, class S>
    requires kIs<S, ParamSpec>
void fields(Io& io, S& s) {
    io(s.path); io(s.type); io(s.values); io(s.min); io(s.max); io(s.step); io(s.minLength); io(s.maxLength);
    io(s.defaultValue); io(s.modes); io(s.requiredIn); io(s.unsupported); io(s.media); io(s.items); io(s.itemName);
    io(s.properties); io(s.closed); io(s.source); io(s.note); io(s.help);
}

template <class Io, class S>
    requires kIs<S, RuleSpec>
void fields(Io& io, S& r) {
    io(r.kind); io(r.args); io(r.source);
}

template <class Io, class S>
    requires kIs<S, Alias>
void fields(Io& io, S& a) {
    io(a.id); io(a.dialects); io(a.modes); io(a.routable); io(a.refusal); io(a.source);
}

template <class Io, class S>
    requires kIs<S, Promotion>
void fields(Io& io, S& p) {
    io(p.field); io(p.option); io(p.valueMap);
}

template <class Io, class S>
    requires kIs<S, Model>
void fields(Io& io, S& m) {
    io(m.id); io(m.provider); io(m.vendor); io(m.name); io(m.family); io(m.version); io(m.modes); io(m.aliases);
    io(m.params); io(m.promotions); io(m.rules); io(m.limitsKnown); io(m.notes);
}

template <class Io, class S>
    requires kIs<S, DialectLimits>
void fields(Io& io, S& d) {
    io(d.dialect); io(d.params); io(d.webhookEvents);
}

template <class Io, class S>
    requires kIs<S, Catalog>
void fields(Io& io, S& c) {
    io(c.models); io(c.sources); io(c.dialectLimits);
}

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

struct Writer {
    std::string body;
    std::map<std::string, uint64_t, std::less<>> ids;  // the string table: text -> index
    std::vector<std::string_view> strings;             // by index (views of the map's keys)

    void varint(uint64_t value) {
        while (value >= 0x80) {
            body.push_back(static_cast<char>((value & 0x7F) | 0x80));
            value >>= 7;
        }
        body.push_back(static_cast<char>(value));
    }
    void byte(uint8_t value) { body.push_back(static_cast<char>(value)); }

    void operator()(const std::string& text) {
        auto [at, added] = ids.emplace(text, strings.size());
        if (added) strings.push_back(at->first);
        varint(at->second);
    }
    void operator()(bool value) { byte(value ? 1 : 0); }
    void operator()(double value) { body.append(reinterpret_cast<const char*>(&value), sizeof value); }
    template <class T>
        requires std::is_integral_v<T> && (!std::is_same_v<T, bool>)
    void operator()(T value) {
        if constexpr (std::is_signed_v<T>) {
            const int64_t wide = value;
            varint((static_cast<uint64_t>(wide) << 1) ^ static_cast<uint64_t>(wide >> 63));  // zigzag
        } else {
            varint(value);
        }
    }
    template <class T>
        requires std::is_enum_v<T>
    void operator()(T value) { varint(static_cast<uint64_t>(value)); }
    template <class T>
    void operator()(const std::optional<T>& value) {
        (*this)(value.has_value());
        if (value) (*this)(*value);
    }
    void operator()(const std::shared_ptr<ParamSpec>& spec) {
        (*this)(spec != nullptr);
        if (spec) (*this)(*spec);
    }
    template <class T>
    void operator()(const std::vector<T>& items) {
        varint(items.size());
        for (const T& item : items) (*this)(item);
    }
    template <class A, class B>
    void operator()(const std::pair<A, B>& pair) {
        (*this)(pair.first);
        (*this)(pair.second);
    }
    void operator()(const std::map<std::string, std::string>& map) {
        varint(map.size());
        for (const auto& [key, value] : map) {
            (*this)(key);
            (*this)(value);
        }
    }
    void operator()(const json& value) {
        switch (value.type()) {
            case json::value_t::null: byte(static_cast<uint8_t>(JsonKind::Null)); break;
            case json::value_t::boolean:
                byte(static_cast<uint8_t>(value.get<bool>() ? JsonKind::True : JsonKind::False));
                break;
            case json::value_t::number_integer:
                byte(static_cast<uint8_t>(JsonKind::Integer)); (*this)(value.get<int64_t>());
                break;
            case json::value_t::number_unsigned:
                byte(static_cast<uint8_t>(JsonKind::Unsigned)); varint(value.get<uint64_t>());
                break;
            case json::value_t::number_float:
                byte(static_cast<uint8_t>(JsonKind::Float)); (*this)(value.get<double>());
                break;
            case json::value_t::string:
                byte(static_cast<uint8_t>(JsonKind::String)); (*this)(value.get_ref<const std::string&>());
                break;
            case json::value_t::array:
                byte(static_cast<uint8_t>(JsonKind::Array)); varint(value.size());
                for (const json& item : value) (*this)(item);
                break;
            case json::value_t::object:
                byte(static_cast<uint8_t>(JsonKind::Object)); varint(value.size());
                for (const auto& [key, item] : value.items()) {
                    (*this)(key);
                    (*this)(item);
                }
                break;
            default:  // binary and discarded values: never in a catalog, which is read from JSON text
                throw std::runtime_error("catalog snapshot: a JSON value of a kind JSON text cannot hold");
        }
    }
    template <class S>
        requires std::is_class_v<S>
    void operator()(const S& object) { fields(*this, object); }
};

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

struct Reader {
    std::string_view bytes;
    size_t at = 0;
    std::vector<std::string_view> strings;  // the table, as views into `bytes`
    int depth = 0;                          // structs and JSON values being read, one in another

    [[noreturn]] static void fail(const std::string& what) {
        throw std::runtime_error("the built-in catalog's snapshot is unreadable (" + what +
                                 "): rebuild, so catalog.json is read again");
    }
    uint8_t byte() {
        if (at >= bytes.size()) fail("cut short");
        return static_cast<uint8_t>(bytes[at++]);
    }
    uint64_t varint() {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const uint8_t next = byte();
            value |= static_cast<uint64_t>(next & 0x7F) << shift;
            if (!(next & 0x80)) return value;
        }
        fail("a number longer than 64 bits");
    }
    size_t count() {
        const uint64_t n = varint();
        if (n > bytes.size() - at) fail("a count larger than what is left");  // every item takes a byte
        return static_cast<size_t>(n);
    }
    std::string_view text(size_t length) {
        if (length > bytes.size() - at) fail("cut short");
        const std::string_view out = bytes.substr(at, length);
        at += length;
        return out;
    }
    const std::string_view& stringRef() {
        const uint64_t index = varint();
        if (index >= strings.size()) fail("a string that is not in its table");
        return strings[static_cast<size_t>(index)];
    }

    void operator()(std::string& out) { out.assign(stringRef()); }
    void operator()(bool& out) {
        const uint8_t value = byte();
        if (value > 1) fail("a flag that is neither 0 nor 1");
        out = value == 1;
    }
    void operator()(double& out) { std::memcpy(&out, text(sizeof out).data(), sizeof out); }
    template <class T>
        requires std::is_integral_v<T> && (!std::is_same_v<T, bool>)
    void operator()(T& out) {
        const uint64_t raw = varint();
        if constexpr (std::is_signed_v<T>) {
            const int64_t value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
            if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) fail("a number out of range");
            out = static_cast<T>(value);
        } else {
            if (raw > std::numeric_limits<T>::max()) fail("a number out of range");
            out = static_cast<T>(raw);
        }
    }
    void operator()(Mode& out) { out = enumValue<Mode>(static_cast<uint64_t>(Mode::V2V)); }
    void operator()(ValueType& out) { out = enumValue<ValueType>(static_cast<uint64_t>(ValueType::Object)); }
    template <class E>
    E enumValue(uint64_t last) {
        const uint64_t value = varint();
        if (value > last) fail("an unknown mode or value type");
        return static_cast<E>(value);
    }
    bool present() {
        bool value = false;
        (*this)(value);
        return value;
    }
    template <class T>
    void operator()(std::optional<T>& out) {
        out.reset();
        if (present()) (*this)(out.emplace());
    }
    void operator()(std::shared_ptr<ParamSpec>& out) {
        out.reset();
        if (present()) {
            out = std::make_shared<ParamSpec>();
            (*this)(*out);
        }
    }
    template <class T>
    void operator()(std::vector<T>& out) {
        out.clear();
        out.resize(count());
        for (T& item : out) (*this)(item);
    }
    template <class A, class B>
    void operator()(std::pair<A, B>& pair) {
        (*this)(pair.first);
        (*this)(pair.second);
    }
    void operator()(std::map<std::string, std::string>& out) {
        out.clear();
        for (size_t n = count(); n > 0; --n) {
            std::string key, value;
            (*this)(key);
            (*this)(value);
            out.emplace(std::move(key), std::move(value));
        }
    }
    void operator()(json& out) {
        if (++depth > kMaxDepth) fail("values nested too deep");
        switch (static_cast<JsonKind>(byte())) {
            case JsonKind::Null: out = nullptr; break;
            case JsonKind::False: out = false; break;
            case JsonKind::True: out = true; break;
            case JsonKind::Integer: {
                int64_t value = 0;
                (*this)(value);
                out = value;
                break;
            }
            case JsonKind::Unsigned: out = varint(); break;
            case JsonKind::Float: {
                double value = 0;
                (*this)(value);
                out = value;
                break;
            }
            case JsonKind::String: out = std::string(stringRef()); break;
            case JsonKind::Array: {
                out = json::array();
                for (size_t n = count(); n > 0; --n) (*this)(out.emplace_back());
                break;
            }
            case JsonKind::Object: {
                out = json::object();
                for (size_t n = count(); n > 0; --n) {
                    const std::string key(stringRef());
                    (*this)(out[key]);
                }
                break;
            }
            default: fail("an unknown kind of JSON value");
        }
        --depth;
    }
    template <class S>
        requires std::is_class_v<S>
    void operator()(S& object) {
        if (++depth > kMaxDepth) fail("values nested too deep");
        fields(*this, object);
        --depth;
    }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry points
//-----------------------------------------------------------------------------

std::string catalogSnapshot(const Catalog& catalog) {
    Writer body;
    body(catalog);
    Writer head;  // the magic, the format and the string table go before the body
    head.body.append(kMagic);
    head.varint(kFormat);
    head.varint(body.strings.size());
    for (std::string_view text : body.strings) {
        head.varint(text.size());
        head.body.append(text);
    }
    return head.body + body.body;
}

Catalog catalogFromSnapshot(std::string_view bytes) {
    Reader reader;
    reader.bytes = bytes;
    if (reader.text(kMagic.size()) != kMagic) Reader::fail("it does not start with " + std::string(kMagic));
    if (const uint64_t format = reader.varint(); format != kFormat)
        Reader::fail("format " + std::to_string(format) + ", this code reads format " + std::to_string(kFormat));
    reader.strings.resize(reader.count());
    for (std::string_view& text : reader.strings) text = reader.text(reader.count());
    Catalog catalog;
    reader(catalog);
    if (reader.at != bytes.size()) Reader::fail("bytes left over after the catalog");
    return catalog;
}

}  // namespace vg
