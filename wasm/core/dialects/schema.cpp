// VideoGen core: JSON Schema generation.
// Every catalog spec of the model is placed where the dialect puts that member (wirePointer) and
// its values are shown as they travel on the wire: the dialect itself is asked to build an
// example with each allowed value, so a schema can never disagree with `vgen build`.
#include "dialects/schema.h"

#include "catalog/example_request.h"
#include "text/json_path.h"
#include "request/rules.h"
#include "text/text_format.h"

#include <algorithm>

namespace vg {

namespace {

const char* jsonSchemaType(ValueType type) {
    switch (type) {
        case ValueType::String:
        case ValueType::Image:
        case ValueType::Video:
        case ValueType::Audio: return "string";
        case ValueType::Integer: return "integer";
        case ValueType::Number: return "number";
        case ValueType::Boolean: return "boolean";
        case ValueType::Array: return "array";
        case ValueType::Object: return "object";
        case ValueType::Any: return nullptr;
    }
    return nullptr;
}

// A spec's note, citing its source document by title (the catalog's key is for the catalog only).
std::string describeSpec(const ParamSpec& spec, const Catalog& catalog) {
    return citing(spec.note, catalog.sourceTitle(spec.source));
}

// A catalog spec as JSON Schema, in canonical terms.
json specSchema(const ParamSpec& spec, const Catalog& catalog) {
    json schema = json::object();
    if (!spec.unsupported.empty()) {
        schema["not"] = json::object();
        schema["description"] = "not supported: " + spec.unsupported;
        return schema;
    }
    if (const char* type = jsonSchemaType(spec.type)) schema["type"] = type;
    if (!spec.values.empty()) schema["enum"] = spec.values;
    if (spec.min) schema["minimum"] = *spec.min;
    if (spec.max) schema["maximum"] = *spec.max;
    if (spec.step && (!spec.min || *spec.min == 0)) schema["multipleOf"] = *spec.step;
    if (spec.type == ValueType::Array) {
        if (spec.minLength) schema["minItems"] = *spec.minLength;
        if (spec.maxLength) schema["maxItems"] = *spec.maxLength;
        if (spec.items) schema["items"] = specSchema(*spec.items, catalog);
    } else {
        if (spec.minLength) schema["minLength"] = *spec.minLength;
        if (spec.maxLength) schema["maxLength"] = *spec.maxLength;
    }
    if (spec.type == ValueType::Object && !spec.properties.empty()) {
        json properties = json::object();
        for (const ParamSpec& property : spec.properties) properties[pointerLeaf(property.path)] = specSchema(property, catalog);
        schema["properties"] = properties;
        if (spec.closed) schema["additionalProperties"] = false;
    }
    if (spec.media && (!spec.media->urlAllowed || !spec.media->dataUrlAllowed)) {
        if (!spec.media->urlAllowed) schema["not"] = {{"pattern", "^https?://"}};
        else if (!spec.media->dataUrlAllowed && !spec.media->rawBase64Allowed) schema["pattern"] = "^https?://";
        else if (!spec.media->dataUrlAllowed) schema["not"] = {{"pattern", "^data:"}};
    }
    if (!spec.defaultValue.is_null()) schema["default"] = spec.defaultValue;
    std::string description = describeSpec(spec, catalog);
    if (!description.empty()) schema["description"] = description;
    return schema;
}

// The value `dialect` puts on the wire for one canonical value of `spec` (seconds 8 -> "8"), in a
// request with `aspectRatio` when it is not null.
std::optional<json> wireValue(Dialect dialect, const Model& model, Mode mode, const ParamSpec& spec,
                              const std::string& wire, const json& canonicalValue, const json& aspectRatio,
                              const Catalog& catalog) {
    Request probe = exampleRequest(model, mode);
    if (!aspectRatio.is_null()) probe.body["aspectRatio"] = aspectRatio;
    json::json_pointer pointer(spec.path);
    probe.body[pointer] = canonicalValue;
    BuildOutcome built = buildRequest(dialect, probe, catalog);
    if (!built.http) return std::nullopt;
    const json* value = findAt(built.http->body, wire);
    if (!value) return std::nullopt;
    return *value;
}

// Rewrites a canonical spec schema into wire terms when the dialect transforms the value.
json wireSchema(Dialect dialect, const Model& model, Mode mode, const ParamSpec& spec, const std::string& wire,
                const Catalog& catalog) {
    json schema = specSchema(spec, catalog);
    if (!spec.unsupported.empty()) return schema;
    json sample = exampleValue(spec);
    if (sample.is_null()) return schema;
    std::optional<json> onWire = wireValue(dialect, model, mode, spec, wire, sample, nullptr, catalog);
    if (!onWire || *onWire == sample) return schema;
    // The dialect changes the value: describe what it sends instead. What it sends may follow the
    // aspect ratio (the AI SDK's resolution is a size: 720p is 1280x720 at 16:9, 720x1280 at 9:16), so
    // each value is built beside every aspect ratio the model offers, as well as the default one.
    std::vector<json> ratios{nullptr};
    if (const ParamSpec* aspect = model.param("/aspectRatio"); aspect && spec.path != "/aspectRatio")
        ratios.insert(ratios.end(), aspect->values.begin(), aspect->values.end());
    json mapped = json::array();
    for (const json& value : spec.values) {
        for (const json& ratio : ratios) {
            std::optional<json> converted = wireValue(dialect, model, mode, spec, wire, value, ratio, catalog);
            if (converted && std::find(mapped.begin(), mapped.end(), *converted) == mapped.end()) mapped.push_back(*converted);
        }
    }
    json rewritten = json::object();
    if (onWire->is_string()) rewritten["type"] = "string";
    else if (onWire->is_boolean()) rewritten["type"] = "boolean";
    else if (onWire->is_number()) rewritten["type"] = "number";
    else if (onWire->is_object()) rewritten["type"] = "object";
    if (!mapped.empty()) rewritten["enum"] = mapped;
    rewritten["description"] = "canonical " + pointerLeaf(spec.path) + " as this dialect sends it. " +
                               schema.value("description", std::string());
    return rewritten;
}

// Places `schema` at `wire` in a tree of object schemas, creating the objects on the way. When a
// member is both a value and an object (AI SDK prompt: string, or {text, image}) it becomes anyOf.
void place(json& root, const std::string& wire, const json& schema, bool required) {
    std::vector<std::string> tokens = pointerTokens(wire);
    json* node = &root;
    for (size_t i = 0; i < tokens.size(); ++i) {
        json& properties = (*node)["properties"];
        if (!properties.is_object()) properties = json::object();
        json& child = properties[tokens[i]];
        if (i + 1 == tokens.size()) {
            if (child.contains("properties")) child["anyOf"] = json::array({schema, {{"type", "object"}}});
            else child.update(schema);
        } else if (child.is_null() || !child.contains("properties")) {
            json leaf = child;
            child = {{"type", "object"}, {"properties", json::object()}};
            if (!leaf.is_null() && !leaf.empty()) {
                child.erase("type");
                child["anyOf"] = json::array({leaf, {{"type", "object"}}});
            }
        }
        if (required && i == 0) {
            json& list = root["required"];
            if (!list.is_array()) list = json::array();
            if (std::find(list.begin(), list.end(), tokens[0]) == list.end()) list.push_back(tokens[0]);
        }
        node = &child;
    }
}

// Media inputs are mode-dependent and may travel under several names (unified input_image or
// input_image_b64), so only plain members become "required".
bool requiredEverywhere(const ParamSpec& spec, const Model& model) {
    if (spec.requiredIn.empty() || spec.type == ValueType::Image || spec.type == ValueType::Video ||
        spec.type == ValueType::Audio)
        return false;
    for (Mode mode : model.modes)
        if (std::find(spec.requiredIn.begin(), spec.requiredIn.end(), mode) == spec.requiredIn.end()) return false;
    return true;
}

// The mode in which a member is probed: one that uses it, so the dialect builds it.
Mode probeModeFor(const Model& model, const ParamSpec& spec) {
    std::vector<Mode> candidates = spec.modes;
    if (spec.path == "/image") candidates.insert(candidates.begin(), {Mode::I2V, Mode::FLF});
    if (spec.path == "/lastFrame") candidates.insert(candidates.begin(), Mode::FLF);
    if (spec.path == "/video") candidates.insert(candidates.begin(), Mode::V2V);
    if (spec.path == "/references") candidates.insert(candidates.begin(), Mode::R2V);
    for (Mode mode : candidates)
        if (model.supports(mode)) return mode;
    return model.modes.empty() ? Mode::T2V : model.modes.front();
}

// A prompt the dialect sends as {text, image} with an image is a plain string without one.
void allowPlainPrompt(json& schema) {
    json& prompt = schema["properties"]["prompt"];
    if (!prompt.is_object() || !prompt.contains("properties") || !prompt["properties"].contains("text")) return;
    json text = prompt["properties"]["text"];
    json object = prompt;
    prompt = {{"anyOf", json::array({text, object})}};
}

}  // namespace

json schemaFor(Dialect dialect, const Model& model, const Catalog& catalog) {
    const std::string dialectLabel = dialectName(dialect);
    json schema = {
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"$id", "urn:videogen:schema:" + dialectLabel + ":" + model.id},
        {"title", model.name + " request, " + dialectLabel + " dialect"},
        {"type", "object"},
        {"properties", json::object()},
    };

    // The model id: every routable alias this dialect knows.
    json ids = json::array();
    for (const Alias& alias : model.aliases) {
        bool inDialect = alias.dialects.empty() ||
                         std::find(alias.dialects.begin(), alias.dialects.end(), dialectLabel) != alias.dialects.end();
        if (inDialect && alias.routable) ids.push_back(alias.id);
    }
    const std::string modelWire = wirePointer(dialect, model, "/model");
    if (!modelWire.empty() && !ids.empty()) place(schema, modelWire, {{"enum", ids}}, true);

    std::vector<std::string> notes;
    for (const ParamSpec& spec : model.params) {
        const std::string wire = wirePointer(dialect, model, spec.path);
        if (wire.empty()) {
            notes.push_back(pointerLeaf(spec.path) + " cannot be sent in this dialect");
            continue;
        }
        place(schema, wire, wireSchema(dialect, model, probeModeFor(model, spec), spec, wire, catalog),
              requiredEverywhere(spec, model));
    }
    if (const DialectLimits* limits = catalog.limitsFor(dialectLabel)) {
        for (const ParamSpec& spec : limits->params) {
            const std::string wire = wirePointer(dialect, model, spec.path);
            if (wire.empty()) continue;
            // The route's own limit applies on top of the model's: both must hold.
            json& properties = schema["properties"];
            std::vector<std::string> tokens = pointerTokens(wire);
            json routeLimit = wireSchema(dialect, model, probeModeFor(model, spec), spec, wire, catalog);
            if (tokens.size() == 1 && properties.contains(tokens[0])) {
                json both = {{"allOf", json::array({properties[tokens[0]], routeLimit})}};
                properties[tokens[0]] = both;
            } else {
                place(schema, wire, routeLimit, !spec.requiredIn.empty());
            }
        }
    }

    allowPlainPrompt(schema);

    std::vector<std::string> modes;
    for (Mode mode : model.modes) modes.push_back(modeName(mode));
    std::string description = model.name + " (" + model.vendor + "), modes " + joinWords(modes, ", ") + ". ";
    if (modelWire.empty()) description += "The model id travels in the ai-model-id header, not the body. ";
    if (!model.limitsKnown) description += "The source documents list this model without its limits. ";
    description +=
        "Checked by `vgen validate` but not expressible here: the inputs each mode requires (mode is inferred from "
        "the inputs present); media headers of inline images and videos (format, byte size, dimensions, aspect "
        "ratio, duration)";
    for (const RuleSpec& rule : model.rules) description += "; " + citing(describeRule(rule), catalog.sourceTitle(rule.source));
    if (!notes.empty()) description += ". Not sendable in this dialect: " + joinWords(notes, "; ");
    description += ".";
    schema["description"] = description;
    return schema;
}

}  // namespace vg
