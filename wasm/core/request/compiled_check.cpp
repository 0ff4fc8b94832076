// VideoGen core: validation compiled per dialect and model (see compiled_check.h).
//
// Index
// [SECTION] Tables: what each place of a body is, per dialect and model
// [SECTION] Reading the payload into canonical members
// [SECTION] The parse's own steps: promotions, the AI SDK's forms
// [SECTION] Mode, inputs and rules, compiled by which members are there
// [SECTION] Judging the members
// [SECTION] Entry point
#include "request/compiled_check.h"

#include "dialects/dialect_common.h"
#include "dialects/sdk_forms.h"
#include "request/input_limits.h"
#include "request/rules.h"
#include "request/validate.h"
#include "text/json_leaves.h"
#include "text/json_path.h"
#include "text/text_format.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <array>
#include <deque>
#include <map>
#include <unordered_map>

namespace vg {

namespace {

// A payload larger than this is rarely plain (inline media): the full path reads it.
constexpr size_t kMostCompiledBytes = 256 * 1024;
// What a model's tables keep of what payloads bring (places, sets of members, the AI SDK's forms)
// is bounded: a long-running server fed made-up field names keeps this much and works the rest out
// per request.
constexpr size_t kMostKept = 256;
static_assert((kMostKept & (kMostKept - 1)) == 0, "the places' slots are a power of two");

// A hash that looks a string key up by any view of it (no string made per lookup). It reads the
// size and three words (the first, middle and last eight bytes; a shorter key whole) whatever the
// length: the keys are field names and lists of them, which differ there, and the table compares
// whole keys anyway.
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const {
        // Reads of a size the compiler knows (a memcpy of a size it does not know is a library call).
        const char* const at = text.data();
        const size_t size = text.size();
        const auto word = [at](size_t from) {
            uint64_t value;
            std::memcpy(&value, at + from, 8);
            return value;
        };
        uint64_t first = 0, middle = 0, last = 0;
        if (size >= 8) {
            first = word(0);
            middle = word((size - 8) / 2);
            last = word(size - 8);
        } else if (size >= 4) {  // the first four bytes and the last four, which may overlap
            uint32_t low, high;
            std::memcpy(&low, at, 4);
            std::memcpy(&high, at + size - 4, 4);
            first = low | uint64_t{high} << 32;
        } else {
            for (size_t i = 0; i < size; ++i) first |= uint64_t{static_cast<unsigned char>(at[i])} << (8 * i);
        }
        uint64_t hash = (size + 1) * 0x9E3779B97F4A7C15ull;
        hash ^= first * 0xC2B2AE3D27D4EB4Full;
        hash = (hash ^ (hash >> 29)) * 0x165667B19E3779F9ull;
        hash ^= middle * 0x27D4EB2F165667C5ull;
        hash ^= last * 0x9E3779B185EBCA87ull;
        return static_cast<size_t>(hash ^ (hash >> 32));
    }
};
template <typename Value>
using TextMap = std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

//-----------------------------------------------------------------------------
// [SECTION] Tables: what each place of a body is, per dialect and model
//-----------------------------------------------------------------------------

// The checks that apply at a canonical pointer for one model and route.
struct MemberSpecs {
    const ParamSpec* own = nullptr;    // the model's spec, or null
    const ParamSpec* route = nullptr;  // the route's own limit, or null
};

// Canonical members are numbered per model as they are first met, so a request's members are a
// set of bits (Presence); past this many, the request is not compiled.
constexpr size_t kMostMemberIds = 64;

enum class PlaceKind {
    Unknown,   // not a place the tables know: the full path reads the payload
    Model,     // where the dialect names the model
    Row,       // a field row's value (plain codecs only)
    FilePart,  // a member of an AI SDK file object the row reads ({"type":"url","url":...})
    Frames,    // the AI SDK's frame images: an array of {frameType, image} the frame rows read
    Option,    // a provider option
};

struct Place {
    std::vector<std::string> keys;  // its keys from the body down (placeOf compares them)
    uint64_t hash = 0;              // keysHash of them
    PlaceKind kind = PlaceKind::Unknown;
    const FieldMap* row = nullptr;  // Row, FilePart, Frames (the first frame row)
    std::string part;               // FilePart: "type", "url", "data" or "mediaType"
    std::string canonical;          // Row (not Size), Option: the canonical pointer it fills
    MemberSpecs specs;              // Row (not Size), Option: the checks at `canonical`
    size_t id = 0;                  // Row (not Size), Option: the bit of `canonical` (idOf)
    const Promotion* promotion = nullptr;  // Option: the promotion that may make it a member
};

// Which members a request has (one bit each), which of them carry a value for mode inference, and
// the id it was written with: what decides the mode, the inputs it needs and whether a rule may speak.
struct Presence {
    uint64_t present = 0;
    uint64_t carried = 0;
    const Alias* alias = nullptr;
    bool operator==(const Presence&) const = default;
};
struct PresenceHash {
    size_t operator()(const Presence& p) const {
        return std::hash<uint64_t>{}(p.present * 31 + p.carried) ^ std::hash<const void*>{}(p.alias);
    }
};

// What the mode, inputs and rules make of a Presence.
struct PresenceVerdict {
    bool answerable = false;        // false: something there may speak; the full path answers
    Mode mode = Mode::T2V;
    bool explicitMode = false;      // the id names a mode the inputs do not imply (parseMode)
    std::vector<size_t> textRules;  // rules that read a member's text: asked again for each request
};

struct CompiledModel {
    const DialectSpec* spec = nullptr;
    const Model* model = nullptr;
    const DialectLimits* limits = nullptr;
    // The body's places, by their keys (placeOf): open addressing on keysHash over twice as many
    // slots as places are kept, each slot 0 or a place's index + 1 (no string made per lookup, no
    // division for a bucket).
    std::deque<Place> places;
    std::vector<uint32_t> placeSlots = std::vector<uint32_t>(2 * kMostKept);
    TextMap<MemberSpecs> specs;      // canonical pointer -> its checks (members the parse converts)
    std::deque<ParamSpec> unlisted;  // the specs of members a model of unknown limits does not list
    TextMap<size_t> ids;             // canonical pointer -> its bit in a Presence
    std::unordered_map<Presence, PresenceVerdict, PresenceHash> verdicts;
    // The AI SDK's resolution and ratio (each "-" when absent, else "<size>:<text>") -> the two as
    // mapSdkForms leaves them; "" holds the latest answer not kept (one that followed an image).
    TextMap<json> sdkForms;
};

bool plainCodec(Codec codec) {
    switch (codec) {
        case Codec::Value:
        case Codec::SdkResolution:
        case Codec::Media:
        case Codec::UrlOrDataUrl:
        case Codec::RawBase64:
        case Codec::SecondsString:
        case Codec::Size: return true;
        case Codec::LastFrameImage:
        case Codec::FirstFrameImage: return false;  // the frames' array: a place of its own (Frames)
        case Codec::References: return false;       // an array of media: the full path reads it
    }
    return false;
}

MemberSpecs specsAt(CompiledModel& compiled, std::string_view canonical) {
    MemberSpecs specs{compiled.model->param(canonical), compiled.limits ? compiled.limits->param(canonical) : nullptr};
    if (!specs.own)
        if (std::optional<ParamSpec> unlisted = unlistedSpec(*compiled.model, canonical))
            specs.own = &compiled.unlisted.emplace_back(std::move(*unlisted));
    return specs;
}

// The bit of a canonical member; kMostMemberIds when the model has met too many.
size_t idOf(CompiledModel& compiled, std::string_view canonical) {
    auto found = compiled.ids.find(canonical);
    if (found == compiled.ids.end()) {
        if (compiled.ids.size() == kMostMemberIds) return kMostMemberIds;
        found = compiled.ids.emplace(std::string(canonical), compiled.ids.size()).first;
    }
    return found->second;
}

// What the body place `wire` ("/parameters/aspectRatio") is to this dialect and model.
Place compilePlace(CompiledModel& compiled, std::string_view wire) {
    const DialectSpec& spec = *compiled.spec;
    Place place;
    if (wire == spec.modelWire) {
        place.kind = PlaceKind::Model;
        return place;
    }
    for (const FieldMap& row : spec.fields) {
        if (wire != row.wire) continue;
        if (frameTypeOf(row.codec)) {
            place.kind = PlaceKind::Frames;
            place.row = &row;
            return place;
        }
        // A file object's place holds an object; a plain value there is the parse's type error.
        if (!plainCodec(row.codec) || (row.codec == Codec::Media && spec.mediaAsFileObjects)) return place;
        place.kind = PlaceKind::Row;
        place.row = &row;
        place.canonical = row.canonical;
        place.specs = specsAt(compiled, place.canonical);
        place.id = idOf(compiled, place.canonical);
        return place;
    }
    if (wire.find('~') != std::string_view::npos) return place;  // a name with "/" or "~" in it: the full path
    const std::vector<std::string> tokens = pointerTokens(wire);
    if (tokens.empty()) return place;
    if (spec.mediaAsFileObjects && tokens.size() >= 2) {
        const std::string_view last = tokens.back();
        const std::string_view parent = wire.substr(0, wire.size() - last.size() - 1);
        for (const FieldMap& row : spec.fields) {
            if (parent != row.wire || row.codec != Codec::Media) continue;
            if (last != "type" && last != "url" && last != "data" && last != "mediaType") return place;
            place.kind = PlaceKind::FilePart;
            place.row = &row;
            place.part = last;
            return place;
        }
    }
    if (spec.options == OptionsStyle::None || std::string_view(spec.optionsWire).substr(1) != tokens.front()) return place;
    const std::string& provider = compiled.model->provider;
    if (spec.options == OptionsStyle::Nested) {
        if (tokens.size() != 3 || tokens[1] != provider) return place;  // another namespace warns
        place.canonical = "/providerOptions/" + provider + "/" + tokens[2];
    } else {
        if (tokens.size() != 2) return place;
        const std::string name = spec.options == OptionsStyle::FlatSnake ? snakeToCamel(tokens[1]) : tokens[1];
        place.canonical = "/providerOptions/" + provider + "/" + name;
    }
    place.kind = PlaceKind::Option;
    place.specs = specsAt(compiled, place.canonical);
    place.id = idOf(compiled, place.canonical);
    for (const Promotion& promotion : compiled.model->promotions)
        if (promotion.option == place.canonical) place.promotion = &promotion;
    return place;
}

// A hash of `leaf`'s keys from `first` on: each key's TextHash, chained in their order.
uint64_t keysHash(const JsonLeaf& leaf, size_t first) {
    uint64_t hash = 0x9E3779B97F4A7C15ull;
    for (size_t i = first; i < leaf.depth; ++i) hash = (hash ^ TextHash{}(leaf.keys[i])) * 0xC2B2AE3D27D4EB4Full + i;
    return hash ^ (hash >> 29);
}

bool sameKeys(const Place& place, const JsonLeaf& leaf, size_t first) {
    return place.keys.size() == leaf.depth - first &&
           std::equal(place.keys.begin(), place.keys.end(), leaf.keys.begin() + static_cast<std::ptrdiff_t>(first),
                      [](const std::string& known, std::string_view key) { return std::string_view(known) == key; });
}

// The place of `leaf`, whose keys from `first` on are a place in the body: found in the table, or
// compiled and kept there (in `unkept`, for this request only, once the table holds kMostKept).
const Place& placeOf(CompiledModel& compiled, const JsonLeaf& leaf, size_t first, std::deque<Place>& unkept) {
    const uint64_t hash = keysHash(leaf, first);
    const size_t mask = compiled.placeSlots.size() - 1;
    size_t slot = hash & mask;
    for (; compiled.placeSlots[slot] != 0; slot = (slot + 1) & mask) {
        const Place& known = compiled.places[compiled.placeSlots[slot] - 1];
        if (known.hash == hash && sameKeys(known, leaf, first)) return known;
    }
    JsonLeaf bodyPlace = leaf;  // the keys of the body place alone, for its pointer
    std::copy(leaf.keys.begin() + static_cast<std::ptrdiff_t>(first), leaf.keys.end(), bodyPlace.keys.begin());
    bodyPlace.depth = leaf.depth - first;
    Place place = compilePlace(compiled, bodyPlace.pointer());
    place.hash = hash;
    place.keys.assign(bodyPlace.keys.begin(), bodyPlace.keys.begin() + static_cast<std::ptrdiff_t>(bodyPlace.depth));
    if (compiled.places.size() == kMostKept) return unkept.emplace_back(std::move(place));
    compiled.placeSlots[slot] = static_cast<uint32_t>(compiled.places.size() + 1);
    return compiled.places.emplace_back(std::move(place));
}

const MemberSpecs& specsOf(CompiledModel& compiled, std::string_view canonical) {
    auto found = compiled.specs.find(canonical);
    if (found == compiled.specs.end()) found = compiled.specs.emplace(std::string(canonical), specsAt(compiled, canonical)).first;
    return found->second;
}

// The tables of one thread (serve.py checks payloads on several): compiled on first use, kept.
CompiledModel& compiledFor(Dialect dialect, const Model& model, const Catalog& catalog) {
    thread_local std::map<std::pair<Dialect, const Model*>, CompiledModel> all;
    thread_local const Catalog* compiledFrom = nullptr;
    if (compiledFrom != &catalog) {  // the tables point into one catalog
        all.clear();
        compiledFrom = &catalog;
    }
    CompiledModel& compiled = all[{dialect, &model}];
    if (!compiled.spec) {
        compiled.spec = &specFor(dialect);
        compiled.model = &model;
        compiled.limits = catalog.limitsFor(dialectName(dialect));
    }
    return compiled;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading the payload into canonical members
//-----------------------------------------------------------------------------

// One member of the canonical request, as the parse would have filled it. Its views point into the
// tables, the catalog, the leaves or the scratch, which all outlive the call.
struct Member {
    std::string_view canonical;          // "/aspectRatio", "/providerOptions/klingai/cfgScale"
    const JsonLeaf* leaf = nullptr;      // where the payload has it (its pointer is the input path) ...
    std::string_view input;              // ... or that path itself, when no one leaf is the place
    PlainValue value;
    const MemberSpecs* specs = nullptr;  // its checks when its place knows them; else looked up
    const Promotion* promotion = nullptr;  // an option a promotion may make a member
    size_t id = kMostMemberIds;          // its bit when its place knows it; else looked up
    const json* tree = nullptr;          // an array (`value` unused): built from its items' leaves

    std::string inputPointer() const { return leaf ? leaf->pointer() : std::string(input); }
};

// A file object being read: {"type":"url","url":...} or {"type":"file","data":...}.
struct FileObject {
    const FieldMap* row = nullptr;
    const PlainValue* type = nullptr;
    const PlainValue* url = nullptr;
    const PlainValue* data = nullptr;

    // Records `value` as the file object's `part`; parts mediaFromFileObject does not read are skipped.
    void take(std::string_view part, const PlainValue& value) {
        if (part == "type") type = &value;
        else if (part == "url") url = &value;
        else if (part == "data") data = &value;
    }
    // mediaFromFileObject: the URL of a "url" object, the data of a "file" one; null when it has none.
    const PlainValue* media() const {
        if (!type || !type->isString()) return nullptr;
        const PlainValue* media = type->text == "url" ? url : type->text == "file" ? data : nullptr;
        return media && media->isString() ? media : nullptr;
    }
};

// One item of the frame images being read, as parseFrameImage looks at it.
struct FrameItem {
    const PlainValue* type = nullptr;   // frameType, when it is a plain value
    const PlainValue* image = nullptr;  // image, when it is a plain value
    FileObject file;                    // image's parts, when it is an object of plain values
    bool imageOther = false;            // image holds something else, deeper: the full path reads it
};

// One call's working room, kept between calls so a warm check allocates little.
struct Scratch {
    JsonLeaves leaves;
    std::vector<const JsonLeaf*> body;  // the leaves of the request's body
    std::vector<Member> members;
    std::deque<json> converted;          // values the parse converts (seconds, sizes, promotions): members view them
    std::deque<std::string> texts;       // input paths made for members (a file object's place)
    std::deque<Place> unkept;            // places of this request the full tables had no room for
    PresenceVerdict unkeptVerdict;       // the same for the verdict on its members
    std::vector<FrameItem> frames;       // the frame images' items, in their order

    void clear() {
        body.clear();
        members.clear();
        frames.clear();
        converted.clear();
        texts.clear();
        unkept.clear();
    }
};

bool hasMember(const std::vector<Member>& members, std::string_view canonical) {
    return std::any_of(members.begin(), members.end(), [&](const Member& m) { return m.canonical == canonical; });
}

// Adds a member; false when the parse would have met it twice (a warning, or a second row).
bool addMember(std::vector<Member>& members, const Member& member) {
    if (hasMember(members, member.canonical)) return false;
    members.push_back(member);
    return true;
}

// Puts `leaf`'s value into `tree`, the array at its keys' `depth`: each key below it an index in an
// array or a member's name, as the leaf's items say.
bool addItem(const JsonLeaf& leaf, size_t depth, json& tree) {
    json* node = &tree;
    for (size_t i = depth; i < leaf.depth; ++i) {
        const std::string_view key = leaf.keys[i];
        if (leaf.items >> i & 1u) {
            if (node->is_null()) *node = json::array();
            if (!node->is_array()) return false;
            size_t index = 0;
            std::from_chars(key.data(), key.data() + key.size(), index);
            while (node->size() <= index) node->push_back(nullptr);
            node = &(*node)[index];
        } else {
            if (node->is_null()) *node = json::object();
            if (!node->is_object()) return false;
            node = &(*node)[std::string(key)];
        }
    }
    *node = leaf.value.toJson();
    return true;
}

// Sets `plain` to a converted value, kept in the scratch for as long as the request is read.
void keep(Scratch& scratch, json value, PlainValue& plain) { plain = plainValueOf(scratch.converted.emplace_back(std::move(value))); }

// A leaf of the frame images array, whose items are at `depth` of its keys, into its item. Only the
// item's frameType and image are read (parseFrameImage looks at nothing else); an item that is no
// object names no frame.
bool readFrameLeaf(const JsonLeaf& leaf, size_t depth, std::vector<FrameItem>& frames) {
    size_t index = 0;
    const std::string_view key = leaf.keys[depth];
    std::from_chars(key.data(), key.data() + key.size(), index);
    if (index == frames.size()) frames.emplace_back();
    if (index + 1 != frames.size()) return false;  // an array's items come one after another
    FrameItem& item = frames.back();
    if (leaf.depth == depth + 1 || (leaf.items >> (depth + 1) & 1u)) return true;  // no object
    const std::string_view name = leaf.keys[depth + 1];
    const size_t below = leaf.depth - depth - 2;  // keys under the item's member
    if (name == "frameType") {
        if (below == 0) item.type = &leaf.value;  // deeper, it is no string: the item names no frame
    } else if (name == "image") {
        if (below == 0) item.image = &leaf.value;
        else if (below == 1 && !(leaf.items >> (depth + 2) & 1u)) item.file.take(leaf.keys[depth + 2], leaf.value);
        else item.imageOther = true;
    }
    return true;
}

// parseFrameImage for each frame row: the image of the first item whose frameType is the row's.
bool readFrames(const CompiledModel& compiled, Scratch& scratch, const FieldMap& framesRow, std::string_view prefix) {
    for (const FieldMap& row : compiled.spec->fields) {
        const char* frameType = frameTypeOf(row.codec);
        if (!frameType || std::string_view(row.wire) != framesRow.wire) continue;
        const auto item = std::find_if(scratch.frames.begin(), scratch.frames.end(), [&](const FrameItem& f) {
            return f.type && f.type->isString() && f.type->text == frameType;
        });
        if (item == scratch.frames.end()) continue;
        // No image, or one the dialect does not take (a file object, or a string): the parse says so.
        const bool fileObject = !item->image && !item->imageOther && item->file.type;
        const PlainValue* media = compiled.spec->mediaAsFileObjects ? (fileObject ? item->file.media() : nullptr)
                                  : item->image && item->image->isString() ? item->image
                                                                            : nullptr;
        if (!media) return false;
        const std::string& place = scratch.texts.emplace_back(std::string(prefix) + row.wire);
        if (!addMember(scratch.members, {row.canonical, nullptr, place, *media})) return false;
    }
    return true;
}

// The body's leaves as canonical members (parseRow, parseOptions); false when the parse would say
// anything, or read something the tables do not know.
bool readMembers(CompiledModel& compiled, Scratch& scratch, size_t first, std::string_view prefix) {
    std::array<FileObject, 2> files{};  // a dialect has one or two media rows as file objects
    const FieldMap* framesRow = nullptr;  // the frame images' first row, once the array is met
    const JsonLeaf* arrayLeaf = nullptr;  // the first leaf of the array whose items are being read
    json* array = nullptr;                // that array, as far as it is read
    size_t arrayDepth = 0;                // its leaves' keys down to its items
    for (const JsonLeaf* leaf : scratch.body) {
        if (leaf->items >> first) {
            // In an array: the member is the array, its place the keys down to it (items stay
            // together in the text, so the array's leaves come one after another).
            const size_t depth = first + static_cast<size_t>(std::countr_zero(leaf->items >> first));
            const auto keysEnd = leaf->keys.begin() + static_cast<std::ptrdiff_t>(depth);
            if (array && arrayDepth == depth && std::equal(leaf->keys.begin(), keysEnd, arrayLeaf->keys.begin())) {
                if (!addItem(*leaf, depth, *array)) return false;
                continue;
            }
            JsonLeaf container = *leaf;
            container.depth = depth;
            const Place& place = placeOf(compiled, container, first, scratch.unkept);
            if (place.kind == PlaceKind::Frames) {
                if (!readFrameLeaf(*leaf, depth, scratch.frames)) return false;
                framesRow = place.row;
                continue;
            }
            const bool value = place.kind == PlaceKind::Option || (place.kind == PlaceKind::Row && place.row->codec == Codec::Value);
            if (!value) return false;  // the AI SDK's references: the full path reads them
            json& tree = scratch.converted.emplace_back(json::array());
            if (!addItem(*leaf, depth, tree)) return false;
            const std::string& input = scratch.texts.emplace_back(container.pointer());
            if (!addMember(scratch.members, {place.canonical, nullptr, input, {}, &place.specs, place.promotion, place.id, &tree}))
                return false;
            arrayLeaf = leaf;
            array = &tree;
            arrayDepth = depth;
            continue;
        }
        const Place& place = placeOf(compiled, *leaf, first, scratch.unkept);
        const PlainValue& value = leaf->value;
        switch (place.kind) {
            case PlaceKind::Unknown:
            case PlaceKind::Frames: return false;  // a plain value where the frames' array goes: the parse's type error
            case PlaceKind::Model: continue;
            case PlaceKind::FilePart: {
                auto file = std::find_if(files.begin(), files.end(), [&](const FileObject& f) { return !f.row || f.row == place.row; });
                if (file == files.end()) return false;
                file->row = place.row;
                file->take(place.part, value);
                continue;
            }
            case PlaceKind::Option:
                if (!addMember(scratch.members, {place.canonical, leaf, {}, value, &place.specs, place.promotion, place.id}))
                    return false;
                continue;
            case PlaceKind::Row: break;
        }
        const FieldMap& row = *place.row;
        PlainValue decoded = value;
        switch (row.codec) {
            case Codec::Value:
            case Codec::SdkResolution:
                if (!plainFitsShape(row.canonical, value)) return false;
                break;
            case Codec::Media:
            case Codec::UrlOrDataUrl:
            case Codec::RawBase64:
                if (!value.isString()) return false;
                break;
            case Codec::SecondsString: {
                std::optional<json> seconds = value.isString() ? secondsOfText(std::string(value.text)) : std::nullopt;
                if (!seconds) return false;
                keep(scratch, std::move(*seconds), decoded);
                break;
            }
            case Codec::Size: {
                if (!value.isString()) return false;
                const SizeReading reading = readOpenAiSize(compiled.model, value.text);
                PlainValue resolution, aspect;
                keep(scratch, reading.resolution, resolution);
                if (!addMember(scratch.members, {"/resolution", leaf, {}, resolution})) return false;
                if (reading.aspectRatio) {
                    keep(scratch, reading.aspectRatio, aspect);
                    if (!addMember(scratch.members, {"/aspectRatio", leaf, {}, aspect})) return false;
                }
                continue;
            }
            default: return false;
        }
        if (!addMember(scratch.members, {row.canonical, leaf, {}, decoded, &place.specs, nullptr, place.id})) return false;
    }
    for (const Member& member : scratch.members)  // parseRow's type check, on the whole array
        if (member.tree && (member.promotion || (member.canonical.find('/', 1) == std::string_view::npos &&
                                                 !fitsCanonicalShape(member.canonical, *member.tree))))
            return false;
    for (const FileObject& file : files) {  // mediaFromFileObject
        if (!file.row) continue;
        const PlainValue* media = file.media();
        if (!media) return false;
        const std::string& place = scratch.texts.emplace_back(std::string(prefix) + file.row->wire);
        if (!addMember(scratch.members, {file.row->canonical, nullptr, place, *media})) return false;
    }
    return !framesRow || readFrames(compiled, scratch, *framesRow, prefix);
}

//-----------------------------------------------------------------------------
// [SECTION] The parse's own steps: promotions, the AI SDK's forms
//-----------------------------------------------------------------------------

// demotePromotions: a promoted option whose value maps becomes its canonical member.
bool demote(Scratch& scratch) {
    for (Member& option : scratch.members) {
        if (!option.promotion) continue;
        const Promotion& promotion = *option.promotion;
        const std::optional<PlainValue> canonical = promotedMember(promotion, option.value);
        if (!canonical) continue;  // stays an option: the validator names what is allowed
        if (hasMember(scratch.members, promotion.field)) return false;  // both given: the parse compares them
        option.canonical = promotion.field;
        option.specs = nullptr;
        option.promotion = nullptr;
        option.id = kMostMemberIds;
        option.value = *canonical;
    }
    return true;
}

// mapSdkForms on the members it reads (resolution, aspect ratio, the first frame), through the
// function itself on a request of just those.
void mapSdkMembers(CompiledModel& compiled, Scratch& scratch) {
    Member* resolution = nullptr;
    Member* aspect = nullptr;
    const Member* image = nullptr;
    for (Member& member : scratch.members) {
        if (member.canonical == "/resolution") resolution = &member;
        else if (member.canonical == "/aspectRatio") aspect = &member;
        else if (member.canonical == "/image") image = &member;
    }
    const auto textOf = [](const Member* member) {
        return member && member->value.isString() ? std::optional<std::string_view>(member->value.text) : std::nullopt;
    };
    const std::optional<std::string_view> resolutionText = textOf(resolution), aspectText = textOf(aspect);
    if (!sdkFormsMayChange(*compiled.model, resolutionText, aspectText)) return;
    // Without "adaptive" (which follows the image) the answer depends on the two texts alone: kept.
    const bool plain = (!resolution || resolutionText) && (!aspect || aspectText) && aspectText != "adaptive";
    std::string key;
    for (const std::optional<std::string_view>& text : {resolutionText, aspectText})
        if (plain) key.append(text ? std::to_string(text->size()) + ":" + std::string(*text) : std::string("-"));
    auto known = plain ? compiled.sdkForms.find(key) : compiled.sdkForms.end();
    if (known == compiled.sdkForms.end()) {
        Request forms;
        for (const Member* member : {static_cast<const Member*>(resolution), static_cast<const Member*>(aspect), image}) {
            if (!member) continue;
            forms.body[std::string(member->canonical.substr(1))] = member->value.toJson();
            forms.origin.record(std::string(member->canonical), member->inputPointer());
        }
        mapSdkForms(forms, *compiled.model);
        forms.body.erase("image");
        if (!plain || compiled.sdkForms.size() >= kMostKept)
            known = compiled.sdkForms.insert_or_assign(std::string(), std::move(forms.body)).first;
        else known = compiled.sdkForms.emplace(std::move(key), std::move(forms.body)).first;
    }
    const json& mapped = known->second;
    if (resolution) keep(scratch, mapped.at("resolution"), resolution->value);
    const json* ratio = mapped.contains("aspectRatio") ? &mapped.at("aspectRatio") : nullptr;
    if (aspect && !ratio) {
        scratch.members.erase(scratch.members.begin() + (aspect - scratch.members.data()));
    } else if (aspect) {
        keep(scratch, *ratio, aspect->value);
        aspect->specs = nullptr;
    } else if (ratio && resolution) {  // mapResolution adds a ratio at the resolution's place
        PlainValue added;
        keep(scratch, *ratio, added);
        scratch.members.push_back({"/aspectRatio", resolution->leaf, resolution->input, added});
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Mode, inputs and rules, compiled by which members are there
//-----------------------------------------------------------------------------

// Whether the request carries the canonical member `name` for mode inference (inferMode).
bool carries(const Member& member) {
    if (member.tree) return !member.tree->empty();
    return member.value.kind != PlainValue::Kind::Null && !(member.value.isString() && member.value.text.empty());
}

// A value at `path` or below it (findAt on the canonical body).
bool holds(const std::vector<Member>& members, std::string_view path, bool explicitMode) {
    if (path == "/model" || (explicitMode && path == "/mode")) return true;
    return std::any_of(members.begin(), members.end(), [&](const Member& m) {
        return m.canonical == path || (m.canonical.size() > path.size() && m.canonical.starts_with(path) &&
                                       m.canonical[path.size()] == '/');
    });
}

// The rule probe over this request's members; `readText` notes that a rule read a text.
MemberProbe probeOf(const std::vector<Member>& members, bool explicitMode, bool* readText) {
    return MemberProbe{[&members, explicitMode](std::string_view path) { return holds(members, path, explicitMode); },
                       [&members, readText](std::string_view path) -> std::optional<std::string_view> {
                           if (readText) *readText = true;
                           for (const Member& member : members)
                               if (member.canonical == path && member.value.isString()) return member.value.text;
                           return std::nullopt;
                       }};
}

// What resolveModel, parseMode, checkModeInputs, checkRouteInputs and the rules make of these
// members: worked out once per Presence (every rule but those that read a text).
PresenceVerdict presenceVerdict(CompiledModel& compiled, const std::vector<Member>& members, const Alias* alias) {
    const Model& model = *compiled.model;
    PresenceVerdict verdict;
    const Mode inferred = inferMode([&](std::string_view name) {
        return std::any_of(members.begin(), members.end(), [&](const Member& m) {
            return m.canonical.size() == name.size() + 1 && m.canonical.substr(1) == name && carries(m);
        });
    });
    const bool single = alias && alias->modes.size() == 1;
    verdict.mode = single ? alias->modes.front() : inferred;
    verdict.explicitMode = single && verdict.mode != inferred;
    if (!model.supports(verdict.mode)) return verdict;
    if (alias && !alias->modes.empty() && std::find(alias->modes.begin(), alias->modes.end(), verdict.mode) == alias->modes.end())
        return verdict;
    const auto needs = [&](const std::vector<ParamSpec>& params) {
        return std::all_of(params.begin(), params.end(), [&](const ParamSpec& spec) {
            const bool required = std::find(spec.requiredIn.begin(), spec.requiredIn.end(), verdict.mode) != spec.requiredIn.end();
            return !required || holds(members, spec.path, verdict.explicitMode);
        });
    };
    if (!needs(model.params) || (compiled.limits && !needs(compiled.limits->params))) return verdict;
    for (size_t i = 0; i < model.rules.size(); ++i) {
        bool readText = false;
        const bool speaks = ruleMaySpeak(model.rules[i], probeOf(members, verdict.explicitMode, &readText));
        if (readText) verdict.textRules.push_back(i);
        else if (speaks) return verdict;
    }
    verdict.answerable = true;
    return verdict;
}

//-----------------------------------------------------------------------------
// [SECTION] Judging the members
//-----------------------------------------------------------------------------

// The place of a canonical member in a body, made as objects: its tokens are names (places with
// escapes are not compiled), and json_pointer would make "" an array index.
json& memberAt(json& body, std::string_view canonical) {
    json* node = &body;
    for (size_t at = 1; at <= canonical.size();) {
        const size_t end = std::min(canonical.find('/', at), canonical.size());
        node = &(*node)[std::string(canonical.substr(at, end - at))];
        at = end + 1;
    }
    return *node;
}

// True when walkMembers says nothing of `member` (checkMember and the prompt's ceiling).
bool memberPasses(CompiledModel& compiled, const Member& member, Mode mode) {
    if (member.tree) return false;  // an array: its items, their specs and names are checkValue's
    const MemberSpecs& specs = member.specs ? *member.specs : specsOf(compiled, member.canonical);
    if (!specs.own) return false;  // not the model's: a warning, or a promoted option's wrong value
    const ParamSpec& own = *specs.own;
    if (!own.modes.empty() && std::find(own.modes.begin(), own.modes.end(), mode) == own.modes.end()) return false;
    if (!passesSpec(own, member.value)) return false;
    if (specs.route && !passesSpec(*specs.route, member.value)) return false;
    if (member.canonical == "/prompt" && member.value.isString() && !own.maxLength &&
        !(specs.route && specs.route->maxLength) && member.value.text.size() > kPromptCharacters.value &&
        codePointCount(member.value.text) > kPromptCharacters.value)
        return false;
    return true;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry point
//-----------------------------------------------------------------------------

namespace {

// detectDialect on the leaves: the envelope's path, the body's top-level names and its ids.
std::optional<Dialect> dialectOfLeaves(const Scratch& scratch, bool envelope, size_t first) {
    std::optional<std::string_view> path;
    std::vector<std::string_view> names;
    for (const JsonLeaf& leaf : scratch.leaves) {
        if (envelope && leaf.at("path") && leaf.value.isString()) path = leaf.value.text;
        if ((envelope && !leaf.under("body")) || std::find(names.begin(), names.end(), leaf.keys[first]) != names.end()) continue;
        names.push_back(leaf.keys[first]);
    }
    return detectDialect(path, names, [&](std::string_view name) -> std::optional<std::string_view> {
        for (const JsonLeaf* leaf : scratch.body)
            if (leaf->depth == first + 1 && leaf->keys[first] == name && leaf->value.isString()) return leaf->value.text;
        return std::nullopt;
    });
}

}  // namespace

std::optional<CompiledVerdict> checkCompiled(std::string_view text, std::optional<Dialect> given, const Catalog& catalog) {
    thread_local Scratch scratch;
    scratch.clear();
    if (!readJsonLeaves(text, scratch.leaves, kMostCompiledBytes)) return std::nullopt;

    // The envelope {method?, path?, headers?, body} (isEnvelope), and where the body's leaves are.
    bool hasBody = false, pathOrMethod = false;
    for (const JsonLeaf& leaf : scratch.leaves) {
        if (leaf.at("body")) return std::nullopt;  // a body that is no object
        hasBody = hasBody || leaf.under("body");
        pathOrMethod = pathOrMethod || leaf.keys[0] == "path" || leaf.keys[0] == "method";
    }
    const bool envelope = hasBody && pathOrMethod;
    const size_t first = envelope ? 1 : 0;  // the body's keys start here
    std::vector<const JsonLeaf*>& body = scratch.body;
    for (const JsonLeaf& leaf : scratch.leaves)
        if (!envelope || leaf.under("body")) body.push_back(&leaf);
    const std::optional<Dialect> told = given ? given : dialectOfLeaves(scratch, envelope, first);
    if (!told) return std::nullopt;  // dialect_unknown
    const Dialect dialect = *told;
    const DialectSpec& spec = specFor(dialect);
    const char* const dialectId = dialectName(dialect);
    const JsonLeaf* modelLeaf = nullptr;
    const std::string_view modelWire = spec.modelWire;
    for (const JsonLeaf& leaf : scratch.leaves) {
        if (!envelope || leaf.under("body")) {
            if (!modelWire.empty() && leaf.depth == first + 1 && leaf.keys[first] == modelWire.substr(1)) modelLeaf = &leaf;
        } else if (leaf.at("path")) {
            const auto& accepted = spec.acceptedPaths;
            if (leaf.value.isString() &&
                std::none_of(accepted.begin(), accepted.end(), [&](const char* path) { return leaf.value.text == path; }))
                return std::nullopt;  // path_mismatch
        } else if (modelWire.empty() && leaf.depth == 2 && leaf.keys[0] == "headers" &&
                   equalsIgnoringCase(leaf.keys[1], "ai-model-id")) {
            if (modelLeaf) return std::nullopt;  // two spellings: the first in key order wins
            modelLeaf = &leaf;
        }
    }
    if (!modelLeaf || !modelLeaf->value.isString()) return std::nullopt;  // missing_model, a default model, wrong_type

    const AliasMatch match = catalog.resolve(modelLeaf->value.text);
    if (!match.model) return std::nullopt;
    if (match.alias && (!aliasServes(*match.alias, dialectId) || !match.alias->routable)) return std::nullopt;
    const Model& model = *match.model;
    CompiledModel& compiled = compiledFor(dialect, model, catalog);

    if (!readMembers(compiled, scratch, first, envelope ? "/body" : "")) return std::nullopt;
    if (!demote(scratch)) return std::nullopt;
    if (spec.sdkForms) mapSdkMembers(compiled, scratch);
    const std::vector<Member>& members = scratch.members;

    // The mode, its inputs and the rules, from which members are there.
    Presence presence{0, 0, match.alias};
    for (const Member& member : members) {
        const size_t id = member.id != kMostMemberIds ? member.id : idOf(compiled, member.canonical);
        if (id == kMostMemberIds) return std::nullopt;
        presence.present |= uint64_t{1} << id;
        if (carries(member)) presence.carried |= uint64_t{1} << id;
    }
    auto known = compiled.verdicts.find(presence);
    if (known == compiled.verdicts.end() && compiled.verdicts.size() < kMostKept)
        known = compiled.verdicts.emplace(presence, presenceVerdict(compiled, members, match.alias)).first;
    if (known == compiled.verdicts.end()) scratch.unkeptVerdict = presenceVerdict(compiled, members, match.alias);
    const PresenceVerdict& settled = known != compiled.verdicts.end() ? known->second : scratch.unkeptVerdict;
    if (!settled.answerable) return std::nullopt;
    if (!settled.textRules.empty()) {
        const MemberProbe probe = probeOf(members, settled.explicitMode, nullptr);
        for (size_t rule : settled.textRules)
            if (ruleMaySpeak(model.rules[rule], probe)) return std::nullopt;
    }

    // Every member the tables pass says nothing; the validator judges the rest, in the body's order.
    CompiledVerdict verdict;
    verdict.dialect = dialect;
    verdict.model = &model;
    std::optional<Request> asked;
    if (!model.limitsKnown) asked.emplace();
    for (const Member& member : members) {
        if (memberPasses(compiled, member, settled.mode)) continue;
        if (!asked) asked.emplace();
        memberAt(asked->body, member.canonical) = member.tree ? *member.tree : member.value.toJson();
        asked->origin.record(std::string(member.canonical), member.inputPointer());
    }
    if (asked) {
        asked->body["model"] = std::string(modelLeaf->value.text);
        asked->origin.record("/model", modelLeaf->pointer());
        verdict.diagnostics = validateMembers(*asked, catalog, dialectId, settled.mode);
        // A diagnostic at a value the payload holds is placed from its leaf: no second reading of
        // the text for its line and column.
        for (Diagnostic& diagnostic : verdict.diagnostics) {
            const auto leaf = std::find_if(scratch.leaves.begin(), scratch.leaves.end(),
                                           [&](const JsonLeaf& l) { return l.isAt(diagnostic.path); });
            if (leaf != scratch.leaves.end()) diagnostic.byteOffset = leaf->offset;
        }
    }
    return verdict;
}

}  // namespace vg
