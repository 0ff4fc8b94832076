// VideoGen core: the validator.
//
// Index
// [SECTION] Context and helpers
// [SECTION] Value checks against one ParamSpec
// [SECTION] Media checks
// [SECTION] Model, mode and inputs
// [SECTION] Walking the request
// [SECTION] Entry point
#include "request/validate.h"

#include "request/input_limits.h"
#include "text/json_path.h"
#include "media/media.h"
#include "request/request_members.h"
#include "request/rules.h"
#include "text/json_leaves.h"
#include "text/text_format.h"

#include <algorithm>
#include <cmath>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Context and helpers
//-----------------------------------------------------------------------------

namespace {

struct Context {
    const Request& request;
    const Catalog& catalog;
    const Model* model = nullptr;
    std::string modelName;  // the id as the user wrote it, for messages
    Mode mode = Mode::T2V;
    const DialectLimits* dialectLimits = nullptr;
    Diagnostics out;        // canonical paths; mapped to input paths at the end
    std::vector<std::pair<std::string, std::string>> itemNames;  // array path -> its catalog itemName ("shot")

    void error(const std::string& path, Code code, const std::string& message, std::string_view detail = {}) {
        out.push_back(makeError(path, code, message, detail));
    }
    void warning(const std::string& path, Code code, const std::string& message) {
        out.push_back(makeWarning(path, code, message));
    }
    // The name the user wrote for a canonical member ("seconds" in an OpenAI body), for messages;
    // an array's item by its position from 1 ("shot 2", "references item 3").
    std::string fieldName(const std::string& canonicalPath) const {
        const std::string array = canonicalPath.substr(0, canonicalPath.rfind('/'));
        const json* parent = canonicalPath.empty() ? nullptr : findAt(request.body, array);
        if (parent && parent->is_array()) {  // so the leaf is an index below its size
            const std::string leaf = pointerLeaf(canonicalPath);
            std::string item = fieldName(array) + " item";
            for (const auto& [path, name] : itemNames)
                if (path == array) item = name;
            return item + " " + std::to_string(std::stoull(leaf) + 1);
        }
        std::string inputPath = request.origin.inputPointer(canonicalPath);
        std::string leaf = pointerLeaf(inputPath.empty() ? canonicalPath : inputPath);
        return leaf.empty() ? pointerLeaf(canonicalPath) : leaf;
    }
};

bool isIntegral(const json& value) {
    if (value.is_number_integer() || value.is_number_unsigned()) return true;
    if (!value.is_number_float()) return false;
    double d = value.get<double>();
    return std::isfinite(d) && d == std::floor(d);
}

bool typeMatches(ValueType type, const json& value) {
    switch (type) {
        case ValueType::Any: return true;
        case ValueType::String:
        case ValueType::Image:
        case ValueType::Video:
        case ValueType::Audio: return value.is_string();
        case ValueType::Integer: return isIntegral(value);
        case ValueType::Number: return value.is_number();
        case ValueType::Boolean: return value.is_boolean();
        case ValueType::Array: return value.is_array();
        case ValueType::Object: return value.is_object();
    }
    return false;
}

const char* expectedWords(ValueType type) {
    switch (type) {
        case ValueType::String: return "a string";
        case ValueType::Image: return "an image (URL, data URL or base64 string)";
        case ValueType::Video: return "a video (URL, data URL or base64 string)";
        case ValueType::Audio: return "an audio file (URL, data URL or base64 string)";
        case ValueType::Integer: return "a whole number";
        case ValueType::Number: return "a number";
        case ValueType::Boolean: return "true or false";
        case ValueType::Array: return "an array";
        case ValueType::Object: return "an object";
        case ValueType::Any: return "a value";
    }
    return "a value";
}

bool valuesEqual(const json& a, const json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    return a == b;
}

bool modeListed(const std::vector<Mode>& modes, Mode mode) {
    return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

std::string modeList(const std::vector<Mode>& modes) {
    std::vector<std::string> names;
    for (Mode m : modes) names.push_back(std::string(modeName(m)) + " (" + modeTitle(m) + ")");
    return joinWords(names, " and ");
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Value checks against one ParamSpec
//-----------------------------------------------------------------------------

namespace {

void checkValue(Context& ctx, const ParamSpec& spec, const std::string& path, const json& value);

// What a wrong type is told to use instead: " (5 or 10)", " from 0 to 1", or "" when any value of the
// type goes.
// "from 0 to 1", "of at least 1", "of at most 10", or "" without a range.
std::string rangeWords(const ParamSpec& spec) {
    if (spec.min && spec.max) return "from " + formatNumber(*spec.min) + " to " + formatNumber(*spec.max);
    if (spec.min) return "of at least " + formatNumber(*spec.min);
    if (spec.max) return "of at most " + formatNumber(*spec.max);
    return "";
}

std::string allowedWords(const ParamSpec& spec) {
    if (!spec.values.empty()) return " (" + joinAlternatives(spec.values) + ")";
    const std::string range = rangeWords(spec);
    return range.empty() ? range : " " + range;
}

// "duration 7 is not offered by klingai/kling-v2.6-i2v: use 5 or 10"
void checkEnum(Context& ctx, const ParamSpec& spec, const std::string& path, const json& value) {
    for (const json& allowed : spec.values)
        if (valuesEqual(allowed, value)) return;
    std::string hint;
    if (value.is_string()) {
        for (const json& allowed : spec.values)
            if (allowed.is_string() && equalsIgnoringCase(allowed.get_ref<const std::string&>(), value.get_ref<const std::string&>()))
                hint = " (check the letter case)";
    }
    ctx.error(path, Code::ValueNotOffered,
              ctx.fieldName(path) + " " + describeValue(value) + " is not offered by " + ctx.modelName + ": use " +
                  joinAlternatives(spec.values) + hint,
              camelToSnake(pointerLeaf(spec.path)));
}

void checkRange(Context& ctx, const ParamSpec& spec, const std::string& path, double number) {
    bool low = spec.min && number < *spec.min;
    bool high = spec.max && number > *spec.max;
    if (low || high) {
        ctx.error(path, Code::OutOfRange,
                  ctx.fieldName(path) + " " + formatNumber(number) + " is out of range for " + ctx.modelName +
                      ": use a value " + rangeWords(spec));
        return;
    }
    if (spec.step && *spec.step > 0) {
        double base = spec.min.value_or(0.0);
        double steps = (number - base) / *spec.step;
        if (std::fabs(steps - std::round(steps)) > 1e-9) {
            ctx.error(path, Code::OffStep,
                      ctx.fieldName(path) + " " + formatNumber(number) + " is not a multiple of " +
                          formatNumber(*spec.step) + " from " + formatNumber(base) + " for " + ctx.modelName);
        }
    }
}

void checkLength(Context& ctx, const ParamSpec& spec, const std::string& path, size_t length, bool isArray) {
    const char* unit = isArray ? "items" : "characters";
    if (spec.maxLength && length > *spec.maxLength) {
        ctx.error(path, isArray ? Code::TooManyItems : Code::TooLong,
                  ctx.fieldName(path) + " has " + std::to_string(length) + " " + unit + "; " + ctx.modelName +
                      " accepts at most " + std::to_string(*spec.maxLength));
    } else if (spec.minLength && length < *spec.minLength) {
        ctx.error(path, isArray ? Code::TooFewItems : Code::TooShort,
                  ctx.fieldName(path) + " has " + std::to_string(length) + " " + unit + "; " + ctx.modelName +
                      " needs at least " + std::to_string(*spec.minLength));
    }
}

void checkMedia(Context& ctx, const ParamSpec& spec, const std::string& path, const std::string& value);

void checkObject(Context& ctx, const ParamSpec& spec, const std::string& path, const json& value) {
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string childPath = pointerChild(path, it.key());
        const std::string relativePath = pointerChild("", it.key());  // how properties name it: "/x"
        const ParamSpec* child = nullptr;
        for (const ParamSpec& property : spec.properties)
            if (property.path == relativePath) child = &property;
        if (child) {
            checkValue(ctx, *child, childPath, it.value());
        } else if (!spec.properties.empty()) {
            std::vector<std::string> known;
            for (const ParamSpec& property : spec.properties) known.push_back(pointerLeaf(property.path));
            std::string message = ctx.fieldName(childPath) + " is not a member of " + ctx.fieldName(path) +
                                  " for " + ctx.modelName + ": known members are " + joinWords(known, " and ");
            if (spec.closed) ctx.error(childPath, Code::UnknownMember, message);
            else ctx.warning(childPath, Code::UnknownMember, message + "; it will be ignored");
        }
    }
    for (const ParamSpec& property : spec.properties) {
        bool required = !property.requiredIn.empty() && modeListed(property.requiredIn, ctx.mode);
        if (required && !value.contains(pointerLeaf(property.path))) {
            ctx.error(path + property.path, Code::MissingMember,
                      ctx.fieldName(path) + " needs " + pointerLeaf(property.path) + " for " + ctx.modelName);
        }
    }
}

void checkValue(Context& ctx, const ParamSpec& spec, const std::string& path, const json& value) {
    if (!spec.unsupported.empty()) {
        if (value.is_boolean() && !value.get<bool>()) return;  // "audio": false asks for what the model does anyway
        ctx.error(path, Code::NotSupported,
                  ctx.fieldName(path) + " is not supported by " + ctx.modelName + ": " + spec.unsupported);
        return;
    }
    if (!typeMatches(spec.type, value)) {
        ctx.error(path, Code::WrongType,
                  ctx.fieldName(path) + " must be " + expectedWords(spec.type) + allowedWords(spec) + ", got " +
                      jsonKindName(value) + " " + describeValue(value));
        return;
    }
    if (!spec.values.empty()) {
        checkEnum(ctx, spec, path, value);
    } else if (value.is_number()) {
        checkRange(ctx, spec, path, value.get<double>());
    }
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (spec.type == ValueType::Image || spec.type == ValueType::Video || spec.type == ValueType::Audio) {
            checkMedia(ctx, spec, path, text);
        } else {
            checkLength(ctx, spec, path, codePointCount(text), false);
        }
    } else if (value.is_array()) {
        checkLength(ctx, spec, path, value.size(), true);
        if (!spec.itemName.empty()) ctx.itemNames.emplace_back(path, spec.itemName);
        if (spec.items)
            for (size_t i = 0; i < value.size(); ++i) checkValue(ctx, *spec.items, pointerChild(path, i), value[i]);
    } else if (value.is_object()) {
        checkObject(ctx, spec, path, value);
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Media checks
//-----------------------------------------------------------------------------

namespace {

bool formatAllowed(const std::vector<std::string>& formats, const std::string& format) {
    if (formats.empty()) return true;
    for (const std::string& allowed : formats) {
        if (allowed == format) return true;
        if ((allowed == "jpg" && format == "jpeg") || (allowed == "jpeg" && format == "jpg")) return true;
    }
    return false;
}

// A URL whose extension names a media format the model does not take (".gif" where it takes png).
bool urlLooksWrong(const MediaRules& rules, const MediaInfo& info) {
    return !info.urlExtension.empty() && !rules.formats.empty() && !formatAllowed(rules.formats, info.urlExtension) &&
           std::string_view("png jpg jpeg webp gif bmp tiff heic avif mp4 mov webm mkv avi mp3 wav ogg m4a flac")
                   .find(info.urlExtension) != std::string_view::npos;
}

void checkMedia(Context& ctx, const ParamSpec& spec, const std::string& path, const std::string& value) {
    const MediaInfo info = probeMediaValue(value);
    const std::string name = ctx.fieldName(path);
    if (info.encoding == MediaEncoding::Invalid) {
        ctx.error(path, Code::MediaUnreadable, name + " could not be read: " + info.problem);
        return;
    }
    // Where the value may not be inline at all, say that before what is wrong inside it.
    const bool unreadable = !info.problem.empty();
    if (!spec.media) {
        if (unreadable) ctx.error(path, Code::MediaUnreadable, name + " could not be read: " + info.problem);
        return;
    }
    const MediaRules& rules = *spec.media;
    const std::string formats = joinWords(rules.formats);
    switch (info.encoding) {
        case MediaEncoding::Url:
            if (!rules.urlAllowed) {
                ctx.error(path, Code::MediaUrlNotAllowed,
                          name + " must be inline data for " + ctx.modelName + ", not a URL: send the file's base64");
                return;
            }
            if (urlLooksWrong(rules, info)) {
                ctx.warning(path, Code::MediaFormatSuspect,
                            name + " looks like ." + info.urlExtension + " from its URL; " + ctx.modelName +
                                " accepts " + formats);
            }
            return;  // nothing more can be known about a URL offline
        case MediaEncoding::DataUrl:
            if (!rules.dataUrlAllowed) {
                ctx.error(path, Code::MediaDataUrlNotAllowed,
                          name + " must be " + (rules.rawBase64Allowed ? "raw base64 without a data: prefix" : "a URL") +
                              " for " + ctx.modelName + ": " +
                              (rules.rawBase64Allowed ? "strip everything up to and including \"base64,\""
                                                      : "host the file and pass its URL"));
                return;
            }
            break;
        case MediaEncoding::RawBase64:
            if (!rules.rawBase64Allowed) {
                ctx.error(path, Code::MediaInlineNotAllowed,
                          name + " must be " + (rules.urlAllowed ? "a URL" : "a data URL") + " for " + ctx.modelName +
                              ", not inline base64: host the file and pass its URL");
                return;
            }
            break;
        case MediaEncoding::Invalid: return;
    }
    if (unreadable) {
        ctx.error(path, Code::MediaUnreadable, name + " could not be read: " + info.problem);
        return;
    }
    if (info.format.empty()) {
        ctx.error(path, Code::MediaFormatUnknown,
                  name + " is not a file format the validator recognises" +
                      (formats.empty() ? std::string() : ": " + ctx.modelName + " accepts " + formats));
        return;
    }
    if (!formatAllowed(rules.formats, info.format)) {
        ctx.error(path, Code::MediaFormatNotAllowed,
                  name + " is " + info.format + "; " + ctx.modelName + " accepts " + formats +
                      ": convert it to one of those");
        return;  // the converted file is the one whose size and length count
    }
    if (rules.maxBytes && info.byteSize > *rules.maxBytes) {
        ctx.error(path, Code::MediaTooLarge,
                  name + " is " + formatBytes(info.byteSize) + "; " + ctx.modelName + " accepts at most " +
                      formatBytes(*rules.maxBytes) + ": compress it or scale it down");
    }
    const std::string size = std::to_string(info.width) + "x" + std::to_string(info.height) + " px";
    if (rules.minSide && info.width > 0 && std::min(info.width, info.height) < *rules.minSide) {
        ctx.error(path, Code::MediaTooSmall,
                  name + " is " + size + "; " + ctx.modelName + " needs at least " + std::to_string(*rules.minSide) +
                      " px on each side: use a larger image, or upscale this one");
    }
    if (info.width > 0 && info.height > 0 && (rules.minAspect || rules.maxAspect)) {
        double aspect = static_cast<double>(info.width) / info.height;
        if ((rules.minAspect && aspect < *rules.minAspect - 1e-9) ||
            (rules.maxAspect && aspect > *rules.maxAspect + 1e-9)) {
            ctx.error(path, Code::MediaAspectOutOfRange,
                      name + " is " + size + " (aspect " + formatNumber(std::round(aspect * 100) / 100) + "); " +
                          ctx.modelName + " accepts width/height from " + formatNumber(rules.minAspect.value_or(0)) +
                          " to " + formatNumber(rules.maxAspect.value_or(0)) + ": crop it " +
                          (rules.minAspect && aspect < *rules.minAspect ? "shorter (it is too tall)" : "narrower (it is too wide)"));
        }
    }
    if (info.durationSeconds > 0) {
        if ((rules.minSeconds && info.durationSeconds < *rules.minSeconds) ||
            (rules.maxSeconds && info.durationSeconds > *rules.maxSeconds)) {
            ctx.error(path, Code::MediaDurationOutOfRange,
                      name + " lasts " + formatNumber(std::round(info.durationSeconds * 10) / 10) + " s; " +
                          ctx.modelName + " accepts " + formatNumber(rules.minSeconds.value_or(0)) + " to " +
                          formatNumber(rules.maxSeconds.value_or(0)) + " s: " +
                          (rules.maxSeconds && info.durationSeconds > *rules.maxSeconds ? "trim it" : "use a longer clip"));
        }
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Plain values: the compiled check's verdict
//-----------------------------------------------------------------------------
// passesSpec answers for one plain value what checkValue decides, without a tree and without a
// message: true only where checkValue would say nothing. Where it cannot be sure cheaply (inline
// media, arrays, objects) it says false, and the compiled check asks checkValue itself.

namespace {

bool plainTypeMatches(ValueType type, const PlainValue& value) {
    switch (type) {
        case ValueType::Any: return true;
        case ValueType::String:
        case ValueType::Image:
        case ValueType::Video:
        case ValueType::Audio: return value.isString();
        case ValueType::Integer: return value.isWhole();
        case ValueType::Number: return value.isNumber();
        case ValueType::Boolean: return value.kind == PlainValue::Kind::Boolean;
        case ValueType::Array:
        case ValueType::Object: return false;
    }
    return false;
}

// valuesEqual for a plain value: two numbers as doubles, everything else as json compares.
bool plainEquals(const json& allowed, const PlainValue& value) {
    if (allowed.is_number() && value.isNumber()) return allowed.get<double>() == value.number;
    return sameValue(allowed, value);
}

// checkMedia says nothing of a URL the model takes whose extension is not a format it refuses.
bool plainMediaPasses(const ParamSpec& spec, std::string_view text) {
    if (!text.starts_with("https://") && !text.starts_with("http://")) return false;  // inline: checkMedia reads it
    const MediaInfo info = probeMediaValue(text);
    if (info.encoding != MediaEncoding::Url || !info.problem.empty()) return false;
    return !spec.media || (spec.media->urlAllowed && !urlLooksWrong(*spec.media, info));
}

}  // namespace

bool passesSpec(const ParamSpec& spec, const PlainValue& value) {
    if (!spec.unsupported.empty()) return value.kind == PlainValue::Kind::Boolean && !value.boolean;
    if (!plainTypeMatches(spec.type, value)) return false;
    if (!spec.values.empty()) {
        if (std::none_of(spec.values.begin(), spec.values.end(), [&](const json& allowed) { return plainEquals(allowed, value); }))
            return false;
    } else if (value.isNumber()) {
        const double number = value.number;
        if ((spec.min && number < *spec.min) || (spec.max && number > *spec.max)) return false;
        if (spec.step && *spec.step > 0) {
            const double steps = (number - spec.min.value_or(0.0)) / *spec.step;
            if (std::fabs(steps - std::round(steps)) > 1e-9) return false;
        }
    }
    if (!value.isString()) return true;
    if (spec.type == ValueType::Image || spec.type == ValueType::Video || spec.type == ValueType::Audio)
        return plainMediaPasses(spec, value.text);
    // A string has at most as many characters as bytes, and at least a quarter as many: most
    // lengths are settled without counting.
    const size_t bytes = value.text.size();
    if ((!spec.maxLength || bytes <= *spec.maxLength) && (!spec.minLength || bytes / 4 >= *spec.minLength)) return true;
    const size_t length = codePointCount(value.text);
    return !(spec.maxLength && length > *spec.maxLength) && !(spec.minLength && length < *spec.minLength);
}

//-----------------------------------------------------------------------------
// [SECTION] Model, mode and inputs
//-----------------------------------------------------------------------------

namespace {

// Resolves the model; false when validation cannot go on (diagnostics say why).
bool resolveModel(Context& ctx) {
    const json& body = ctx.request.body;
    const json* model = findAt(body, "/model");
    if (!model) {
        ctx.error("/model", Code::MissingModel, "the request names no model: add \"model\" with an id from `vgen catalog`");
        return false;
    }
    if (!model->is_string()) {
        ctx.error("/model", Code::WrongType, "model must be a string id, got " + std::string(jsonKindName(*model)));
        return false;
    }
    ctx.modelName = model->get<std::string>();
    AliasMatch match = ctx.catalog.resolve(ctx.modelName);
    if (!match.model) {
        // A route that takes a handful of ids (the creative hub's two) names them all; others the
        // nearest of their own.
        const std::string dialect = ctx.dialectLimits ? ctx.dialectLimits->dialect : std::string();
        const std::vector<std::string> routable = dialect.empty() ? std::vector<std::string>() : ctx.catalog.routableIds(dialect);
        const bool few = !routable.empty() && routable.size() <= 4;
        std::vector<std::string> quoted;
        for (const std::string& id : few ? routable : ctx.catalog.nearestIds(ctx.modelName, 3, dialect))
            quoted.push_back("\"" + id + "\"");
        ctx.error("/model", Code::UnknownModel,
                  "unknown model \"" + excerpt(ctx.modelName) + "\"" +
                      (few ? ": " + dialect + " takes only " + joinWords(quoted)
                           : (quoted.empty() ? std::string() : ": did you mean " + joinWords(quoted) + "?") +
                                 " (`vgen catalog` lists every model)"));
        return false;
    }
    ctx.model = match.model;

    if (const json* mode = findAt(body, "/mode")) {
        std::optional<Mode> named = mode->is_string() ? modeByName(mode->get<std::string>()) : std::nullopt;
        if (!named) {
            ctx.error("/mode", Code::UnknownMode,
                      "mode " + describeValue(*mode) + " is not a mode: use t2v, i2v, flf, r2v or v2v");
            return false;
        }
    }
    ctx.mode = ctx.request.effectiveMode();
    if (!ctx.model->supports(ctx.mode)) {
        ctx.error(findAt(body, "/mode") ? "/mode" : "/model", Code::ModeNotSupported,
                  ctx.modelName + " does not do " + modeTitle(ctx.mode) + ": it offers " + modeList(ctx.model->modes));
        return false;
    }
    if (match.alias && !match.alias->modes.empty() && !modeListed(match.alias->modes, ctx.mode)) {
        std::string better;
        for (const Alias& alias : ctx.model->aliases)
            if (alias.routable && modeListed(alias.modes, ctx.mode) && alias.dialects == match.alias->dialects)
                better = alias.id;
        ctx.error("/model", Code::ModeNotOfferedById,
                  "\"" + ctx.modelName + "\" is the " + modeList(match.alias->modes) + " id of " + ctx.model->name +
                      "; this request is " + modeTitle(ctx.mode) +
                      (better.empty() ? std::string() : ": use \"" + better + "\""));
    }
    return true;
}

void noteUnknownLimits(Context& ctx) {
    if (ctx.model->limitsKnown) return;
    ctx.warning("/model", Code::LimitsUnknown,
                "the source documents list " + ctx.modelName +
                    " without its limits: only the request's shape and the route's own limits were checked");
}

// The inputs a mode needs are the catalog's "required" params (its "inputs" template gives every
// model seed 000's list), so each missing input is reported once, with the model's own note.
void checkModeInputs(Context& ctx) {
    for (const ParamSpec& spec : ctx.model->params) {
        if (spec.requiredIn.empty() || !modeListed(spec.requiredIn, ctx.mode)) continue;
        if (findAt(ctx.request.body, spec.path)) continue;
        // A request member leads with what to do ("add the image to animate: ..."); a provider's own
        // required option says what it is.
        const RequestMember* member = requestMember(std::string_view(spec.path).substr(1));
        const std::string toAdd = member && *member->toAdd ? std::string(member->toAdd) + ": " : std::string();
        ctx.error(spec.path, Code::InputMissing,
                  toAdd + ctx.modelName + " needs " + pointerLeaf(spec.path) + " for " + modeTitle(ctx.mode) +
                      (spec.note.empty() ? std::string() : ": " + spec.note));
    }
}

// The route's own required fields (the jobs API's prompt, in every mode), where the model did not
// already ask for them.
void checkRouteInputs(Context& ctx) {
    if (!ctx.dialectLimits) return;
    for (const ParamSpec& spec : ctx.dialectLimits->params) {
        if (spec.requiredIn.empty() || !modeListed(spec.requiredIn, ctx.mode)) continue;
        if (findAt(ctx.request.body, spec.path)) continue;
        if (std::any_of(ctx.out.begin(), ctx.out.end(), [&](const Diagnostic& d) { return d.path == spec.path; })) continue;
        ctx.error(spec.path, Code::InputMissing,
                  ctx.dialectLimits->dialect + " requests need " + pointerLeaf(spec.path) +
                      (spec.note.empty() ? std::string() : " (" + spec.note + ")"));
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Walking the request
//-----------------------------------------------------------------------------

namespace {

const ParamSpec* dialectSpec(const Context& ctx, const std::string& path) {
    return ctx.dialectLimits ? ctx.dialectLimits->param(path) : nullptr;
}

// A provider option that spells a member of the model's own (Kling's sound is audio, "on" or "off"):
// the parse left it an option because its value maps to no member value, so it is wrong, not ignored.
std::optional<ParamSpec> promotedOptionSpec(const Model& model, const std::string& path) {
    for (const Promotion& promotion : model.promotions) {
        if (promotion.option != path || promotion.valueMap.empty()) continue;
        ParamSpec spec;
        spec.path = path;
        for (const auto& [member, option] : promotion.valueMap) spec.values.push_back(option);
        const bool allStrings = std::all_of(spec.values.begin(), spec.values.end(), [](const json& v) { return v.is_string(); });
        spec.type = allStrings ? ValueType::String : ValueType::Any;
        return spec;
    }
    return std::nullopt;
}

// The model's provider option nearest to a misspelt one ("cfg_scal" -> cfgScale), or "".
std::string closestOption(const Model& model, const std::string& name) {
    const std::string prefix = "/providerOptions/" + model.provider + "/";
    std::vector<std::string> options;
    auto add = [&](const std::string& path) {  // the model's own options, not their members
        if (path.rfind(prefix, 0) == 0 && path.find('/', prefix.size()) == std::string::npos)
            options.push_back(path.substr(prefix.size()));
    };
    for (const ParamSpec& spec : model.params)
        if (spec.unsupported.empty()) add(spec.path);
    for (const Promotion& promotion : model.promotions) add(promotion.option);
    return closestName(name, options);
}

// What a value the model lists no spec for is held to: its request member's type and least value
// (n: at least 1), any value for a provider option.
ParamSpec shapeOnlySpec(std::string_view path, const RequestMember* member) {
    ParamSpec shapeOnly;
    shapeOnly.path = path;
    shapeOnly.type = member ? member->type : ValueType::Any;
    if (member) shapeOnly.min = member->least;
    return shapeOnly;
}

bool inputOfModesItLacks(const Model& model, const RequestMember* member) {
    return member && !member->inputOf.empty() &&
           std::none_of(member->inputOf.begin(), member->inputOf.end(), [&](Mode m) { return model.supports(m); });
}

// The model's own limits of one member (or of a provider option: `member` null).
void checkModelMember(Context& ctx, const std::string& path, const json& value, const RequestMember* member) {
    const ParamSpec* spec = ctx.model->param(path);
    if (!spec) {
        if (std::optional<ParamSpec> promoted = promotedOptionSpec(*ctx.model, path)) {
            checkValue(ctx, *promoted, path, value);
            return;
        }
    }
    if (spec) {
        if (!spec->modes.empty() && !modeListed(spec->modes, ctx.mode) && spec->unsupported.empty()) {
            ctx.warning(path, Code::NotUsedInMode,
                        ctx.fieldName(path) + " is used by " + ctx.modelName + " only in " + modeList(spec->modes) +
                            "; this request is " + modeTitle(ctx.mode) + ", so it will be ignored");
            return;
        }
        checkValue(ctx, *spec, path, value);
    } else if (inputOfModesItLacks(*ctx.model, member)) {
        // An input of modes the model lacks (a video for a model that edits none): the provider
        // answers a parameter error (seed 002's "Video input"), so it is not merely ignored.
        std::vector<std::string> titles;
        for (Mode m : member->inputOf) titles.push_back(modeTitle(m));
        ctx.error(path, Code::ModeNotSupported,
                  ctx.modelName + " does not do " + joinWords(titles, " or ") + " (it offers " + modeList(ctx.model->modes) +
                      "), so it cannot take " + ctx.fieldName(path) + ": remove it, or pick a model that does");
    } else {
        size_t before = ctx.out.size();
        checkValue(ctx, shapeOnlySpec(path, member), path, value);
        const bool asksNothing = member && !member->everyModelGives.is_null() && valuesEqual(member->everyModelGives, value);
        if (ctx.out.size() == before && ctx.model->limitsKnown && !asksNothing) {
            const std::string suggestion = member ? "" : closestOption(*ctx.model, pointerLeaf(path));
            ctx.warning(path, Code::OptionIgnored,
                        ctx.fieldName(path) + " is not a parameter of " + ctx.modelName + "; it will be ignored" +
                            (suggestion.empty() ? "" : ": did you mean " + suggestion + "?"));
        }
    }
}

// `member` is the canonical request member at `path`, or null for a provider option.
void checkMember(Context& ctx, const std::string& path, const json& value, const RequestMember* member) {
    const size_t before = ctx.out.size();
    checkModelMember(ctx, path, value, member);
    // The route's own limits (the jobs API's 4000 prompt characters) only where the model's passed:
    // one problem gets one message, the model's, which is the nearer and usually the stricter.
    const bool modelErred = std::any_of(ctx.out.begin() + static_cast<std::ptrdiff_t>(before), ctx.out.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (const ParamSpec* routeSpec = dialectSpec(ctx, path); routeSpec && !modelErred) checkValue(ctx, *routeSpec, path, value);
}

void checkProviderOptions(Context& ctx, const json& options) {
    for (auto ns = options.begin(); ns != options.end(); ++ns) {
        const std::string nsPath = pointerChild("/providerOptions", ns.key());
        if (ns.key() != ctx.model->provider) {
            ctx.warning(nsPath, Code::OptionIgnored,
                        "providerOptions." + ns.key() + " is ignored by " + ctx.modelName + ": its options go under " +
                            "providerOptions." + ctx.model->provider);
            continue;
        }
        if (!ns.value().is_object()) {
            ctx.error(nsPath, Code::WrongType, "providerOptions." + ns.key() + " must be an object");
            continue;
        }
        for (auto option = ns.value().begin(); option != ns.value().end(); ++option)
            checkMember(ctx, pointerChild(nsPath, option.key()), option.value(), nullptr);
    }
}

void checkWebhook(Context& ctx, const json& webhook) {
    const json* url = findAt(webhook, "/url");
    if (!url || !url->is_string() ||
        (url->get<std::string>().rfind("https://", 0) != 0 && url->get<std::string>().rfind("http://", 0) != 0)) {
        ctx.error("/webhook/url", Code::WebhookUrlInvalid, "webhook url must be an http(s) URL that receives the events");
    }
    const json* events = findAt(webhook, "/events");
    if (!events || !ctx.dialectLimits || ctx.dialectLimits->webhookEvents.empty()) return;
    if (!events->is_array()) {
        ctx.error("/webhook/events", Code::WrongType, "webhook events must be an array of event names");
        return;
    }
    const std::vector<std::string>& allowed = ctx.dialectLimits->webhookEvents;
    for (size_t i = 0; i < events->size(); ++i) {
        const json& event = (*events)[i];
        if (event.is_string() && std::find(allowed.begin(), allowed.end(), event.get<std::string>()) != allowed.end())
            continue;
        std::vector<std::string> quoted;
        for (const std::string& name : allowed) quoted.push_back("\"" + name + "\"");
        ctx.error(pointerChild("/webhook/events", i), Code::WebhookEventUnknown,
                  "webhook event " + describeValue(event) + " is not sent by the " + ctx.dialectLimits->dialect +
                      " API: use " + joinWords(quoted));
    }
}

// A model that publishes no prompt limit still gets one: the table's prompt_characters, so a
// megabyte prompt never reaches a render.
void checkPromptCeiling(Context& ctx, const std::string& path, const json& value) {
    const ParamSpec* own = ctx.model->param(path);
    const ParamSpec* route = dialectSpec(ctx, path);
    if (!value.is_string() || (own && own->maxLength) || (route && route->maxLength)) return;
    const size_t length = codePointCount(value.get_ref<const std::string&>());
    if (length <= kPromptCharacters.value) return;
    ctx.error(path, Code::TooLong,
              ctx.fieldName(path) + " has " + std::to_string(length) + " characters; " + ctx.modelName +
                  " publishes no limit, so at most " + std::to_string(kPromptCharacters.value) +
                  " are taken (limit " + std::string(kPromptCharacters.name) + ")");
}

// Every member's own checks, in the body's order (the rules come after, in validateRequest).
void walkMembers(Context& ctx) {
    const json& body = ctx.request.body;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string& name = it.key();
        const std::string path = pointerChild("", name);
        if (name == "model" || name == "mode" || name == "dialectOptions") continue;
        const RequestMember* member = requestMember(name);
        if (!member) {
            ctx.warning(path, Code::UnknownField, name + " is not part of a video request; it will be ignored");
            continue;
        }
        if (name == "providerOptions") {
            if (it.value().is_object()) checkProviderOptions(ctx, it.value());
            else ctx.error(path, Code::WrongType, "providerOptions must be an object of provider namespaces");
            continue;
        }
        if (name == "webhook") {
            // A route's field, not a model's: the dialect carries it or refuses it at build time.
            if (it.value().is_object()) checkWebhook(ctx, it.value());
            else ctx.error(path, Code::WrongType, "webhook must be an object {\"url\", \"events\"}");
            continue;
        }
        checkMember(ctx, path, it.value(), member);
        if (name == "prompt") checkPromptCeiling(ctx, path, it.value());
    }
}

// A request read from a dialect's input is reported in the input's own terms, at a place the
// input has: a member it lacks (a shot's prompt, the image to animate) at the object that
// should hold it. A request built in the playground (no origin) keeps canonical paths.
void toInputPaths(Context& ctx) {
    if (ctx.request.origin.entries.empty()) return;
    for (Diagnostic& d : ctx.out) {
        std::string present = d.path;
        while (!present.empty() && !findAt(ctx.request.body, present)) present.resize(present.rfind('/'));
        d.path = ctx.request.origin.inputPointer(present);
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry point
//-----------------------------------------------------------------------------

Diagnostics validateRequest(const Request& request, const Catalog& catalog, std::string_view dialect) {
    Context ctx{request, catalog, nullptr, {}, Mode::T2V, nullptr, {}, {}};
    if (!dialect.empty()) ctx.dialectLimits = catalog.limitsFor(dialect);
    if (!request.body.is_object()) {
        ctx.error("", Code::WrongType, "a request must be a JSON object");
    } else if (resolveModel(ctx)) {
        noteUnknownLimits(ctx);
        checkModeInputs(ctx);
        checkRouteInputs(ctx);
        walkMembers(ctx);
        for (const RuleSpec& rule : ctx.model->rules) applyRule(rule, *ctx.model, ctx.request, ctx.out);
    }
    toInputPaths(ctx);
    return std::move(ctx.out);
}

std::optional<ParamSpec> unlistedSpec(const Model& model, std::string_view path) {
    if (model.limitsKnown || model.param(path) || promotedOptionSpec(model, std::string(path))) return std::nullopt;
    const std::string options = "/providerOptions/" + model.provider + "/";
    const std::string_view name = path.substr(1);
    if (path.starts_with(options) && path.find('/', options.size()) == std::string_view::npos) return shapeOnlySpec(path, nullptr);
    // walkMembers' other members: not providerOptions or webhook, which it reads its own way
    const RequestMember* member = name.find('/') == std::string_view::npos ? requestMember(name) : nullptr;
    if (!member || name == "providerOptions" || name == "webhook" || inputOfModesItLacks(model, member)) return std::nullopt;
    return shapeOnlySpec(path, member);
}

Diagnostics validateMembers(const Request& request, const Catalog& catalog, std::string_view dialect, Mode mode) {
    Context ctx{request, catalog, nullptr, request.modelId(), mode, nullptr, {}, {}};
    if (!dialect.empty()) ctx.dialectLimits = catalog.limitsFor(dialect);
    ctx.model = catalog.resolve(ctx.modelName).model;
    if (ctx.model) {
        noteUnknownLimits(ctx);
        walkMembers(ctx);
    }
    toInputPaths(ctx);
    return std::move(ctx.out);
}

}  // namespace vg
