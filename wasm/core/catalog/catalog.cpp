// VideoGen core: the one engine that reads the model catalog (catalog.json, format in CATALOG.md).
//
// Index
// [SECTION] Names: modes and value types
// [SECTION] Loading: errors and small readers
// [SECTION] Loading: parameter specs
// [SECTION] Loading: templates, models, aliases, dialects
// [SECTION] Lookups
// [SECTION] A model's spec on a route with its own limits
// [SECTION] Output: catalogToJson
#include "catalog/catalog.h"
#include "request/rules.h"

#include "request/request_members.h"
#include "text/text_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <stdexcept>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Names: modes and value types
//-----------------------------------------------------------------------------

const char* modeName(Mode mode) {
    switch (mode) {
        case Mode::T2V: return "t2v";
        case Mode::I2V: return "i2v";
        case Mode::FLF: return "flf";
        case Mode::R2V: return "r2v";
        case Mode::V2V: return "v2v";
    }
    return "t2v";
}

const char* modeTitle(Mode mode) {
    switch (mode) {
        case Mode::T2V: return "text-to-video";
        case Mode::I2V: return "image-to-video";
        case Mode::FLF: return "first-and-last-frame";
        case Mode::R2V: return "reference-to-video";
        case Mode::V2V: return "video editing";
    }
    return "text-to-video";
}

std::optional<Mode> modeByName(std::string_view name) {
    for (Mode mode : kAllModes)
        if (name == modeName(mode)) return mode;
    return std::nullopt;
}

namespace {

constexpr ValueType kAllValueTypes[] = {ValueType::Any,     ValueType::String, ValueType::Integer,
                                        ValueType::Number,  ValueType::Boolean, ValueType::Image,
                                        ValueType::Video,   ValueType::Audio,  ValueType::Array,
                                        ValueType::Object};

std::optional<ValueType> valueTypeByName(std::string_view name) {
    for (ValueType type : kAllValueTypes)
        if (name == valueTypeName(type)) return type;
    return std::nullopt;
}

bool isMediaType(ValueType type) {
    return type == ValueType::Image || type == ValueType::Video || type == ValueType::Audio;
}

}  // namespace

const char* valueTypeName(ValueType type) {
    switch (type) {
        case ValueType::Any: return "any";
        case ValueType::String: return "string";
        case ValueType::Integer: return "integer";
        case ValueType::Number: return "number";
        case ValueType::Boolean: return "boolean";
        case ValueType::Image: return "image";
        case ValueType::Video: return "video";
        case ValueType::Audio: return "audio";
        case ValueType::Array: return "array";
        case ValueType::Object: return "object";
    }
    return "any";
}

//-----------------------------------------------------------------------------
// [SECTION] Loading: errors and small readers
//-----------------------------------------------------------------------------

namespace {

// `where` names the entry being read ("model \"klingai/kling-v2.6\", param \"/duration\"") so a
// bad entry is found from the message alone.
[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::runtime_error("catalog: " + where + ": " + what);
}

// `object`'s member `key`, or null when it has none: read in place, never copied.
const json& memberOrNull(const json& object, const char* key) {
    static const json kNull;
    auto found = object.find(key);
    return found == object.end() ? kNull : *found;
}

void expectObject(const json& value, const std::string& where) {
    if (!value.is_object()) fail(where, "expected an object");
}

// Typos in key names would silently drop a limit; every object lists the keys it accepts.
void checkKeys(const json& object, std::initializer_list<std::string_view> allowed, const std::string& where) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            fail(where, "unknown key \"" + key + "\"");
    }
}

std::string readString(const json& object, const char* key, const std::string& where, bool required = false) {
    auto it = object.find(key);
    if (it == object.end()) {
        if (required) fail(where, std::string("missing \"") + key + "\"");
        return {};
    }
    if (!it->is_string()) fail(where, std::string("\"") + key + "\" must be a string");
    return it->get<std::string>();
}

bool readBool(const json& object, const char* key, bool fallback, const std::string& where) {
    auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_boolean()) fail(where, std::string("\"") + key + "\" must be true or false");
    return it->get<bool>();
}

std::optional<double> readNumber(const json& object, const char* key, const std::string& where) {
    auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (!it->is_number()) fail(where, std::string("\"") + key + "\" must be a number");
    return it->get<double>();
}

std::optional<size_t> readCount(const json& object, const char* key, const std::string& where) {
    auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (!it->is_number_integer() || it->get<long long>() < 0)
        fail(where, std::string("\"") + key + "\" must be a non-negative integer");
    return static_cast<size_t>(it->get<long long>());
}

std::vector<std::string> readStrings(const json& object, const char* key, const std::string& where) {
    std::vector<std::string> out;
    auto it = object.find(key);
    if (it == object.end()) return out;
    if (!it->is_array()) fail(where, std::string("\"") + key + "\" must be an array of strings");
    for (const json& item : *it) {
        if (!item.is_string()) fail(where, std::string("\"") + key + "\" must be an array of strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::vector<Mode> readModes(const json& list, const std::string& where) {
    if (!list.is_array()) fail(where, "modes must be an array of mode names");
    std::vector<Mode> out;
    for (const json& item : list) {
        auto mode = item.is_string() ? modeByName(item.get<std::string>()) : std::nullopt;
        if (!mode) fail(where, "unknown mode " + item.dump() + " (use t2v, i2v, flf, r2v, v2v)");
        out.push_back(*mode);
    }
    return out;
}

bool contains(const std::vector<Mode>& modes, Mode mode) {
    return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

std::string readSource(const json& object, const Catalog& catalog, const std::string& inherited,
                       const std::string& where) {
    std::string source = readString(object, "source", where);
    if (source.empty()) return inherited;
    if (!catalog.sources.count(source)) fail(where, "source \"" + source + "\" is not listed in \"sources\"");
    return source;
}

//-----------------------------------------------------------------------------
// [SECTION] Loading: parameter specs
//-----------------------------------------------------------------------------

struct SpecContext {
    const Catalog& catalog;
    std::vector<Mode> allModes;  // what "required": true means: every mode of the model (or route)
};

MediaRules parseMedia(const json& j, const std::string& where) {
    expectObject(j, where);
    checkKeys(j, {"formats", "url", "dataUrl", "base64", "maxBytes", "minSide", "minAspect", "maxAspect",
                  "minSeconds", "maxSeconds"}, where);
    MediaRules media;
    media.formats = readStrings(j, "formats", where);
    media.urlAllowed = readBool(j, "url", true, where);
    media.dataUrlAllowed = readBool(j, "dataUrl", true, where);
    media.rawBase64Allowed = readBool(j, "base64", true, where);
    media.maxBytes = readCount(j, "maxBytes", where);
    if (auto side = readCount(j, "minSide", where)) media.minSide = static_cast<int>(*side);
    media.minAspect = readNumber(j, "minAspect", where);
    media.maxAspect = readNumber(j, "maxAspect", where);
    media.minSeconds = readNumber(j, "minSeconds", where);
    media.maxSeconds = readNumber(j, "maxSeconds", where);
    return media;
}

// Nested specs (items, properties) inherit their parent's source when they name none. Recursion
// here follows the catalog's own nesting (our data, a few levels), never user input.
ParamSpec parseSpec(const json& j, std::string path, const SpecContext& ctx, const std::string& inheritedSource,
                    const std::string& where) {
    expectObject(j, where);
    checkKeys(j, {"type", "values", "min", "max", "step", "minLength", "maxLength", "minItems", "maxItems",
                  "default", "modes", "required", "unsupported", "media", "items", "itemName", "properties", "closed",
                  "source", "note", "help"}, where);
    ParamSpec spec;
    spec.path = std::move(path);
    if (j.contains("type")) {
        auto type = j["type"].is_string() ? valueTypeByName(j["type"].get<std::string>()) : std::nullopt;
        if (!type) fail(where, "unknown type " + j["type"].dump());
        spec.type = *type;
    }
    if (j.contains("values")) {
        if (!j["values"].is_array() || j["values"].empty()) fail(where, "\"values\" must be a non-empty array");
        spec.values.assign(j["values"].begin(), j["values"].end());
    }
    spec.min = readNumber(j, "min", where);
    spec.max = readNumber(j, "max", where);
    spec.step = readNumber(j, "step", where);
    if (spec.min && spec.max && *spec.min > *spec.max) fail(where, "\"min\" is greater than \"max\"");
    if (spec.step && *spec.step <= 0) fail(where, "\"step\" must be positive");

    // Lengths: code points for strings, items for arrays (one pair of fields in ParamSpec).
    const bool stringLengths = j.contains("minLength") || j.contains("maxLength");
    const bool arrayLengths = j.contains("minItems") || j.contains("maxItems");
    if (stringLengths && spec.type != ValueType::String) fail(where, "minLength/maxLength need \"type\": \"string\"");
    if (arrayLengths && spec.type != ValueType::Array) fail(where, "minItems/maxItems need \"type\": \"array\"");
    spec.minLength = readCount(j, stringLengths ? "minLength" : "minItems", where);
    spec.maxLength = readCount(j, stringLengths ? "maxLength" : "maxItems", where);
    if (spec.minLength && spec.maxLength && *spec.minLength > *spec.maxLength)
        fail(where, "minimum length is greater than maximum length");

    if (j.contains("default")) {
        spec.defaultValue = j["default"];
        if (!spec.values.empty() && std::find(spec.values.begin(), spec.values.end(), spec.defaultValue) == spec.values.end())
            fail(where, "\"default\" " + spec.defaultValue.dump() + " is not one of \"values\"");
        if (spec.defaultValue.is_number()) {
            double value = spec.defaultValue.get<double>();
            if ((spec.min && value < *spec.min) || (spec.max && value > *spec.max))
                fail(where, "\"default\" is outside min/max");
        }
    }
    if (j.contains("modes")) spec.modes = readModes(j["modes"], where);
    if (j.contains("required")) {
        const json& required = j["required"];
        if (required.is_boolean()) {
            if (required.get<bool>()) spec.requiredIn = ctx.allModes;
        } else {
            spec.requiredIn = readModes(required, where);
        }
    }
    spec.unsupported = readString(j, "unsupported", where);
    if (j.contains("media")) {
        if (!isMediaType(spec.type)) fail(where, "\"media\" needs type image, video or audio");
        spec.media = parseMedia(j["media"], where + ", media");
    }
    spec.source = readSource(j, ctx.catalog, inheritedSource, where);
    spec.note = readString(j, "note", where);
    spec.help = readString(j, "help", where);
    if (j.contains("items")) {
        if (spec.type != ValueType::Array) fail(where, "\"items\" needs \"type\": \"array\"");
        spec.items = std::make_shared<ParamSpec>(parseSpec(j["items"], "", ctx, spec.source, where + ", items"));
    }
    spec.itemName = readString(j, "itemName", where);
    if (!spec.itemName.empty() && spec.type != ValueType::Array) fail(where, "\"itemName\" needs \"type\": \"array\"");
    if (j.contains("properties")) {
        if (spec.type != ValueType::Object) fail(where, "\"properties\" needs \"type\": \"object\"");
        expectObject(j["properties"], where + ", properties");
        for (const auto& [name, child] : j["properties"].items())
            spec.properties.push_back(parseSpec(child, "/" + name, ctx, spec.source, where + ", property \"" + name + "\""));
    }
    spec.closed = readBool(j, "closed", false, where);
    return spec;
}

// "/providerOptions/klingai/cfgScale" must start with a canonical member; a model's provider
// options must sit in its own namespace (a typo there would make the option unknown).
void checkParamPath(const std::string& path, const std::string& provider, const std::string& where) {
    if (path.size() < 2 || path[0] != '/') fail(where, "param path must be a JSON Pointer like \"/duration\"");
    const size_t end = path.find('/', 1);
    const std::string member = path.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    if (!requestMember(member) || member == "dialectOptions")  // route-only fields have no model params
        fail(where, "\"" + member + "\" is not a canonical request member (`vgen schema` lists them)");
    if (member == "providerOptions" && !provider.empty()) {
        const std::string prefix = "/providerOptions/" + provider + "/";
        if (path.rfind(prefix, 0) != 0) fail(where, "provider options of this model belong under " + prefix);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Loading: templates, models, aliases, dialects
//-----------------------------------------------------------------------------

// A template or model's own params/promote/rules folded into what came before: a param replaces
// an earlier spec for the same path whole (null removes it), a promotion replaces the one for the
// same field, rules accumulate. Layers point into the parsed document rather than copy from it:
// copying every template's specs into every model that uses it was more than half of the load's
// CPU time (in-process, catalog loaded 200 times: 2.5 -> 1.0 ms a load) and a fifth of its fresh pages.
struct Layers {
    std::map<std::string, const json*, std::less<>> params;  // sorted by path, as a json object iterates
    std::vector<const json*> promotions;
    std::vector<const json*> rules;

    void add(const json& layer, const std::string& where) {
        if (auto found = layer.find("params"); found != layer.end()) {
            expectObject(*found, where + ", params");
            for (const auto& [path, spec] : found->items()) {
                if (spec.is_null()) params.erase(path);
                else params.insert_or_assign(path, &spec);
            }
        }
        if (auto found = layer.find("promote"); found != layer.end()) {
            if (!found->is_array()) fail(where, "\"promote\" must be an array");
            for (const json& promotion : *found) {
                expectObject(promotion, where + ", promote");
                auto same = std::find_if(promotions.begin(), promotions.end(), [&](const json* p) {
                    return p->value("field", "") == promotion.value("field", "");
                });
                if (same != promotions.end()) *same = &promotion;
                else promotions.push_back(&promotion);
            }
        }
        if (auto found = layer.find("rules"); found != layer.end()) {
            if (!found->is_array()) fail(where, "\"rules\" must be an array");
            for (const json& rule : *found) rules.push_back(&rule);
        }
    }
};

Promotion parsePromotion(const json& j, const std::string& provider, const std::string& where) {
    checkKeys(j, {"field", "option", "map"}, where);
    Promotion promotion;
    promotion.field = readString(j, "field", where, true);
    promotion.option = readString(j, "option", where, true);
    checkParamPath(promotion.field, provider, where);
    if (promotion.option.rfind("/providerOptions/" + provider + "/", 0) != 0)
        fail(where, "\"option\" must be under /providerOptions/" + provider + "/");
    if (j.contains("map")) {
        for (const json& pair : j["map"]) {
            if (!pair.is_array() || pair.size() != 2) fail(where, "\"map\" entries are [canonical, option] pairs");
            promotion.valueMap.emplace_back(pair[0], pair[1]);
        }
    }
    return promotion;
}

RuleSpec parseRule(const json& j, const Catalog& catalog, const std::string& where) {
    expectObject(j, where);
    RuleSpec rule;
    rule.kind = readString(j, "kind", where, true);
    const std::string ruleWhere = where + " (" + rule.kind + ")";
    rule.source = readSource(j, catalog, "", ruleWhere);
    if (rule.source.empty()) fail(ruleWhere, "every rule needs a \"source\"");
    rule.args = j;
    rule.args.erase("kind");
    rule.args.erase("source");
    // A misspelt argument would otherwise be read as absent and silently change what the rule checks.
    if (const std::string problem = ruleProblem(rule.kind, rule.args); !problem.empty()) fail(ruleWhere, problem);
    return rule;
}

Alias parseAlias(const json& j, const Model& model, const Catalog& catalog, const std::set<std::string>& dialects,
                 const std::string& where) {
    expectObject(j, where);
    checkKeys(j, {"id", "dialects", "modes", "routable", "refusal", "source", "note"}, where);
    Alias alias;
    alias.id = readString(j, "id", where, true);
    const std::string aliasWhere = where + " \"" + alias.id + "\"";
    alias.dialects = readStrings(j, "dialects", aliasWhere);
    for (const std::string& dialect : alias.dialects)
        if (!dialects.count(dialect)) fail(aliasWhere, "unknown dialect \"" + dialect + "\"");
    if (j.contains("modes")) alias.modes = readModes(j["modes"], aliasWhere);
    for (Mode mode : alias.modes)
        if (!model.supports(mode)) fail(aliasWhere, std::string("mode ") + modeName(mode) + " is not one of the model's modes");
    alias.routable = readBool(j, "routable", true, aliasWhere);
    alias.refusal = readString(j, "refusal", aliasWhere);
    if (!alias.routable && alias.refusal.empty()) fail(aliasWhere, "an alias that is not routable needs a \"refusal\"");
    alias.source = readSource(j, catalog, "", aliasWhere);
    if (alias.source.empty()) fail(aliasWhere, "every alias needs a \"source\"");
    return alias;
}

// A spec's modes are narrowed to the model's; a spec only for modes the model lacks (a template's
// "/lastFrame" on a model without flf) is dropped.
bool fitToModel(ParamSpec& spec, const std::vector<Mode>& modelModes) {
    auto outside = [&](Mode mode) { return !contains(modelModes, mode); };
    const bool hadModes = !spec.modes.empty();
    spec.modes.erase(std::remove_if(spec.modes.begin(), spec.modes.end(), outside), spec.modes.end());
    spec.requiredIn.erase(std::remove_if(spec.requiredIn.begin(), spec.requiredIn.end(), outside), spec.requiredIn.end());
    return !(hadModes && spec.modes.empty());
}

Model parseModel(const json& j, const json& templates, Catalog& catalog, const std::set<std::string>& dialects) {
    expectObject(j, "model entry");
    const std::string where = "model \"" + (j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "?") + "\"";
    checkKeys(j, {"id", "provider", "vendor", "name", "family", "version", "modes", "aliases", "use", "params",
                  "promote", "rules", "limitsKnown", "notes"}, where);
    Model model;
    model.id = readString(j, "id", where, true);
    model.provider = readString(j, "provider", where, true);
    model.vendor = readString(j, "vendor", where, true);
    model.name = readString(j, "name", where, true);
    model.family = readString(j, "family", where);
    model.version = readString(j, "version", where);
    if (!j.contains("modes")) fail(where, "missing \"modes\"");
    model.modes = readModes(j["modes"], where);
    if (model.modes.empty()) fail(where, "a model needs at least one mode");
    model.limitsKnown = readBool(j, "limitsKnown", true, where);
    model.notes = readString(j, "notes", where);

    if (j.contains("aliases")) {
        if (!j["aliases"].is_array()) fail(where, "\"aliases\" must be an array");
        for (const json& alias : j["aliases"]) model.aliases.push_back(parseAlias(alias, model, catalog, dialects, where + ", alias"));
    }

    Layers layers;
    for (const std::string& name : readStrings(j, "use", where)) {
        if (!templates.contains(name)) fail(where, "unknown template \"" + name + "\"");
        layers.add(templates[name], where + ", template \"" + name + "\"");
    }
    layers.add(j, where);

    const SpecContext ctx{catalog, model.modes};
    model.params.reserve(layers.params.size());
    for (const auto& [path, specJson] : layers.params) {
        const std::string specWhere = where + ", param \"" + path + "\"";
        checkParamPath(path, model.provider, specWhere);
        ParamSpec spec = parseSpec(*specJson, path, ctx, "", specWhere);
        if (fitToModel(spec, model.modes)) model.params.push_back(std::move(spec));
    }
    for (const json* promotion : layers.promotions)
        model.promotions.push_back(parsePromotion(*promotion, model.provider, where + ", promote"));
    for (const json* rule : layers.rules) model.rules.push_back(parseRule(*rule, catalog, where + ", rule"));
    return model;
}

DialectLimits parseDialect(const std::string& name, const json& j, const Catalog& catalog) {
    const std::string where = "dialect \"" + name + "\"";
    expectObject(j, where);
    checkKeys(j, {"params", "webhookEvents", "note"}, where);
    DialectLimits limits;
    limits.dialect = name;
    limits.webhookEvents = readStrings(j, "webhookEvents", where);
    const SpecContext ctx{catalog, std::vector<Mode>(std::begin(kAllModes), std::end(kAllModes))};
    if (j.contains("params")) {
        expectObject(j["params"], where + ", params");
        for (const auto& [path, spec] : j["params"].items()) {
            const std::string specWhere = where + ", param \"" + path + "\"";
            checkParamPath(path, "", specWhere);
            limits.params.push_back(parseSpec(spec, path, ctx, "", specWhere));
        }
    }
    return limits;
}

void checkTemplates(const json& templates) {
    expectObject(templates, "templates");
    for (const auto& [name, layer] : templates.items()) {
        const std::string where = "template \"" + name + "\"";
        expectObject(layer, where);
        checkKeys(layer, {"params", "promote", "rules", "note"}, where);
    }
}

// Every name resolves to exactly one model.
void checkUniqueNames(const Catalog& catalog) {
    std::map<std::string, std::string> owner;  // name -> canonical id
    for (const Model& model : catalog.models) {
        std::set<std::string> own{model.id};
        for (const Alias& alias : model.aliases) own.insert(alias.id);
        for (const std::string& name : own) {
            auto [it, inserted] = owner.emplace(name, model.id);
            if (!inserted) fail("model \"" + model.id + "\"", "name \"" + name + "\" is also used by \"" + it->second + "\"");
        }
    }
}

}  // namespace

Catalog loadCatalog(const json& data) {
    expectObject(data, "catalog");
    checkKeys(data, {"$comment", "sources", "templates", "dialects", "models"}, "catalog");
    Catalog catalog;
    const json& sources = memberOrNull(data, "sources");
    expectObject(sources, "sources");
    for (const auto& [key, title] : sources.items()) {
        if (!title.is_string()) fail("sources", "\"" + key + "\" must name its document");
        catalog.sources[key] = title.get<std::string>();
    }

    static const json kNoTemplates = json::object();
    const json& templates = data.contains("templates") ? data["templates"] : kNoTemplates;
    checkTemplates(templates);

    std::set<std::string> dialects;
    const json& dialectEntries = memberOrNull(data, "dialects");
    expectObject(dialectEntries, "dialects");
    for (const auto& [name, limits] : dialectEntries.items()) {
        dialects.insert(name);
        catalog.dialectLimits.push_back(parseDialect(name, limits, catalog));
    }

    if (!data.contains("models") || !data["models"].is_array()) fail("catalog", "\"models\" must be an array");
    for (const json& model : data["models"]) catalog.models.push_back(parseModel(model, templates, catalog, dialects));
    checkUniqueNames(catalog);
    return catalog;
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups
//-----------------------------------------------------------------------------

const ParamSpec* Model::param(std::string_view path) const {
    for (const ParamSpec& spec : params)
        if (spec.path == path) return &spec;
    return nullptr;
}

const ParamSpec* DialectLimits::param(std::string_view path) const {
    for (const ParamSpec& spec : params)
        if (spec.path == path) return &spec;
    return nullptr;
}

bool Model::supports(Mode mode) const { return contains(modes, mode); }

const std::string& Catalog::sourceTitle(const std::string& key) const {
    const auto found = sources.find(key);
    return found == sources.end() ? key : found->second;
}

std::string Catalog::namingSources(std::string text) const {
    for (const auto& [key, title] : sources) {
        const std::string quoted = "\"" + title + "\"";
        // The key as written, and capitalized at the start of a sentence ("Seed 004: ...").
        std::string capitalized = key;
        capitalized[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capitalized[0])));
        for (const std::string& spelling : {key, capitalized}) {
            for (size_t at = text.find(spelling); at != std::string::npos; at = text.find(spelling, at + quoted.size()))
                text.replace(at, spelling.size(), quoted);
        }
    }
    return text;
}

const Model* Catalog::byId(std::string_view canonicalId) const {
    for (const Model& model : models)
        if (model.id == canonicalId) return &model;
    return nullptr;
}

AliasMatch Catalog::resolve(std::string_view anyId) const {
    // Aliases first: a canonical id that is also a wire id (xai/grok-imagine-video) should come
    // back with its alias, which says where and in which modes that name is used.
    for (const Model& model : models)
        for (const Alias& alias : model.aliases)
            if (alias.id == anyId) return {&model, &alias};
    if (const Model* model = byId(anyId)) return {model, nullptr};
    return {};
}

std::vector<std::string> Catalog::routableIds(std::string_view dialect) const {
    std::vector<std::string> ids;
    for (const Model& model : models)
        for (const Alias& alias : model.aliases)
            if (alias.routable && (alias.dialects.empty() || std::find(alias.dialects.begin(), alias.dialects.end(),
                                                                       dialect) != alias.dialects.end()))
                ids.push_back(alias.id);
    return ids;
}

std::vector<std::string> Catalog::nearestIds(std::string_view unknownId, size_t count, std::string_view dialect) const {
    std::set<std::string> ids;  // sorted, so equally close ids come out in alphabetical order
    if (!dialect.empty()) {
        for (std::string& id : routableIds(dialect)) ids.insert(std::move(id));
    } else {
        for (const Model& model : models) {
            ids.insert(model.id);
            for (const Alias& alias : model.aliases) ids.insert(alias.id);
        }
    }
    const std::vector<std::string> candidates(ids.begin(), ids.end());
    // Ids so far away that they share almost nothing are not suggestions (more than half the
    // length of what the user typed, and at least 3 edits).
    const size_t maxEdits = std::max<size_t>(3, unknownId.size() / 2);
    std::vector<std::string> out;
    for (size_t index : closestCandidates(unknownId, candidates, count, maxEdits)) out.push_back(candidates[index]);
    return out;
}

const Alias* Catalog::aliasFor(const Model& model, std::string_view dialect, Mode mode) const {
    for (const Alias& alias : model.aliases) {
        if (!alias.routable) continue;
        const bool inDialect = alias.dialects.empty() ||
                               std::find(alias.dialects.begin(), alias.dialects.end(), dialect) != alias.dialects.end();
        const bool inMode = alias.modes.empty() || contains(alias.modes, mode);
        if (inDialect && inMode) return &alias;
    }
    return nullptr;
}

const DialectLimits* Catalog::limitsFor(std::string_view dialect) const {
    for (const DialectLimits& limits : dialectLimits)
        if (limits.dialect == dialect) return &limits;
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] A model's spec on a route with its own limits
//-----------------------------------------------------------------------------

ParamSpec narrowedByRoute(ParamSpec spec, const ParamSpec& route) {
    if (!route.values.empty()) {
        if (spec.values.empty()) {
            spec.values = route.values;
        } else {
            std::vector<json> both;
            for (const json& value : spec.values)
                if (std::find(route.values.begin(), route.values.end(), value) != route.values.end()) both.push_back(value);
            if (!both.empty()) spec.values = std::move(both);
        }
    }
    auto tighter = [](auto& mine, const auto& theirs, bool lower) {
        if (theirs && (!mine || (lower ? *theirs > *mine : *theirs < *mine))) mine = theirs;
    };
    tighter(spec.min, route.min, true);
    tighter(spec.max, route.max, false);
    tighter(spec.minLength, route.minLength, true);
    tighter(spec.maxLength, route.maxLength, false);
    if (!spec.step) spec.step = route.step;
    const auto allowed = [&](const json& value) {
        if (value.is_null()) return false;
        if (!spec.values.empty() && std::find(spec.values.begin(), spec.values.end(), value) == spec.values.end()) return false;
        if (value.is_number()) {
            const double number = value.get<double>();
            if ((spec.min && number < *spec.min) || (spec.max && number > *spec.max)) return false;
        }
        return true;
    };
    if (!allowed(spec.defaultValue)) spec.defaultValue = allowed(route.defaultValue) ? route.defaultValue : json();
    return spec;
}

//-----------------------------------------------------------------------------
// [SECTION] Output: catalogToJson
//-----------------------------------------------------------------------------

namespace {

// Whole numbers print as integers ("max": 10, not 10.0) so the output reads like the data.
json numberJson(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9.0e15) return static_cast<long long>(value);
    return value;
}

json modesJson(const std::vector<Mode>& modes) {
    json out = json::array();
    for (Mode mode : modes) out.push_back(modeName(mode));
    return out;
}

json mediaJson(const MediaRules& media) {
    json out = json::object();
    if (!media.formats.empty()) out["formats"] = media.formats;
    out["url"] = media.urlAllowed;
    out["dataUrl"] = media.dataUrlAllowed;
    out["base64"] = media.rawBase64Allowed;
    if (media.maxBytes) out["maxBytes"] = *media.maxBytes;
    if (media.minSide) out["minSide"] = *media.minSide;
    if (media.minAspect) out["minAspect"] = numberJson(*media.minAspect);
    if (media.maxAspect) out["maxAspect"] = numberJson(*media.maxAspect);
    if (media.minSeconds) out["minSeconds"] = numberJson(*media.minSeconds);
    if (media.maxSeconds) out["maxSeconds"] = numberJson(*media.maxSeconds);
    return out;
}

json specJson(const ParamSpec& spec) {
    json out = json::object();
    out["type"] = valueTypeName(spec.type);
    if (!spec.values.empty()) out["values"] = spec.values;
    if (spec.min) out["min"] = numberJson(*spec.min);
    if (spec.max) out["max"] = numberJson(*spec.max);
    if (spec.step) out["step"] = numberJson(*spec.step);
    const bool isArray = spec.type == ValueType::Array;
    if (spec.minLength) out[isArray ? "minItems" : "minLength"] = *spec.minLength;
    if (spec.maxLength) out[isArray ? "maxItems" : "maxLength"] = *spec.maxLength;
    if (!spec.defaultValue.is_null()) out["default"] = spec.defaultValue;
    if (!spec.modes.empty()) out["modes"] = modesJson(spec.modes);
    if (!spec.requiredIn.empty()) out["required"] = modesJson(spec.requiredIn);
    if (!spec.unsupported.empty()) out["unsupported"] = spec.unsupported;
    if (spec.media) out["media"] = mediaJson(*spec.media);
    if (spec.items) out["items"] = specJson(*spec.items);
    if (!spec.itemName.empty()) out["itemName"] = spec.itemName;
    if (!spec.properties.empty()) {
        json properties = json::object();
        for (const ParamSpec& property : spec.properties) properties[property.path.substr(1)] = specJson(property);
        out["properties"] = properties;
    }
    if (spec.closed) out["closed"] = true;
    if (!spec.source.empty()) out["source"] = spec.source;
    if (!spec.note.empty()) out["note"] = spec.note;
    if (!spec.help.empty()) out["help"] = spec.help;
    return out;
}

json aliasJson(const Alias& alias) {
    json out = json::object();
    out["id"] = alias.id;
    out["dialects"] = alias.dialects;
    out["modes"] = modesJson(alias.modes);
    out["routable"] = alias.routable;
    if (!alias.refusal.empty()) out["refusal"] = alias.refusal;
    out["source"] = alias.source;
    return out;
}

json modelJson(const Model& model) {
    json out = json::object();
    out["id"] = model.id;
    out["provider"] = model.provider;
    out["vendor"] = model.vendor;
    out["name"] = model.name;
    out["family"] = model.family;
    out["version"] = model.version;
    out["modes"] = modesJson(model.modes);
    out["aliases"] = json::array();
    for (const Alias& alias : model.aliases) out["aliases"].push_back(aliasJson(alias));
    out["limitsKnown"] = model.limitsKnown;
    out["notes"] = model.notes;
    out["params"] = json::object();
    for (const ParamSpec& spec : model.params) out["params"][spec.path] = specJson(spec);
    out["promotions"] = json::array();
    for (const Promotion& promotion : model.promotions) {
        json entry = {{"field", promotion.field}, {"option", promotion.option}};
        if (!promotion.valueMap.empty()) {
            entry["map"] = json::array();
            for (const auto& [canonical, option] : promotion.valueMap) entry["map"].push_back({canonical, option});
        }
        out["promotions"].push_back(entry);
    }
    out["rules"] = json::array();
    for (const RuleSpec& rule : model.rules) {
        json entry = rule.args;
        entry["kind"] = rule.kind;
        entry["source"] = rule.source;
        out["rules"].push_back(entry);
    }
    return out;
}

}  // namespace

json catalogToJson(const Catalog& catalog) {
    json out = json::array();
    for (const Model& model : catalog.models) out.push_back(modelJson(model));
    return out;
}

}  // namespace vg
