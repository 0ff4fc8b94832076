// VideoGen core: the model catalog.
// The catalog is data (catalog.json, embedded at build time) read by this one engine. A new model is
// a new entry in the data, never a new branch in code. See CATALOG.md for the file format.
//
// Index
// [SECTION] Modes
// [SECTION] Parameter specs
// [SECTION] Cross-field rules
// [SECTION] Models and aliases
// [SECTION] Dialect limits
// [SECTION] The catalog
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

using json = nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Modes
//-----------------------------------------------------------------------------

enum class Mode { T2V, I2V, FLF, R2V, V2V };
inline constexpr Mode kAllModes[] = {Mode::T2V, Mode::I2V, Mode::FLF, Mode::R2V, Mode::V2V};

const char* modeName(Mode mode);             // "t2v"
const char* modeTitle(Mode mode);            // "text-to-video"
std::optional<Mode> modeByName(std::string_view name);

//-----------------------------------------------------------------------------
// [SECTION] Parameter specs
//-----------------------------------------------------------------------------

enum class ValueType { Any, String, Integer, Number, Boolean, Image, Video, Audio, Array, Object };
const char* valueTypeName(ValueType type);

// What an inline or linked media value must be. Unset fields are not checked.
struct MediaRules {
    std::vector<std::string> formats;    // "png", "jpeg", "webp", "mp4", "mp3", "wav" ...; empty = any
    bool urlAllowed = true;              // http(s) URL
    bool dataUrlAllowed = true;          // data:image/png;base64,...
    bool rawBase64Allowed = true;        // bare base64, no prefix
    std::optional<size_t> maxBytes;      // decoded size
    std::optional<int> minSide;          // shorter side in pixels
    std::optional<double> minAspect;     // width / height, inclusive
    std::optional<double> maxAspect;
    std::optional<double> minSeconds;    // audio/video duration
    std::optional<double> maxSeconds;
};

struct ParamSpec {
    std::string path;                    // canonical JSON Pointer: "/duration", "/providerOptions/klingai/cfgScale"
    ValueType type = ValueType::Any;
    std::vector<json> values;            // allowed values; empty = not an enum
    std::optional<double> min, max;      // numbers (inclusive)
    std::optional<double> step;          // numbers: value must be min + k*step
    std::optional<size_t> minLength, maxLength;  // strings: Unicode code points; arrays: items
    json defaultValue;                   // null when the seeds give no default
    std::vector<Mode> modes;             // modes that use it; empty = every mode of the model
    std::vector<Mode> requiredIn;        // modes in which it must be present
    std::string unsupported;             // non-empty: present is an error, this says why
    std::optional<MediaRules> media;     // for Image/Video/Audio (and arrays of them, on items)
    std::shared_ptr<ParamSpec> items;    // arrays: the spec of one item (path is relative: "")
    std::string itemName;                // arrays: one item in messages ("shot" -> "shot 2"); "" = "<field> item 2"
    std::vector<ParamSpec> properties;   // objects: specs of known members (path relative: "/x")
    bool closed = false;                 // objects: members not in properties are errors, not warnings
    std::string source;                  // "seed 001"
    std::string note;                    // why, when a seed is silent or seeds disagree
    std::string help;                    // one line for people on what it does; "" = the request member's
                                         // meaning (fieldWords, request_members.h)
};

//-----------------------------------------------------------------------------
// [SECTION] Cross-field rules
//-----------------------------------------------------------------------------

// A named rule implemented once in C++ (rules.cpp) with its arguments from the data.
struct RuleSpec {
    std::string kind;    // "exclusive", "requires", "camera_control", "shot_durations_sum", ...
    json args;           // the rule's own arguments, as written in the catalog
    std::string source;  // "seed 001"
};

//-----------------------------------------------------------------------------
// [SECTION] Models and aliases
//-----------------------------------------------------------------------------

// One name a model goes by. An alias can be limited to some dialects and to some modes (the
// gateway's "klingai/kling-v2.6-t2v" is Kling 2.6 in text-to-video only).
struct Alias {
    std::string id;
    std::vector<std::string> dialects;   // dialect names where this id is used; empty = all
    std::vector<Mode> modes;             // empty = every mode of the model
    bool routable = true;                // false: the name is known but the dialect's route refuses it
    std::string refusal;                 // when !routable: why, and what the route does take
    std::string source;
};

// "audio" in the canonical request is "providerOptions.klingai.sound": "on"/"off" on the AI SDK
// wire. Dialects that carry provider options move promoted fields there and back.
struct Promotion {
    std::string field;                   // canonical pointer, "/audio"
    std::string option;                  // canonical pointer, "/providerOptions/klingai/sound"
    std::vector<std::pair<json, json>> valueMap;  // canonical value -> option value; empty = same value
};

struct Model {
    std::string id;                      // canonical id, "klingai/kling-v2.6"
    std::string provider;                // provider namespace for providerOptions, "klingai", "vertex"
    std::string vendor;                  // who makes it, for people: "Kling AI", "Google"
    std::string name;                    // display name, "Kling 2.6"
    std::string family, version;         // "kling", "2.6"
    std::vector<Mode> modes;
    std::vector<Alias> aliases;
    std::vector<ParamSpec> params;       // after template merge; keyed by ParamSpec::path
    std::vector<Promotion> promotions;
    std::vector<RuleSpec> rules;
    bool limitsKnown = true;             // false: the seeds name the model but not its limits
    std::string notes;

    const ParamSpec* param(std::string_view path) const;
    bool supports(Mode mode) const;
};

//-----------------------------------------------------------------------------
// [SECTION] Dialect limits
//-----------------------------------------------------------------------------

// Limits a route imposes whatever the model (jobs API prompt 1-4000, creative hub 2-10 s).
struct DialectLimits {
    std::string dialect;
    std::vector<ParamSpec> params;
    std::vector<std::string> webhookEvents;  // allowed events, empty = no webhooks on this route

    const ParamSpec* param(std::string_view path) const;  // the route's own limit for `path`, or nullptr
};

//-----------------------------------------------------------------------------
// [SECTION] The catalog
//-----------------------------------------------------------------------------

struct AliasMatch {
    const Model* model = nullptr;
    const Alias* alias = nullptr;        // the alias matched; null when the canonical id matched
};

struct Catalog {
    std::vector<Model> models;
    std::map<std::string, std::string> sources;  // "seed 001" -> title of the document
    std::vector<DialectLimits> dialectLimits;

    // The title of the document `key` names; `key` itself when it names none.
    const std::string& sourceTitle(const std::string& key) const;
    // `text` with each source key in it ("seed 004's table", "Seed 001 gives") written as its
    // document's title in quotes: people know the documents by their titles, not by our keys.
    std::string namingSources(std::string text) const;

    const Model* byId(std::string_view canonicalId) const;
    // Finds a model by any of its names (exact, case-sensitive).
    AliasMatch resolve(std::string_view anyId) const;
    // Up to `count` known ids closest to `unknownId` (edit distance), for "did you mean": among the
    // ids `dialect`'s route takes, or every name when `dialect` is empty.
    std::vector<std::string> nearestIds(std::string_view unknownId, size_t count = 3, std::string_view dialect = {}) const;
    // The ids `dialect`'s route takes (its routable aliases), in catalog order.
    std::vector<std::string> routableIds(std::string_view dialect) const;
    // The id this model goes by in `dialect` for `mode`; nullptr when that dialect cannot carry it.
    const Alias* aliasFor(const Model& model, std::string_view dialect, Mode mode) const;
    const DialectLimits* limitsFor(std::string_view dialect) const;
};

// What can be chosen for a member under both the model's spec and a route's own limit for it
// (DialectLimits, same path): the route's values where the model lists none, else the values both
// allow (the model's order; the model's own when they share none), the tighter range and lengths, and
// a default both allow. Validation checks the two on their own; a form offers what passes both (Grok's
// aspect ratio through the unified route: a picker of that route's ratios, not free text).
ParamSpec narrowedByRoute(ParamSpec spec, const ParamSpec& route);

// Parses catalog data. Throws std::runtime_error naming the entry and field on malformed data
// (the catalog is ours: a bad entry is a build-time bug, and the build that reads catalog.json
// stops on it with this message).
Catalog loadCatalog(const json& data);
// The catalog compiled into this binary: catalog.json as loadCatalog read it at build time, kept
// as a snapshot (catalog_snapshot.h) and read back at the first call (builtin_catalog.cpp).
const Catalog& builtinCatalog();
// The catalog as `vgen catalog --json` prints it (id, provider, name, modes, aliases, params...).
json catalogToJson(const Catalog& catalog);

}  // namespace vg
