// VideoGen core: validation compiled per dialect and model (see compiled_check.h).
//
// Index
// [SECTION] Tables: what each place of a body is, per dialect and model
// [SECTION] Reading the payload into canonical members
// [SECTION] The parse's own steps: promotions, the AI SDK's forms, the mode
// [SECTION] Judging the members
// [SECTION] Entry point
#include "request/compiled_check.h"

#include "dialects/dialect_common.h"
#include "dialects/sdk_forms.h"
#include "request/input_limits.h"
#include "request/request_members.h"
#include "request/rules.h"
#include "request/validate.h"
#include "text/json_leaves.h"
#include "text/text_format.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <memory>
#include <unordered_map>

namespace vg {

namespace {

// A payload larger than this is rarely plain (inline media): the full path reads it.
constexpr size_t kMostCompiledBytes = 256 * 1024;
// Objects inside objects a plain payload has at most: an envelope's body, providerOptions, a
// provider's namespace, an option.
constexpr size_t kMostDepth = 4;

//-----------------------------------------------------------------------------
// [SECTION] Tables: what each place of a body is, per dialect and model
//-----------------------------------------------------------------------------

// The checks that apply at a canonical pointer for one model and route.
struct MemberSpecs {
    const ParamSpec* own = nullptr;    // the model's spec, or null
    const ParamSpec* route = nullptr;  // the route's own limit, or null
};

enum class PlaceKind {
    Unknown,   // not a place the tables know: the full path reads the payload
    Model,     // where the dialect names the model
    Row,       // a field row's value (plain codecs only)
    FilePart,  // a member of an AI SDK file object the row reads ({"type":"url","url":...})
    Option,    // a provider option
};

struct Place {
    PlaceKind kind = PlaceKind::Unknown;
    const FieldMap* row = nullptr;  // Row, FilePart
    std::string part;               // FilePart: "type", "url", "data" or "mediaType"
    std::string canonical;          // Row (not Size), Option: the canonical pointer it fills
    MemberSpecs specs;              // Row (not Size), Option: the checks at `canonical`
};

// A hash that looks a string key up by any view of it (no string made per lookup).
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename Value>
using TextMap = std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

struct CompiledModel {
    const DialectSpec* spec = nullptr;
    const Model* model = nullptr;
    const DialectLimits* limits = nullptr;
    TextMap<Place> places;        // body-relative wire pointer -> place
    TextMap<MemberSpecs> specs;   // canonical pointer -> its checks
    // The AI SDK's resolution and ratio (each "-" when absent, else "<size>:<text>") -> the two as
    // mapSdkForms leaves them;
    // "" holds the latest answer that followed an image ("adaptive"), which is not kept.
    TextMap<json> sdkForms;
    std::array<std::unique_ptr<std::vector<std::string>>, std::size(kAllModes)> required;  // per mode
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
        case Codec::FirstFrameImage:
        case Codec::References: return false;  // arrays: the full path reads them
    }
    return false;
}

// The tokens of a pointer without escapes ("/a/b" -> {"a", "b"}); empty when it has any.
std::vector<std::string_view> plainTokens(std::string_view pointer) {
    std::vector<std::string_view> tokens;
    if (pointer.find('~') != std::string_view::npos) return tokens;
    for (size_t at = 1; at <= pointer.size();) {
        const size_t end = std::min(pointer.find('/', at), pointer.size());
        tokens.push_back(pointer.substr(at, end - at));
        at = end + 1;
    }
    return tokens;
}

MemberSpecs specsAt(const CompiledModel& compiled, std::string_view canonical) {
    return {compiled.model->param(canonical), compiled.limits ? compiled.limits->param(canonical) : nullptr};
}

Place compilePlace(const CompiledModel& compiled, std::string_view wire) {
    const DialectSpec& spec = *compiled.spec;
    Place place;
    if (wire == spec.modelWire) {
        place.kind = PlaceKind::Model;
        return place;
    }
    for (const FieldMap& row : spec.fields) {
        if (wire != row.wire) continue;
        // A file object's place holds an object; a plain value there is the parse's type error.
        if (!plainCodec(row.codec) || (row.codec == Codec::Media && spec.mediaAsFileObjects)) return place;
        place.kind = PlaceKind::Row;
        place.row = &row;
        place.canonical = row.canonical;
        place.specs = specsAt(compiled, place.canonical);
        return place;
    }
    const std::vector<std::string_view> tokens = plainTokens(wire);
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
        place.canonical = "/providerOptions/" + provider + "/" + std::string(tokens[2]);
    } else {
        if (tokens.size() != 2) return place;
        const std::string name = spec.options == OptionsStyle::FlatSnake ? snakeToCamel(tokens[1]) : std::string(tokens[1]);
        place.canonical = "/providerOptions/" + provider + "/" + name;
    }
    place.kind = PlaceKind::Option;
    place.specs = specsAt(compiled, place.canonical);
    return place;
}

const Place& placeOf(CompiledModel& compiled, std::string_view wire) {
    auto found = compiled.places.find(wire);
    if (found == compiled.places.end()) found = compiled.places.emplace(std::string(wire), compilePlace(compiled, wire)).first;
    return found->second;
}

const MemberSpecs& specsOf(CompiledModel& compiled, std::string_view canonical) {
    auto found = compiled.specs.find(canonical);
    if (found == compiled.specs.end()) found = compiled.specs.emplace(std::string(canonical), specsAt(compiled, canonical)).first;
    return found->second;
}

// The members `mode` needs, the model's and the route's (checkModeInputs, checkRouteInputs).
const std::vector<std::string>& requiredIn(CompiledModel& compiled, Mode mode) {
    const auto index = static_cast<size_t>(mode);
    if (!compiled.required[index]) {
        auto paths = std::make_unique<std::vector<std::string>>();
        const auto add = [&](const std::vector<ParamSpec>& params) {
            for (const ParamSpec& spec : params)
                if (std::find(spec.requiredIn.begin(), spec.requiredIn.end(), mode) != spec.requiredIn.end())
                    paths->push_back(spec.path);
        };
        add(compiled.model->params);
        if (compiled.limits) add(compiled.limits->params);
        compiled.required[index] = std::move(paths);
    }
    return *compiled.required[index];
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
    std::string_view canonical;  // "/aspectRatio", "/providerOptions/klingai/cfgScale"
    std::string_view input;      // where the payload has it: "/body/aspect_ratio"
    PlainValue value;
    const MemberSpecs* specs = nullptr;  // its checks when its place knows them; else looked up
};

// One call's working room, kept between calls so a warm check allocates little.
struct Scratch {
    JsonLeaves leaves;
    std::vector<const JsonLeaf*> body;  // the leaves of the request's body
    std::vector<Member> members;
    std::deque<json> converted;          // values the parse converts (seconds, sizes, promotions): members view them
    std::deque<std::string> texts;       // pointers made for members (a file object's place)

    void clear() {
        body.clear();
        members.clear();
        converted.clear();
        texts.clear();
    }
};

// A file object being read: {"type":"url","url":...} or {"type":"file","data":...}.
struct FileObject {
    const FieldMap* row = nullptr;
    const PlainValue* type = nullptr;
    const PlainValue* url = nullptr;
    const PlainValue* data = nullptr;
};

bool hasMember(const std::vector<Member>& members, std::string_view canonical) {
    return std::any_of(members.begin(), members.end(), [&](const Member& m) { return m.canonical == canonical; });
}

// Adds a member; false when the parse would have met it twice (a warning, or a second row).
bool addMember(std::vector<Member>& members, std::string_view canonical, std::string_view input, const PlainValue& value,
               const MemberSpecs* specs = nullptr) {
    if (hasMember(members, canonical)) return false;
    members.push_back({canonical, input, value, specs});
    return true;
}

const PlainValue& keep(Scratch& scratch, json value, PlainValue& plain) {
    plain = plainValueOf(scratch.converted.emplace_back(std::move(value)));
    return plain;
}

// The body's leaves as canonical members (parseRow, parseOptions); false when the parse would say
// anything, or read something the tables do not know.
bool readMembers(CompiledModel& compiled, Scratch& scratch, std::string_view prefix) {
    std::array<FileObject, 2> files{};  // a dialect has one or two media rows as file objects
    for (const JsonLeaf* leaf : scratch.body) {
        const Place& place = placeOf(compiled, std::string_view(leaf->pointer).substr(prefix.size()));
        const std::string_view input = leaf->pointer;
        const PlainValue& value = leaf->value;
        switch (place.kind) {
            case PlaceKind::Unknown: return false;
            case PlaceKind::Model: continue;
            case PlaceKind::FilePart: {
                auto file = std::find_if(files.begin(), files.end(), [&](const FileObject& f) { return !f.row || f.row == place.row; });
                if (file == files.end()) return false;
                file->row = place.row;
                if (place.part == "type") file->type = &value;
                else if (place.part == "url") file->url = &value;
                else if (place.part == "data") file->data = &value;
                continue;
            }
            case PlaceKind::Option:
                if (!addMember(scratch.members, place.canonical, input, value, &place.specs)) return false;
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
                if (!addMember(scratch.members, "/resolution", input, resolution)) return false;
                if (reading.aspectRatio) {
                    keep(scratch, reading.aspectRatio, aspect);
                    if (!addMember(scratch.members, "/aspectRatio", input, aspect)) return false;
                }
                continue;
            }
            default: return false;
        }
        if (!addMember(scratch.members, row.canonical, input, decoded, &place.specs)) return false;
    }
    for (const FileObject& file : files) {  // mediaFromFileObject
        if (!file.row) continue;
        if (!file.type || !file.type->isString()) return false;
        const PlainValue* media = file.type->text == "url" ? file.url : file.type->text == "file" ? file.data : nullptr;
        if (!media || !media->isString()) return false;
        const std::string& place = scratch.texts.emplace_back(std::string(prefix) + file.row->wire);
        if (!addMember(scratch.members, file.row->canonical, place, *media)) return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] The parse's own steps: promotions, the AI SDK's forms, the mode
//-----------------------------------------------------------------------------

// demotePromotions: a promoted option whose value maps becomes its canonical member.
bool demote(const Model& model, Scratch& scratch) {
    for (const Promotion& promotion : model.promotions) {
        auto option = std::find_if(scratch.members.begin(), scratch.members.end(),
                                   [&](const Member& m) { return m.canonical == promotion.option; });
        if (option == scratch.members.end()) continue;
        std::optional<json> canonical = mapPromotedValue(promotion, option->value.toJson(), false);
        if (!canonical) continue;  // stays an option: the validator names what is allowed
        if (hasMember(scratch.members, promotion.field)) return false;  // both given: the parse compares them
        option->canonical = promotion.field;
        option->specs = nullptr;
        keep(scratch, std::move(*canonical), option->value);
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
    for (const std::optional<std::string_view>& text : {resolutionText, aspectText})  // "-" absent, else "<size>:<text>"
        if (plain) key.append(text ? std::to_string(text->size()) + ":" + std::string(*text) : std::string("-"));
    auto known = plain ? compiled.sdkForms.find(key) : compiled.sdkForms.end();
    if (known == compiled.sdkForms.end()) {
        Request forms;
        for (const Member* member : {static_cast<const Member*>(resolution), static_cast<const Member*>(aspect), image}) {
            if (!member) continue;
            forms.body[std::string(member->canonical.substr(1))] = member->value.toJson();
            forms.origin.record(std::string(member->canonical), std::string(member->input));
        }
        mapSdkForms(forms, *compiled.model);
        forms.body.erase("image");
        if (!plain) known = compiled.sdkForms.insert_or_assign(std::string(), std::move(forms.body)).first;
        else known = compiled.sdkForms.emplace(std::move(key), std::move(forms.body)).first;
    }
    const json& mapped = known->second;
    if (resolution) keep(scratch, mapped.at("resolution"), resolution->value);
    const json* ratio = mapped.contains("aspectRatio") ? &mapped.at("aspectRatio") : nullptr;
    if (aspect && !ratio) {
        scratch.members.erase(scratch.members.begin() + (aspect - scratch.members.data()));
    } else if (aspect) {
        keep(scratch, *ratio, aspect->value);
    } else if (ratio && resolution) {  // mapResolution adds a ratio at the resolution's place
        PlainValue added;
        keep(scratch, *ratio, added);
        scratch.members.push_back({"/aspectRatio", resolution->input, added});
    }
}

// Whether the request carries the canonical member `name` for mode inference (inferMode).
bool carries(const std::vector<Member>& members, std::string_view name) {
    for (const Member& member : members) {
        if (member.canonical.size() != name.size() + 1 || member.canonical.substr(1) != name) continue;
        return member.value.kind != PlainValue::Kind::Null && !(member.value.isString() && member.value.text.empty());
    }
    return false;
}

// A value at `path` or below it (findAt on the canonical body).
bool holds(const std::vector<Member>& members, std::string_view path, bool explicitMode) {
    if (path == "/model" || (explicitMode && path == "/mode")) return true;
    return std::any_of(members.begin(), members.end(), [&](const Member& m) {
        return m.canonical == path || (m.canonical.size() > path.size() && m.canonical.starts_with(path) &&
                                       m.canonical[path.size()] == '/');
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Judging the members
//-----------------------------------------------------------------------------

// True when walkMembers says nothing of `member` (checkMember and the prompt's ceiling).
bool memberPasses(CompiledModel& compiled, const Member& member, Mode mode) {
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

std::optional<CompiledVerdict> checkCompiled(std::string_view text, Dialect dialect, const Catalog& catalog) {
    thread_local Scratch scratch;
    scratch.clear();
    if (!readJsonLeaves(text, scratch.leaves, kMostDepth, kMostCompiledBytes)) return std::nullopt;
    const DialectSpec& spec = specFor(dialect);
    const char* const dialectId = dialectName(dialect);

    // The envelope {method?, path?, headers?, body} (isEnvelope), and where the body's leaves are.
    bool hasBody = false, pathOrMethod = false;
    for (const JsonLeaf& leaf : scratch.leaves) {
        hasBody = hasBody || leaf.pointer.starts_with("/body/");
        pathOrMethod = pathOrMethod || leaf.pointer == "/path" || leaf.pointer.starts_with("/path/") ||
                       leaf.pointer == "/method" || leaf.pointer.starts_with("/method/");
        if (leaf.pointer == "/body") return std::nullopt;  // a body that is no object
    }
    const bool envelope = hasBody && pathOrMethod;
    const std::string_view prefix = envelope ? "/body" : "";
    std::vector<const JsonLeaf*>& body = scratch.body;
    const JsonLeaf* modelLeaf = nullptr;
    for (const JsonLeaf& leaf : scratch.leaves) {
        if (!envelope) {
            body.push_back(&leaf);
        } else if (leaf.pointer.starts_with("/body/")) {
            body.push_back(&leaf);
        } else if (leaf.pointer == "/path") {
            const auto& accepted = spec.acceptedPaths;
            if (leaf.value.isString() &&
                std::none_of(accepted.begin(), accepted.end(), [&](const char* path) { return leaf.value.text == path; }))
                return std::nullopt;  // path_mismatch
        } else if (!*spec.modelWire && leaf.depth == 2 && leaf.pointer.starts_with("/headers/") &&
                   equalsIgnoringCase(std::string_view(leaf.pointer).substr(9), "ai-model-id")) {
            if (modelLeaf) return std::nullopt;  // two spellings: the first in key order wins
            modelLeaf = &leaf;
        }
    }
    if (*spec.modelWire) {
        const std::string_view wire = spec.modelWire;
        for (const JsonLeaf* leaf : body)
            if (leaf->pointer.size() == prefix.size() + wire.size() && leaf->pointer.ends_with(wire)) modelLeaf = leaf;
    }
    if (!modelLeaf || !modelLeaf->value.isString()) return std::nullopt;  // missing_model, a default model, wrong_type

    const AliasMatch match = catalog.resolve(modelLeaf->value.text);
    if (!match.model) return std::nullopt;
    if (match.alias && (!aliasServes(*match.alias, dialectId) || !match.alias->routable)) return std::nullopt;
    const Model& model = *match.model;
    CompiledModel& compiled = compiledFor(dialect, model, catalog);

    if (!readMembers(compiled, scratch, prefix)) return std::nullopt;
    if (!demote(model, scratch)) return std::nullopt;
    if (spec.sdkForms) mapSdkMembers(compiled, scratch);
    std::vector<Member>& members = scratch.members;

    // The mode: a mode-specific id's (parseMode), else the one the inputs imply; then resolveModel's
    // and checkModeInputs' checks, which the tables pass only when they would say nothing.
    const Mode inferred = inferMode([&](std::string_view name) { return carries(members, name); });
    const bool single = match.alias && match.alias->modes.size() == 1;
    const Mode mode = single ? match.alias->modes.front() : inferred;
    const bool explicitMode = single && mode != inferred;
    if (!model.supports(mode)) return std::nullopt;
    if (match.alias && !match.alias->modes.empty() &&
        std::find(match.alias->modes.begin(), match.alias->modes.end(), mode) == match.alias->modes.end())
        return std::nullopt;
    for (const std::string& path : requiredIn(compiled, mode))
        if (!holds(members, path, explicitMode)) return std::nullopt;

    const MemberProbe probe{
        [&](std::string_view path) { return holds(members, path, explicitMode); },
        [&](std::string_view path) -> std::optional<std::string_view> {
            for (const Member& member : members)
                if (member.canonical == path && member.value.isString()) return member.value.text;
            return std::nullopt;
        }};
    for (const RuleSpec& rule : model.rules)
        if (ruleMaySpeak(rule, probe)) return std::nullopt;

    // Every member the tables pass says nothing; the validator judges the rest, in the body's order.
    CompiledVerdict verdict;
    verdict.model = &model;
    Request asked;
    for (const Member& member : members) {
        if (memberPasses(compiled, member, mode)) continue;
        asked.body[json::json_pointer(std::string(member.canonical))] = member.value.toJson();
        asked.origin.record(std::string(member.canonical), std::string(member.input));
    }
    if (!asked.body.empty() || !model.limitsKnown) {
        asked.body["model"] = std::string(modelLeaf->value.text);
        asked.origin.record("/model", modelLeaf->pointer);
        verdict.diagnostics = validateMembers(asked, catalog, dialectId, mode);
    }
    return verdict;
}

}  // namespace vg
