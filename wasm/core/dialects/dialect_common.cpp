// VideoGen core: the engine that parses and builds every dialect from its DialectSpec.
// Nothing here throws on user input: every read of the input goes through findAt() or checks the
// type first, and messages render values through describeTypedValue().
//
// Index
// [SECTION] Small helpers
// [SECTION] Canonical member shapes
// [SECTION] Media values
// [SECTION] Codecs: parse
// [SECTION] Codecs: build
// [SECTION] Provider options and promotions
// [SECTION] Parse
// [SECTION] Build
// [SECTION] wirePointer
#include "dialects/dialect_common.h"
#include "dialects/dialect_wire.h"

#include "dialects/sdk_forms.h"
#include "media/media.h"
#include "text/json_input.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>

namespace vg {

const std::vector<SizeRow> kOpenAiSizes = {
    {"1280x720", "720p", "16:9"},   {"720x1280", "720p", "9:16"},
    {"854x480", "480p", "16:9"},    {"480x854", "480p", "9:16"},
    {"1792x1024", "1024p", "16:9"}, {"1024x1792", "1024p", "9:16"},
    {"1920x1080", "1080p", "16:9"}, {"1080x1920", "1080p", "9:16"},
};

//-----------------------------------------------------------------------------
// [SECTION] Small helpers
//-----------------------------------------------------------------------------

namespace {

std::string firstToken(std::string_view pointer) {
    auto tokens = pointerTokens(pointer);
    return tokens.empty() ? std::string() : tokens.front();
}

// "/prompt/image" -> "prompt.image": how a wire field is named in messages.
std::string fieldName(std::string_view wirePointer) {
    std::string out(wirePointer.substr(wirePointer.empty() ? 0 : 1));
    std::replace(out.begin(), out.end(), '/', '.');
    return out;
}


std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

void addOnce(Diagnostics& diagnostics, Diagnostic diagnostic) {
    for (const Diagnostic& d : diagnostics)
        if (d.path == diagnostic.path && d.code == diagnostic.code) return;
    diagnostics.push_back(std::move(diagnostic));
}

bool isNumericText(const std::string& text) {
    if (text.empty()) return false;
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && !std::isspace(static_cast<unsigned char>(text.front()));
}

}  // namespace

bool aliasServes(const Alias& alias, std::string_view dialect) {
    return alias.dialects.empty() ||
           std::find(alias.dialects.begin(), alias.dialects.end(), dialect) != alias.dialects.end();
}

std::optional<json> secondsOfText(const std::string& text) {
    if (!isNumericText(text)) return std::nullopt;
    // parseJsonInput, not json::parse: the same values (json_scan.h gives nlohmann's number types),
    // and json::parse would link two more instantiations of nlohmann's parser for this one call
    // (36 KB of the playground's wasm).
    JsonInput number = parseJsonInput(text);
    if (number.error || !number.value.is_number()) return std::nullopt;
    return std::move(number.value);
}

bool isEnvelope(const json& input) {
    return input.is_object() && input.contains("body") && (input.contains("path") || input.contains("method"));
}


std::string describeTypedValue(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::boolean: return std::string("boolean ") + (value.get<bool>() ? "true" : "false");
        case json::value_t::string: return "string " + quotedExcerpt(value.get_ref<const std::string&>());
        default: return "number " + value.dump(-1, ' ', false, json::error_handler_t::replace);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Canonical member shapes
//-----------------------------------------------------------------------------

namespace {

enum class Shape { Any, String, Number, Integer, Boolean, StringArray, Array, Object };

struct MemberShape {
    const char* pointer;
    Shape shape;
};

// The JSON type of each canonical member (request.h); parse checks wire values against these.
const MemberShape kCanonicalShapes[] = {
    {"/prompt", Shape::String},        {"/image", Shape::String},        {"/lastFrame", Shape::String},
    {"/video", Shape::String},         {"/duration", Shape::Number},     {"/resolution", Shape::String},
    {"/aspectRatio", Shape::String},   {"/fps", Shape::Integer},         {"/n", Shape::Integer},
    {"/seed", Shape::Integer},         {"/audio", Shape::Boolean},       {"/negativePrompt", Shape::String},
    {"/quality", Shape::String},       {"/webhook/url", Shape::String},  {"/webhook/events", Shape::StringArray},
    {"/references", Shape::Array},
};

Shape shapeOf(std::string_view canonical) {
    for (const MemberShape& member : kCanonicalShapes)
        if (canonical == member.pointer) return member.shape;
    return Shape::Any;
}

const char* shapeTitle(Shape shape) {
    switch (shape) {
        case Shape::String: return "a string";
        case Shape::Number: return "a number";
        case Shape::Integer: return "a whole number";
        case Shape::Boolean: return "a boolean";
        case Shape::StringArray: return "an array of strings";
        case Shape::Array: return "an array";
        case Shape::Object: return "an object";
        case Shape::Any: break;
    }
    return "a value";
}

bool fitsShape(const json& value, Shape shape) {
    switch (shape) {
        case Shape::Any: return true;
        case Shape::String: return value.is_string();
        case Shape::Number: return value.is_number();
        case Shape::Integer:
            return value.is_number_integer() ||
                   (value.is_number_float() && std::isfinite(value.get<double>()) &&
                    std::floor(value.get<double>()) == value.get<double>());
        case Shape::Boolean: return value.is_boolean();
        case Shape::StringArray:
            return value.is_array() && std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
        case Shape::Array: return value.is_array();
        case Shape::Object: return value.is_object();
    }
    return false;
}

}  // namespace

bool fitsCanonicalShape(std::string_view canonical, const json& value) { return fitsShape(value, shapeOf(canonical)); }

const char* frameTypeOf(Codec codec) {
    if (codec == Codec::FirstFrameImage) return "first_frame";
    if (codec == Codec::LastFrameImage) return "last_frame";
    return nullptr;
}

bool plainFitsShape(std::string_view canonical, const PlainValue& value) {
    switch (shapeOf(canonical)) {
        case Shape::Any: return true;
        case Shape::String: return value.isString();
        case Shape::Number: return value.isNumber();
        case Shape::Integer: return value.isWhole();
        case Shape::Boolean: return value.kind == PlainValue::Kind::Boolean;
        case Shape::StringArray:
        case Shape::Array:
        case Shape::Object: return false;
    }
    return false;
}

namespace {

// How to fix a value of the wrong type, when the fix is obvious ("5" for a number).
std::string fixHint(const json& value, Shape shape) {
    if ((shape == Shape::Number || shape == Shape::Integer) && value.is_string() &&
        isNumericText(value.get<std::string>()))
        return ": write " + excerpt(value.get_ref<const std::string&>()) + " without quotes";
    if (shape == Shape::Boolean && value.is_string() &&
        (value.get<std::string>() == "true" || value.get<std::string>() == "false"))
        return ": write " + excerpt(value.get_ref<const std::string&>()) + " without quotes";
    if (shape == Shape::String && (value.is_number() || value.is_boolean()))
        return ": write \"" + value.dump() + "\" in quotes";
    if (shape == Shape::StringArray && value.is_string())
        return ": write [" + quotedExcerpt(value.get_ref<const std::string&>()) + "]";
    return "";
}

Diagnostic typeError(const std::string& inputPointer, const std::string& wire, const char* expected,
                     const json& value, const std::string& hint) {
    return makeError(inputPointer, Code::WrongType,
                     fieldName(wire) + " must be " + expected + ", got " + describeTypedValue(value) + hint);
}

//-----------------------------------------------------------------------------
// [SECTION] Media values
//-----------------------------------------------------------------------------

struct MimeFormat {
    const char* format;  // media.h's probe format
    const char* mime;
};
const MimeFormat kMimeFormats[] = {
    {"png", "image/png"},  {"jpeg", "image/jpeg"},     {"webp", "image/webp"}, {"gif", "image/gif"},
    {"mp4", "video/mp4"},  {"mov", "video/quicktime"}, {"webm", "video/webm"}, {"mp3", "audio/mpeg"},
    {"wav", "audio/wav"},
};

// The media type of a value: a data URL's own, else sniffed from the bytes or the URL's extension;
// "image/png" when unknown, as the AI SDK does (ai 7.0.185 detectFileMediaType).
std::string mediaTypeOf(const std::string& value, const char* fallback = "image/png") {
    MediaInfo info = probeMediaValue(value);
    if (!info.declaredMime.empty()) return info.declaredMime;
    const std::string& format = info.format.empty() ? info.urlExtension : info.format;
    for (const MimeFormat& row : kMimeFormats)
        if (format == row.format || (format == "jpg" && std::string_view(row.format) == "jpeg")) return row.mime;
    return fallback;
}

bool isUrl(const std::string& value) { return std::string_view(value).starts_with("http://") || std::string_view(value).starts_with("https://"); }
bool isDataUrl(const std::string& value) { return std::string_view(value).starts_with("data:"); }

// The AI SDK's file object for a media string (what @ai-sdk/gateway 4.0.158 posts).
json fileObjectFor(const std::string& value, const char* fallbackMime = "image/png") {
    if (isUrl(value)) return json{{"type", "url"}, {"url", value}};
    if (isDataUrl(value)) {
        size_t comma = value.find(',');
        std::string payload = comma == std::string::npos ? std::string() : value.substr(comma + 1);
        return json{{"type", "file"}, {"mediaType", mediaTypeOf(value, fallbackMime)}, {"data", std::move(payload)}};
    }
    return json{{"type", "file"}, {"mediaType", mediaTypeOf(value, fallbackMime)}, {"data", value}};
}

// The characters of a string the parse consumes: moved out of the input, which keeps an empty
// string (the member and its type stay for the checks that follow, which read no media).
std::string takeString(json& value) { return std::move(value.get_ref<std::string&>()); }

// The media string of a file object: its URL, or its base64 data (raw: the wire keeps no prefix).
std::optional<std::string> mediaFromFileObject(json& file) {
    if (!file.is_object()) return std::nullopt;
    const json* type = findAt(std::as_const(file), "/type");
    if (!type || !type->is_string()) return std::nullopt;
    const char* key = type->get<std::string>() == "url" ? "/url" : type->get<std::string>() == "file" ? "/data" : nullptr;
    json* value = key ? findAt(file, key) : nullptr;
    if (!value || !value->is_string()) return std::nullopt;
    return takeString(*value);
}

constexpr const char* kFileObjectShape =
    "an AI SDK file object {\"type\":\"url\",\"url\":...} or {\"type\":\"file\",\"mediaType\":...,\"data\":<base64>}";

//-----------------------------------------------------------------------------
// [SECTION] Codecs: parse
//-----------------------------------------------------------------------------

struct ParseContext {
    const DialectSpec& spec;
    json& body;  // the input's body: its media strings move into the request
    std::string prefix;  // "/body" for an envelope, "" for a bare body
    const Model* model;  // null when the id is unknown
    Request& request;
    Diagnostics& diagnostics;

    std::string at(const std::string& wire) const { return prefix + wire; }
};

// A media value: a string, or a file object on the gateway wire.
std::optional<std::string> readMedia(ParseContext& ctx, json& value, const std::string& wire,
                                     const std::string& inputPointer) {
    if (ctx.spec.mediaAsFileObjects) {
        if (auto media = mediaFromFileObject(value)) return media;
        addOnce(ctx.diagnostics, typeError(inputPointer, wire, kFileObjectShape, value, ""));
        return std::nullopt;
    }
    if (value.is_string()) return takeString(value);
    addOnce(ctx.diagnostics, typeError(inputPointer, wire, "a string (URL, data URL or base64)", value, ""));
    return std::nullopt;
}

std::optional<json> parseFrameImage(ParseContext& ctx, json& value, const FieldMap& row, const char* frameType) {
    if (!value.is_array()) {
        addOnce(ctx.diagnostics, typeError(ctx.at(row.wire), row.wire, "an array of {image, frameType}", value, ""));
        return std::nullopt;
    }
    for (size_t i = 0; i < value.size(); ++i) {
        const json* type = findAt(std::as_const(value[i]), "/frameType");
        json* image = findAt(value[i], "/image");
        if (!type || !type->is_string() || type->get<std::string>() != frameType) continue;
        const std::string item = std::string(row.wire) + "/" + std::to_string(i);
        const std::string wire = item + "/image";
        if (!image) {  // reported at the frame the person wrote, which lacks it
            addOnce(ctx.diagnostics, makeError(ctx.at(item), Code::MissingField,
                                               "the " + std::string(frameType) + " entry (" + fieldName(row.wire) + " item " +
                                                   std::to_string(i + 1) + ") needs image: add the frame's image"));
            return std::nullopt;
        }
        if (auto media = readMedia(ctx, *image, wire, ctx.at(wire))) return json(std::move(*media));
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<json> parseReferences(ParseContext& ctx, json& value, const FieldMap& row) {
    if (!value.is_array()) {
        addOnce(ctx.diagnostics, typeError(ctx.at(row.wire), row.wire, "an array", value, ""));
        return std::nullopt;
    }
    json out = json::array();
    for (size_t i = 0; i < value.size(); ++i) {
        json& item = value[i];
        const std::string wire = std::string(row.wire) + "/" + std::to_string(i);
        std::optional<std::string> media;
        std::string mediaType;
        if (ctx.spec.mediaAsFileObjects) {
            media = readMedia(ctx, item, wire, ctx.at(wire));
            if (const json* mt = findAt(item, "/mediaType"); mt && mt->is_string()) mediaType = mt->get<std::string>();
        } else if (item.is_string()) {
            media = takeString(item);
        } else if (json* data = findAt(item, "/data"); data && data->is_string()) {
            media = takeString(*data);
            if (const json* mt = findAt(item, "/mediaType"); mt && mt->is_string()) mediaType = mt->get<std::string>();
        } else {
            addOnce(ctx.diagnostics, typeError(ctx.at(wire), wire, "a string or {data, mediaType}", item, ""));
        }
        if (!media) continue;
        out.push_back(json{{"url", *media}, {"type", std::string_view(mediaType).starts_with("video/") ? "video" : "image"}});
    }
    return out;
}

}  // namespace

SizeReading readOpenAiSize(const Model* model, std::string_view size) {
    const ParamSpec* resolution = model ? model->param("/resolution") : nullptr;
    const bool literal = resolution && std::any_of(resolution->values.begin(), resolution->values.end(), [&](const json& v) {
                             return v.is_string() && v.get_ref<const std::string&>() == size;
                         });
    auto known = std::find_if(kOpenAiSizes.begin(), kOpenAiSizes.end(), [&](const SizeRow& r) { return size == r.size; });
    if (literal || known == kOpenAiSizes.end()) return {std::string(size), nullptr};
    return {known->resolution, known->aspectRatio};
}

namespace {

// An OpenAI size ("1280x720"): literal when the model lists it as a resolution of its own, else the
// resolution and aspect ratio of the table's row.
void parseSize(ParseContext& ctx, const json& value, const FieldMap& row) {
    if (!value.is_string()) {
        addOnce(ctx.diagnostics, typeError(ctx.at(row.wire), row.wire, "a string \"WIDTHxHEIGHT\"", value, ""));
        return;
    }
    json& body = ctx.request.body;
    const SizeReading reading = readOpenAiSize(ctx.model, value.get_ref<const std::string&>());
    body["resolution"] = reading.resolution;
    if (reading.aspectRatio) {
        body["aspectRatio"] = reading.aspectRatio;
        ctx.request.origin.record("/aspectRatio", ctx.at("/size"));
    }
    ctx.request.origin.record("/resolution", ctx.at("/size"));
}

// The canonical value of `row`'s wire value, or nullopt (a diagnostic says why).
std::optional<json> decodeRow(ParseContext& ctx, json& value, const FieldMap& row) {
    const Shape shape = shapeOf(row.canonical);
    switch (row.codec) {
        case Codec::Value:
        case Codec::SdkResolution:  // read as written; mapSdkForms turns it into the model's own
            if (fitsShape(value, shape)) return value;
            addOnce(ctx.diagnostics, typeError(ctx.at(row.wire), row.wire, shapeTitle(shape), value, fixHint(value, shape)));
            return std::nullopt;
        case Codec::Media:
            if (auto media = readMedia(ctx, value, row.wire, ctx.at(row.wire))) return json(std::move(*media));
            return std::nullopt;
        case Codec::UrlOrDataUrl:
        case Codec::RawBase64:
            if (value.is_string()) return json(takeString(value));
            addOnce(ctx.diagnostics, typeError(ctx.at(row.wire), row.wire, "a string", value, ""));
            return std::nullopt;
        case Codec::SecondsString: {
            if (value.is_string())
                if (std::optional<json> seconds = secondsOfText(value.get_ref<const std::string&>())) return seconds;
            std::string hint = value.is_number() ? ": write \"" + value.dump() + "\" in quotes" : "";
            addOnce(ctx.diagnostics, typeError(ctx.at(row.wire), row.wire, "a string of seconds such as \"8\"", value, hint));
            return std::nullopt;
        }
        case Codec::LastFrameImage:
        case Codec::FirstFrameImage: return parseFrameImage(ctx, value, row, frameTypeOf(row.codec));
        case Codec::References: return parseReferences(ctx, value, row);
        case Codec::Size: break;  // parseSize: it writes two members
    }
    return std::nullopt;
}

// Reads `row` from the body into the canonical request; false when the row's field is absent.
bool parseRow(ParseContext& ctx, const FieldMap& row, const std::vector<FieldMap>& rows) {
    json* value = findAt(ctx.body, row.wire);
    if (!value) return false;
    // A container another row reads inside (prompt {text,image}) is not this row's value.
    if (value->is_object() &&
        std::any_of(rows.begin(), rows.end(), [&](const FieldMap& other) {
            return std::string_view(other.wire).starts_with(std::string(row.wire) + "/");
        }))
        return false;

    json& body = ctx.request.body;
    const json::json_pointer canonical(row.canonical);
    if (row.codec == Codec::Size) {
        if (!body.contains(canonical)) parseSize(ctx, *value, row);
        return true;
    }
    if (body.contains(canonical)) {
        // The same value twice changes nothing (the AI SDK sends a first frame both as image and in
        // frameImages): only a different one is worth a warning, and it is never read.
        const size_t known = ctx.diagnostics.size();
        const std::optional<json> again = decodeRow(ctx, *value, row);
        ctx.diagnostics.resize(known);
        if (again && *again == body[canonical]) return true;
        ctx.diagnostics.push_back(makeWarning(ctx.at(row.wire), Code::DuplicateField,
                                              fieldName(row.wire) + " repeats " + fieldName(row.canonical) +
                                                  ", already given at " +
                                                  ctx.request.origin.inputPointer(row.canonical) +
                                                  ": the first one is used"));
        return true;
    }
    if (std::optional<json> decoded = decodeRow(ctx, *value, row)) {
        body[canonical] = std::move(*decoded);
        ctx.request.origin.record(row.canonical, ctx.at(row.wire));
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Codecs: build
//-----------------------------------------------------------------------------

struct BuildContext {
    const DialectSpec& spec;
    const Request& request;
    const Model& model;
    const Catalog& catalog;
    Mode mode;
    json out = json::object();
    std::set<std::string> consumed;  // canonical pointers placed in the wire body
    Diagnostics diagnostics;
};

std::string carriersOf(const BuildContext& ctx, const std::string& canonical);

Diagnostic notExpressible(const BuildContext& ctx, const std::string& canonical, const std::string& why) {
    std::string carriers = carriersOf(ctx, canonical);
    return makeError(canonical, Code::NotExpressible,
                     std::string(dialectName(ctx.spec.dialect)) + " cannot carry " + fieldName(canonical) + ": " + why +
                         (carriers.empty() ? "" : "; use " + carriers));
}

json encodeMedia(const BuildContext& ctx, const std::string& value, const char* fallbackMime = "image/png") {
    return ctx.spec.mediaAsFileObjects ? fileObjectFor(value, fallbackMime) : json(value);
}

void setWire(json& out, const char* wire, json value) { out[json::json_pointer(wire)] = std::move(value); }

std::optional<json> defaultOf(const Model& model, const char* pointer) {
    const ParamSpec* spec = model.param(pointer);
    if (spec && !spec->defaultValue.is_null()) return spec->defaultValue;
    return std::nullopt;
}

// OpenAI size from resolution + aspect ratio; a missing half comes from the model's default.
void buildSize(BuildContext& ctx) {
    const json& body = ctx.request.body;
    ctx.consumed.insert("/resolution");
    ctx.consumed.insert("/aspectRatio");
    std::optional<json> resolution = body.contains("resolution") ? body["resolution"] : defaultOf(ctx.model, "/resolution");
    std::optional<json> aspect = body.contains("aspectRatio") ? body["aspectRatio"] : defaultOf(ctx.model, "/aspectRatio");
    if (!resolution || !resolution->is_string()) {
        ctx.diagnostics.push_back(notExpressible(ctx, "/aspectRatio", "its size names a resolution too, and the request and the model give none"));
        return;
    }
    const std::string res = resolution->get<std::string>();
    const std::string ratio = aspect && aspect->is_string() ? aspect->get<std::string>() : "";
    const bool ratioGiven = body.contains("aspectRatio");
    for (const SizeRow& row : kOpenAiSizes) {
        const bool literal = res == row.size && (!ratioGiven || ratio == row.aspectRatio);
        if (literal || (res == row.resolution && ratio == row.aspectRatio)) {
            setWire(ctx.out, "/size", row.size);
            return;
        }
    }
    if (res.find('x') != std::string::npos && !ratioGiven) {  // a WIDTHxHEIGHT the table does not list
        setWire(ctx.out, "/size", res);
        return;
    }
    std::vector<std::string> sizes;
    for (const SizeRow& row : kOpenAiSizes)
        sizes.push_back(std::string(row.size) + " (" + row.resolution + " " + row.aspectRatio + ")");
    ctx.diagnostics.push_back(notExpressible(ctx, "/resolution",
                                             "resolution " + res + (ratio.empty() ? "" : " at " + ratio) +
                                                 " has no size; sizes are " + joinNames(sizes)));
}

bool buildReferences(BuildContext& ctx, const FieldMap& row, const json& references) {
    json out = json::array();
    for (size_t i = 0; i < references.size(); ++i) {
        const json& item = references[i];
        const json* url = findAt(item, "/url");
        const std::string pointer = "/references/" + std::to_string(i);
        if (!url || !url->is_string()) {
            ctx.diagnostics.push_back(makeError(pointer, Code::InvalidValue, "references[" + std::to_string(i) + "] needs a url string"));
            return false;
        }
        if (findAt(item, "/tag")) {
            ctx.diagnostics.push_back(notExpressible(ctx, pointer + "/tag", "the AI SDK's inputReferences have no tags (name the character in the prompt instead)"));
            return false;
        }
        const json* type = findAt(item, "/type");
        const bool video = type && type->is_string() && type->get<std::string>() == "video";
        const std::string& media = url->get_ref<const std::string&>();
        if (ctx.spec.mediaAsFileObjects) {
            json file = fileObjectFor(media, video ? "video/mp4" : "image/png");
            if (video) file["mediaType"] = mediaTypeOf(media, "video/mp4");
            out.push_back(std::move(file));
        } else if (video) {
            out.push_back(json{{"data", media}, {"mediaType", mediaTypeOf(media, "video/mp4")}});
        } else {
            out.push_back(media);
        }
    }
    setWire(ctx.out, row.wire, std::move(out));
    return true;
}

// Writes `row` when it accepts the member's value; false to let a later row of the member try.
bool buildRow(BuildContext& ctx, const FieldMap& row, const json& value) {
    switch (row.codec) {
        case Codec::Value: setWire(ctx.out, row.wire, value); return true;
        case Codec::Media:
            if (!value.is_string()) return false;
            setWire(ctx.out, row.wire, encodeMedia(ctx, value.get_ref<const std::string&>()));
            return true;
        case Codec::RawBase64:
            if (!value.is_string() || isUrl(value.get_ref<const std::string&>()) ||
                isDataUrl(value.get_ref<const std::string&>()))
                return false;
            setWire(ctx.out, row.wire, value);
            return true;
        case Codec::UrlOrDataUrl: {
            if (!value.is_string()) return false;
            const std::string& media = value.get_ref<const std::string&>();
            if (isUrl(media) || isDataUrl(media)) {
                setWire(ctx.out, row.wire, value);
                return true;
            }
            std::string dataUrl = "data:" + mediaTypeOf(media) + ";base64,";
            dataUrl.reserve(dataUrl.size() + media.size());  // a 10 MB image is copied once, not three times
            setWire(ctx.out, row.wire, std::move(dataUrl.append(media)));
            return true;
        }
        case Codec::SecondsString:
            if (!value.is_number()) return false;
            setWire(ctx.out, row.wire, value.dump());
            return true;
        case Codec::LastFrameImage: {
            if (!value.is_string()) return false;
            json& frames = ctx.out[json::json_pointer(row.wire)];
            if (!frames.is_array()) frames = json::array();
            frames.push_back(json{{"image", encodeMedia(ctx, value.get_ref<const std::string&>())},
                                  {"frameType", frameTypeOf(Codec::LastFrameImage)}});
            return true;
        }
        case Codec::FirstFrameImage: return false;
        case Codec::References:
            if (!value.is_array()) return false;
            buildReferences(ctx, row, value);
            return true;
        case Codec::Size: buildSize(ctx); return true;
        case Codec::SdkResolution: setWire(ctx.out, row.wire, sdkResolution(value, ctx.request.body, ctx.model)); return true;
    }
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Provider options and promotions
//-----------------------------------------------------------------------------

struct OptionRef {
    std::string ns, name, rest;  // "/providerOptions/klingai/cameraControl/type" -> klingai, cameraControl, "/type"
};

std::optional<OptionRef> splitOption(std::string_view pointer) {
    auto tokens = pointerTokens(pointer);
    if (tokens.size() < 3 || tokens[0] != "providerOptions") return std::nullopt;
    OptionRef ref{tokens[1], tokens[2], ""};
    for (size_t i = 3; i < tokens.size(); ++i) ref.rest += "/" + tokens[i];
    return ref;
}

// Where an option lives in a dialect's body; "" when the dialect cannot carry that namespace.
std::string optionWire(const DialectSpec& spec, const Model& model, const OptionRef& ref) {
    switch (spec.options) {
        case OptionsStyle::None: return "";
        case OptionsStyle::Nested:
            return std::string(spec.optionsWire) + "/" + escapePointerToken(ref.ns) + "/" +
                   escapePointerToken(ref.name) + ref.rest;
        case OptionsStyle::FlatSnake:
        case OptionsStyle::FlatCamel:
            if (ref.ns != model.provider) return "";
            return std::string(spec.optionsWire) + "/" +
                   escapePointerToken(spec.options == OptionsStyle::FlatSnake ? camelToSnake(ref.name) : ref.name) + ref.rest;
    }
    return "";
}

// Places one provider option in the wire body; false (with a diagnostic) when it cannot go there.
bool placeOption(BuildContext& ctx, const std::string& ns, const std::string& name, const json& value,
                 const std::string& canonical) {
    const OptionRef ref{ns, name, ""};
    if (optionWire(ctx.spec, ctx.model, ref).empty()) {
        ctx.diagnostics.push_back(notExpressible(
            ctx, canonical,
            ctx.spec.options == OptionsStyle::None
                ? std::string("it has no provider options")
                : "it carries only the model's own provider options (" + ctx.model.provider + ")"));
        return false;
    }
    json& container = ctx.spec.options == OptionsStyle::Nested
                          ? ctx.out[json::json_pointer(ctx.spec.optionsWire)][ns]
                          : ctx.out[json::json_pointer(ctx.spec.optionsWire)];
    const std::string key = ctx.spec.options == OptionsStyle::FlatSnake ? camelToSnake(name) : name;
    if (!container.is_object()) container = json::object();
    auto existing = container.find(key);
    if (existing != container.end() && *existing != value) {
        ctx.diagnostics.push_back(notExpressible(ctx, canonical, "its field " + key + " already holds another value"));
        return false;
    }
    container[key] = value;
    return true;
}

}  // namespace

std::optional<PlainValue> promotedMember(const Promotion& promotion, const PlainValue& option) {
    if (promotion.valueMap.empty()) return option;
    for (const auto& [canonical, value] : promotion.valueMap)
        if (sameValue(value, option)) return plainValueOf(canonical);
    return std::nullopt;
}

std::optional<json> mapPromotedValue(const Promotion& promotion, const json& value, bool toOption) {
    if (promotion.valueMap.empty()) return value;
    for (const auto& [canonical, option] : promotion.valueMap)
        if ((toOption ? canonical : option) == value) return toOption ? option : canonical;
    return std::nullopt;
}

namespace {

void buildPromotion(BuildContext& ctx, const Promotion& promotion) {
    const std::string field = promotion.field;
    auto option = splitOption(promotion.option);
    const json* value = findAt(ctx.request.body, field);
    if (!value || ctx.consumed.count(field) || !option) return;
    ctx.consumed.insert(field);
    auto mapped = mapPromotedValue(promotion, *value, true);
    if (!mapped) {
        ctx.diagnostics.push_back(notExpressible(ctx, field, describeTypedValue(*value) + " has no " + fieldName(promotion.option) + " equivalent"));
        return;
    }
    placeOption(ctx, option->ns, option->name, *mapped, field);
}

// Canonical form keeps promoted values in their canonical member: moves them out of providerOptions.
void demotePromotions(ParseContext& ctx) {
    json& body = ctx.request.body;
    for (const Promotion& promotion : ctx.model->promotions) {
        if (!findAt(body, promotion.option)) continue;  // a request sets few of the options a model promotes
        auto option = splitOption(promotion.option);
        if (!option || !option->rest.empty()) continue;
        json* options = body.contains("providerOptions") && body["providerOptions"].is_object() &&
                                body["providerOptions"].contains(option->ns) && body["providerOptions"][option->ns].is_object()
                            ? &body["providerOptions"][option->ns]
                            : nullptr;
        if (!options || !options->contains(option->name)) continue;
        auto canonical = mapPromotedValue(promotion, (*options)[option->name], false);
        if (!canonical) continue;  // an unmapped value stays an option: the validator names what is allowed
        const std::string optionInput = ctx.request.origin.inputPointer(promotion.option);
        const json::json_pointer field(promotion.field);
        if (body.contains(field) && body[field] != *canonical) {
            ctx.diagnostics.push_back(makeWarning(optionInput, Code::ConflictingFields,
                                                  fieldName(promotion.option) + " disagrees with " +
                                                      fieldName(promotion.field) + ": " + fieldName(promotion.field) + " is used"));
        } else if (!body.contains(field)) {
            body[field] = *canonical;
            ctx.request.origin.record(promotion.field, optionInput);
        }
        options->erase(option->name);
        if (options->empty()) body["providerOptions"].erase(option->ns);
        if (body["providerOptions"].empty()) body.erase("providerOptions");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Parse
//-----------------------------------------------------------------------------

const json* headerValue(const json& headers, std::string_view name) {
    if (!headers.is_object()) return nullptr;
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const std::string& key = it.key();
        if (key.size() == name.size() &&
            std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == b;
            }))
            return &*it;
    }
    return nullptr;
}

std::string headerKey(const json& headers, const json* value) {
    for (auto it = headers.begin(); it != headers.end(); ++it)
        if (&*it == value) return it.key();
    return "";
}

// "jobs (kling-2.6), creative-hub (...)": the dialects with a routable id for `model` in `mode`.
std::string routesCarrying(const Catalog& catalog, const Model& model, Mode mode) {
    std::vector<std::string> carriers;
    for (Dialect dialect : kAllDialects) {
        const Alias* alias = catalog.aliasFor(model, dialectName(dialect), mode);
        if (alias && alias->routable) carriers.push_back(dialectName(dialect) + std::string(" (") + alias->id + ")");
    }
    return joinNames(carriers);
}


void parseModelMember(ParseContext& ctx, const json& input, const Catalog& catalog, AliasMatch& match) {
    const std::string dialect = dialectName(ctx.spec.dialect);
    const json* value = nullptr;
    std::string inputPointer;
    if (std::string_view(ctx.spec.modelWire).empty()) {
        const json* headers = findAt(input, "/headers");
        value = (isEnvelope(input) && headers) ? headerValue(*headers, "ai-model-id") : nullptr;
        if (!value) {
            ctx.diagnostics.push_back(makeError(
                "", Code::MissingModel,
                dialect + " requests name the model in the ai-model-id header: pass the {method,path,headers,body} "
                          "envelope that `vgen build` prints"));
            return;
        }
        inputPointer = "/headers/" + escapePointerToken(headerKey(*headers, value));
    } else {
        value = findAt(ctx.body, ctx.spec.modelWire);
        inputPointer = ctx.at(ctx.spec.modelWire);
        if (!value && *wireFor(ctx.spec.dialect).defaultModel) {
            // The route's own default (OpenAI's sora-2, the creative hub's luma_ray3): nothing in the
            // input names it, so nothing points there.
            const std::string fallback = wireFor(ctx.spec.dialect).defaultModel;
            ctx.request.body["model"] = fallback;
            match = catalog.resolve(fallback);
            ctx.model = match.model;
            return;
        }
        if (!value) {
            std::vector<std::string> ids = catalog.routableIds(dialect);
            if (ids.size() > 8) ids.resize(8);
            ctx.diagnostics.push_back(makeError(
                ctx.prefix, Code::MissingModel,
                dialect + " requests name the model in \"" + fieldName(ctx.spec.modelWire) + "\"" +
                    (ids.empty() ? std::string() : ", for example " + joinNames(ids))));
            return;
        }
    }
    if (!value->is_string()) {
        ctx.diagnostics.push_back(typeError(inputPointer, ctx.spec.modelWire[0] ? ctx.spec.modelWire : "/ai-model-id",
                                            "a string", *value, ""));
        return;
    }
    ctx.request.body["model"] = *value;
    ctx.request.origin.record("/model", inputPointer);
    match = catalog.resolve(value->get<std::string>());
    ctx.model = match.model;
    if (match.alias && !match.alias->routable && aliasServes(*match.alias, dialect))
        ctx.diagnostics.push_back(makeError(inputPointer, Code::ModelNotInDialect, match.alias->refusal));
}

// Another route's name for the model (kling_2_6 in a jobs body, kling-2.6 in an AI SDK one): the
// real gateway answers "unknown model", so this is an error that names the id this route takes.
// The catalog's own ids (klingai/kling-v2.6) are every front door's: the playground's request text
// speaks them, and build writes the route's id.
void checkWireId(ParseContext& ctx, const Catalog& catalog, const AliasMatch& match) {
    const std::string dialect = dialectName(ctx.spec.dialect);
    if (!match.model || !match.alias || aliasServes(*match.alias, dialect)) return;
    const Mode mode = ctx.request.effectiveMode();
    const std::string written = ctx.request.body["model"].get<std::string>();
    const Alias* own = catalog.aliasFor(*match.model, dialect, mode);
    const std::string routes = own ? std::string() : routesCarrying(catalog, *match.model, mode);
    const std::string fix = own ? dialect + " requests name it \"" + own->id + "\""
                                : dialect + " has no id for it in " + modeTitle(mode) +
                                      (routes.empty() ? std::string() : ": send it through " + routes);
    ctx.diagnostics.push_back(makeError(ctx.request.origin.inputPointer("/model"), Code::ModelNotInDialect,
                                        "\"" + excerpt(written) + "\" is " + match.model->name + "'s id in " +
                                            joinNames(match.alias->dialects) + "; " + fix));
}

void parseOptions(ParseContext& ctx) {
    const DialectSpec& spec = ctx.spec;
    if (spec.options == OptionsStyle::None) return;
    std::vector<std::string> wires{spec.optionsWire};
    for (const char* alias : spec.optionsAliases) wires.push_back(alias);
    for (const std::string& wire : wires) {
        const json* options = findAt(ctx.body, wire);
        if (!options) continue;
        if (!options->is_object()) {
            ctx.diagnostics.push_back(typeError(ctx.at(wire), wire, "an object", *options, ""));
            continue;
        }
        json& canonical = ctx.request.body["providerOptions"];
        if (spec.options == OptionsStyle::Nested) {
            for (auto it = options->begin(); it != options->end(); ++it) {
                const std::string pointer = pointerChild(wire, it.key());
                if (!it->is_object()) {
                    ctx.diagnostics.push_back(typeError(ctx.at(pointer), pointer, "an object of options", *it, ""));
                    continue;
                }
                canonical[it.key()] = *it;
                ctx.request.origin.record(pointerChild("/providerOptions", it.key()), ctx.at(pointer));
            }
        } else if (!ctx.model) {
            // Unknown model, so no namespace to put them in: keep them as written for this route.
            ctx.request.body["dialectOptions"][dialectName(spec.dialect)][firstToken(wire)] = *options;
        } else {
            for (auto it = options->begin(); it != options->end(); ++it) {
                const std::string claimed = wire + "/" + it.key();
                if (std::any_of(spec.fields.begin(), spec.fields.end(),
                                [&](const FieldMap& row) { return claimed == row.wire; }))
                    continue;
                const std::string name = spec.options == OptionsStyle::FlatSnake ? snakeToCamel(it.key()) : it.key();
                if (canonical[ctx.model->provider].contains(name)) continue;  // metadata repeating provider_options
                canonical[ctx.model->provider][name] = *it;
                ctx.request.origin.record(pointerChild(pointerChild("/providerOptions", ctx.model->provider), name),
                                          ctx.at(pointerChild(wire, it.key())));
            }
        }
        if (canonical.empty()) ctx.request.body.erase("providerOptions");
    }
}

// Warns about fields the dialect does not know, at the top level and inside its own containers.
using KnownFields = std::map<std::string, std::vector<std::string>>;  // container ("" = top level) -> names

KnownFields knownFieldsOf(const DialectSpec& spec) {
    KnownFields known;
    auto add = [&](std::string_view wire) {
        auto tokens = pointerTokens(wire);
        if (tokens.empty()) return;
        known[""].push_back(tokens[0]);
        if (tokens.size() > 1) known[tokens[0]].push_back(tokens[1]);
    };
    for (const FieldMap& row : spec.fields) add(row.wire);
    add(spec.modelWire);
    add(spec.optionsWire);
    for (const char* alias : spec.optionsAliases) add(alias);
    for (const char* field : spec.routeOnly) add(std::string("/") + field);
    return known;
}

// The tables never change, so each dialect's field names are gathered once.
const KnownFields& knownFields(const DialectSpec& spec) {
    static const std::map<Dialect, KnownFields> all = [] {
        std::map<Dialect, KnownFields> byDialect;
        for (Dialect dialect : kAllDialects) byDialect[dialect] = knownFieldsOf(specFor(dialect));
        return byDialect;
    }();
    return all.at(spec.dialect);
}

void checkUnknownFields(ParseContext& ctx) {
    const DialectSpec& spec = ctx.spec;
    const KnownFields& known = knownFields(spec);
    const std::string optionsContainer = firstToken(spec.optionsWire);

    for (const auto& [container, names] : known) {
        if (!container.empty() && container == optionsContainer) continue;  // its extra keys are provider options
        const json* object = container.empty() ? &ctx.body : findAt(ctx.body, "/" + container);
        if (!object || !object->is_object()) continue;
        for (auto it = object->begin(); it != object->end(); ++it) {
            if (std::find(names.begin(), names.end(), it.key()) != names.end()) continue;
            const std::string wire = (container.empty() ? "" : "/" + escapePointerToken(container)) + "/" + escapePointerToken(it.key());
            const std::string suggestion = closestName(it.key(), names);
            ctx.diagnostics.push_back(makeWarning(
                ctx.at(wire), Code::UnknownField,
                std::string(dialectName(spec.dialect)) + " has no field " + fieldName(wire) + ": it is ignored" +
                    (suggestion.empty() ? "" : "; did you mean " + suggestion + "?")));
        }
    }
}

void parseRouteOnly(ParseContext& ctx) {
    for (const char* field : ctx.spec.routeOnly) {
        const json* value = findAt(ctx.body, std::string("/") + field);
        if (!value) continue;
        const std::string dialect = dialectName(ctx.spec.dialect);
        ctx.request.body["dialectOptions"][dialect][field] = *value;
        ctx.request.origin.record("/dialectOptions/" + dialect + "/" + field, ctx.at(std::string("/") + field));
    }
}

// A mode-specific id ("klingai/kling-v2.6-t2v") says the mode the inputs may not imply.
void parseMode(ParseContext& ctx, const AliasMatch& match) {
    if (!match.alias || match.alias->modes.size() != 1) return;
    const Mode mode = match.alias->modes.front();
    if (mode == inferMode(ctx.request.body)) return;
    ctx.request.body["mode"] = modeName(mode);
    ctx.request.origin.record("/mode", ctx.request.origin.inputPointer("/model"));
}

}  // namespace

ParseOutcome parseWithSpec(const DialectSpec& spec, json& input, const Catalog& catalog) {
    ParseOutcome outcome;
    const bool envelope = isEnvelope(input);
    json& body = envelope ? input["body"] : input;
    const std::string prefix = envelope ? "/body" : "";
    if (envelope) {
        const json* path = findAt(input, "/path");
        if (path && path->is_string() &&
            std::none_of(spec.acceptedPaths.begin(), spec.acceptedPaths.end(),
                         [&](const char* p) { return path->get<std::string>() == p; }))
            outcome.diagnostics.push_back(makeWarning("/path", Code::PathMismatch,
                                                      "path " + describeTypedValue(*path) + " is not a " + dialectName(spec.dialect) +
                                                          " path (" + spec.path + "): read as " + dialectName(spec.dialect)));
    }
    if (!body.is_object()) {
        outcome.usable = false;
        outcome.diagnostics.push_back(makeError(prefix, Code::BodyNotObject,
                                                std::string("a ") + dialectName(spec.dialect) +
                                                    " request body must be a JSON object, got " + describeTypedValue(body)));
        return outcome;
    }
    ParseContext ctx{spec, body, prefix, nullptr, outcome.request, outcome.diagnostics};
    AliasMatch match;
    parseModelMember(ctx, input, catalog, match);
    // Without a model no canonical request can be checked; parseModel said why (missing_model,
    // wrong_type), so validation must not say it again.
    if (!outcome.request.body.contains("model")) outcome.usable = false;
    for (const FieldMap& row : spec.fields) parseRow(ctx, row, spec.fields);
    parseOptions(ctx);
    parseRouteOnly(ctx);
    checkUnknownFields(ctx);
    if (ctx.model) demotePromotions(ctx);
    if (ctx.model && spec.sdkForms) mapSdkForms(outcome.request, *ctx.model);
    parseMode(ctx, match);
    checkWireId(ctx, catalog, match);
    return outcome;
}

//-----------------------------------------------------------------------------
// [SECTION] Build
//-----------------------------------------------------------------------------

namespace {

bool hasBuildRow(const DialectSpec& spec, std::string_view canonical) {
    return std::any_of(spec.fields.begin(), spec.fields.end(),
                       [&](const FieldMap& row) { return !row.parseOnly && canonical == row.canonical; });
}

std::string carriersOf(const BuildContext& ctx, const std::string& canonical) {
    std::vector<std::string> names;
    for (Dialect dialect : kAllDialects) {
        if (dialect == ctx.spec.dialect) continue;
        const Alias* alias = ctx.catalog.aliasFor(ctx.model, dialectName(dialect), ctx.mode);
        if (alias && alias->routable && !wirePointerWithSpec(specFor(dialect), ctx.model, canonical).empty())
            names.push_back(dialectName(dialect));
    }
    return joinNames(names);
}

// The id for this dialect, or a model_not_in_dialect diagnostic naming the dialects that carry it.
const Alias* chooseAlias(BuildContext& ctx) {
    const std::string dialect = dialectName(ctx.spec.dialect);
    const Alias* alias = ctx.catalog.aliasFor(ctx.model, dialect, ctx.mode);
    if (alias && alias->routable) return alias;
    if (!alias)
        for (const Alias& candidate : ctx.model.aliases)
            if (!candidate.routable && aliasServes(candidate, dialect) && !candidate.dialects.empty()) alias = &candidate;
    if (alias && !alias->refusal.empty()) {
        ctx.diagnostics.push_back(makeError("/model", Code::ModelNotInDialect, alias->refusal));
        return nullptr;
    }
    const std::string routes = routesCarrying(ctx.catalog, ctx.model, ctx.mode);
    ctx.diagnostics.push_back(makeError(
        "/model", Code::ModelNotInDialect,
        ctx.model.id + " has no id in " + dialect + " for " + modeTitle(ctx.mode) +
            (routes.empty() ? std::string() : "; dialects that carry it: " + routes)));
    return nullptr;
}

void checkExplicitMode(BuildContext& ctx, const Alias& alias) {
    const json* mode = findAt(ctx.request.body, "/mode");
    if (!mode || !mode->is_string() || modeByName(mode->get<std::string>()) == inferMode(ctx.request.body)) return;
    if (alias.modes.size() == 1 && modeName(alias.modes.front()) == mode->get<std::string>()) return;
    ctx.diagnostics.push_back(notExpressible(ctx, "/mode",
                                             "mode " + mode->get<std::string>() +
                                                 " is not what the inputs imply, and neither the body nor the id " +
                                                 alias.id + " says it"));
}

void buildOptions(BuildContext& ctx) {
    const json* options = findAt(ctx.request.body, "/providerOptions");
    if (!options || !options->is_object()) return;
    for (auto ns = options->begin(); ns != options->end(); ++ns) {
        if (!ns->is_object()) continue;
        for (auto option = ns->begin(); option != ns->end(); ++option)
            placeOption(ctx, ns.key(), option.key(), *option,
                        pointerChild(pointerChild("/providerOptions", ns.key()), option.key()));
    }
}

void buildDialectOptions(BuildContext& ctx) {
    const json* all = findAt(ctx.request.body, "/dialectOptions");
    if (!all || !all->is_object()) return;
    const std::string self = dialectName(ctx.spec.dialect);
    for (auto dialect = all->begin(); dialect != all->end(); ++dialect) {
        if (!dialect->is_object()) continue;
        for (auto field = dialect->begin(); field != dialect->end(); ++field) {
            const std::string pointer = pointerChild(pointerChild("/dialectOptions", dialect.key()), field.key());
            const bool ours = dialect.key() == self &&
                              std::any_of(ctx.spec.routeOnly.begin(), ctx.spec.routeOnly.end(),
                                          [&](const char* f) { return field.key() == f; });
            if (ours) ctx.out[field.key()] = *field;
            else
                ctx.diagnostics.push_back(makeWarning(pointer, Code::DroppedField,
                                                      dialect.key() + "'s " + field.key() + " has no meaning in " + self +
                                                          ": it is left out"));
        }
    }
}

// Every canonical member must have landed somewhere; the rest are refused one by one.
void checkConsumed(BuildContext& ctx) {
    static const std::set<std::string> kHandled = {"model", "mode", "providerOptions", "dialectOptions"};
    for (auto it = ctx.request.body.begin(); it != ctx.request.body.end(); ++it) {
        const std::string pointer = pointerChild("", it.key());
        if (kHandled.count(it.key()) || ctx.consumed.count(pointer)) continue;
        // A member with canonical members of its own (webhook) is refused member by member.
        const bool nested = std::any_of(std::begin(kCanonicalShapes), std::end(kCanonicalShapes),
                                        [&](const MemberShape& m) { return std::string_view(m.pointer).starts_with(pointer + "/"); });
        if (nested && it->is_object() && !it->empty()) {
            for (auto member = it->begin(); member != it->end(); ++member) {
                const std::string child = pointerChild(pointer, member.key());
                if (!ctx.consumed.count(child))
                    ctx.diagnostics.push_back(notExpressible(ctx, child, "its body has no field for it"));
            }
            continue;
        }
        ctx.diagnostics.push_back(notExpressible(ctx, pointer, "its body has no field for it"));
    }
}

}  // namespace

BuildOutcome buildWithSpec(const DialectSpec& spec, const Request& request, const Catalog& catalog) {
    BuildOutcome outcome;
    if (!request.body.is_object()) {
        outcome.diagnostics.push_back(makeError("", Code::BodyNotObject, "the canonical request must be a JSON object"));
        return outcome;
    }
    const std::string id = request.modelId();
    const Model* model = catalog.resolve(id).model;
    if (!model) {
        std::vector<std::string> near = catalog.nearestIds(id);
        outcome.diagnostics.push_back(makeError("/model", Code::UnknownModel,
                                                "model \"" + excerpt(id) + "\" is not in the catalog" +
                                                    (near.empty() ? std::string() : ": did you mean " + joinNames(near) + "?")));
        return outcome;
    }
    BuildContext ctx{spec, request, *model, catalog, request.effectiveMode(), json::object(), {}, {}};
    const Alias* alias = chooseAlias(ctx);
    if (!alias) {
        outcome.diagnostics = std::move(ctx.diagnostics);
        return outcome;
    }
    checkExplicitMode(ctx, *alias);

    HttpRequest http;
    http.path = spec.path;
    http.headers["content-type"] = "application/json";
    for (const auto& [name, value] : spec.headers) http.headers[name] = value;
    if (std::string_view(spec.modelWire).empty()) http.headers["ai-model-id"] = alias->id;
    else setWire(ctx.out, spec.modelWire, alias->id);

    if (spec.promotionsFirst)
        for (const Promotion& promotion : model->promotions) buildPromotion(ctx, promotion);
    for (const FieldMap& row : spec.fields) {
        if (row.parseOnly || ctx.consumed.count(row.canonical)) continue;
        const json* value = findAt(request.body, row.canonical);
        if (value && buildRow(ctx, row, *value)) ctx.consumed.insert(row.canonical);
    }
    for (const Promotion& promotion : model->promotions) buildPromotion(ctx, promotion);
    buildOptions(ctx);
    buildDialectOptions(ctx);
    checkConsumed(ctx);
    if (spec.promptObjectWhenImage) {
        json* prompt = ctx.out.contains("prompt") ? &ctx.out["prompt"] : nullptr;
        if (prompt && prompt->is_object() && prompt->size() == 1 && prompt->contains("text")) *prompt = json((*prompt)["text"]);
    }

    outcome.diagnostics = std::move(ctx.diagnostics);
    if (hasErrors(outcome.diagnostics)) return outcome;
    http.body = std::move(ctx.out);
    outcome.http = std::move(http);
    return outcome;
}

//-----------------------------------------------------------------------------
// [SECTION] wirePointer
//-----------------------------------------------------------------------------

std::string wirePointerWithSpec(const DialectSpec& spec, const Model& model, const std::string& canonicalPointer) {
    if (canonicalPointer == "/model") return spec.modelWire;
    for (const Promotion& promotion : model.promotions) {
        if (promotion.field != canonicalPointer) continue;
        if (spec.promotionsFirst || !hasBuildRow(spec, canonicalPointer)) {
            auto option = splitOption(promotion.option);
            return option ? optionWire(spec, model, *option) : "";
        }
    }
    for (const FieldMap& row : spec.fields) {
        if (row.parseOnly) continue;
        if (canonicalPointer == row.canonical) return row.wire;
        // Inside a member the wire keeps whole (references/0/url): point at the member. The AI SDK's
        // inputReferences have no tags.
        if (std::string_view(canonicalPointer).starts_with(std::string(row.canonical) + "/") && shapeOf(row.canonical) == Shape::Array) {
            const bool tag = canonicalPointer.size() > 4 && canonicalPointer.substr(canonicalPointer.size() - 4) == "/tag";
            return row.codec == Codec::References && tag ? "" : row.wire;
        }
    }
    if (auto option = splitOption(canonicalPointer)) return optionWire(spec, model, *option);
    const std::string routePrefix = "/dialectOptions/" + std::string(dialectName(spec.dialect)) + "/";
    if (std::string_view(canonicalPointer).starts_with(routePrefix))
        for (const char* field : spec.routeOnly)
            if (canonicalPointer.substr(routePrefix.size()) == field) return std::string("/") + field;
    return "";
}

}  // namespace vg
