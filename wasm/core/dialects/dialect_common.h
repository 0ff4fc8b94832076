// VideoGen core: the table-driven engine shared by every dialect.
// A dialect is data: where each canonical member lives in its body (FieldMap rows), how a value
// crosses (a Codec), where provider options go, and which route-only fields it keeps. One engine
// parses and builds every dialect from that data, so parse, build and wirePointer cannot disagree.
//
// Index
// [SECTION] Dialect specs (the data)
// [SECTION] The engine
// [SECTION] Helpers shared with dialect.cpp and tests
#pragma once

#include "catalog/catalog.h"
#include "request/diagnostics.h"
#include "dialects/dialect.h"
#include "request/request.h"
#include "text/json_leaves.h"
#include "text/json_path.h"
#include "text/text_format.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Dialect specs (the data)
//-----------------------------------------------------------------------------

// How one value crosses between the canonical body and the wire.
enum class Codec {
    Value,           // the same JSON value on both sides (type checked against the canonical member)
    Media,           // a media string; an AI SDK file object when the spec says mediaAsFileObjects
    SecondsString,   // number of seconds <-> decimal string ("8"), OpenAI `seconds`
    UrlOrDataUrl,    // media the wire wants as a URL or data URL: build prefixes raw base64 with data:
    RawBase64,       // media; build takes raw base64 only (unified `input_image_b64`)
    LastFrameImage,  // frameImages [{image, frameType:"last_frame"}] (AI SDK frame images)
    FirstFrameImage, // frameImages [{image, frameType:"first_frame"}] (parse only: the SDK prefers it to prompt.image)
    References,      // inputReferences: [media | {data, mediaType}] <-> [{url, type}]
    Size,            // OpenAI `size` "WxH" <-> resolution + aspectRatio (see kOpenAiSizes)
    SdkResolution,   // the AI SDK's "WxH" (ai 7 types no other form) <-> the model's own resolution (sdk_forms.h)
};

// The frameType a frame-image codec reads and writes ("first_frame", "last_frame"); null for
// every other codec.
const char* frameTypeOf(Codec codec);

struct FieldMap {
    const char* canonical;   // "/duration"
    const char* wire;        // "/seconds" (pointer into the body)
    Codec codec = Codec::Value;
    bool parseOnly = false;  // an alternative spelling accepted on parse, never built
};
// Parse takes the first row present for a member (a later one present too is a warning); build
// takes the first row of a member that accepts the value (RawBase64 rows before UrlOrDataUrl).

// Where a dialect puts provider options.
enum class OptionsStyle {
    None,        // nowhere: any provider option is not expressible
    Nested,      // AI SDK: /providerOptions/<namespace>/<name>, every namespace
    FlatSnake,   // unified: /provider_options/<snake_name>, the model's own namespace only
    FlatCamel,   // jobs: /parameters/<name> beside the shared parameters, the model's own namespace only
};

struct DialectSpec {
    Dialect dialect;
    const char* path;                          // build's path
    std::vector<const char*> acceptedPaths = {};    // envelope paths detection and parse accept (build's first)
    const char* modelWire;                     // "/model", "/provider"; "" = header `ai-model-id`
    std::vector<FieldMap> fields = {};
    OptionsStyle options = OptionsStyle::None;
    const char* optionsWire = "";              // "/providerOptions", "/provider_options", "/parameters"
    std::vector<const char*> optionsAliases = {};   // parse-only spellings of optionsWire ("/metadata")
    bool promotionsFirst = false;              // true: a promoted member always goes into provider options
                                               // (the AI SDK, seed 001); false: only when the body has no place
    bool promptObjectWhenImage = false;        // build writes prompt {text,image}, a string when no image
    bool mediaAsFileObjects = false;           // media values travel as AI SDK file objects (the gateway)
    bool sdkForms = false;                     // parse maps the AI SDK's resolution ("WIDTHxHEIGHT") and
                                               // aspectRatio ("adaptive") onto what the model offers
    std::vector<const char*> routeOnly = {};        // top-level fields kept in dialectOptions ("user")
    std::vector<std::pair<const char*, const char*>> headers = {};  // fixed request headers
};

// The one spec of each dialect, defined in its dialect_<name>.cpp.
// The AI SDK's video call options after the prompt and image, which aisdk and gateway spell alike
// (the gateway's body is the SDK's call options): `promptAndImage` followed by them.
std::vector<FieldMap> withSdkCallOptions(std::vector<FieldMap> promptAndImage);

const DialectSpec& aisdkSpec();
const DialectSpec& gatewaySpec();
const DialectSpec& openaiSpec();
const DialectSpec& unifiedSpec();
const DialectSpec& jobsSpec();
const DialectSpec& creativeHubSpec();
const DialectSpec& specFor(Dialect dialect);

// OpenAI sizes (openai 7.60.0 `VideoSize`: 720x1280, 1280x720, 1024x1792, 1792x1024) as canonical
// resolution + aspect ratio, plus 480p and 1080p pairs: seed 002 routes every catalog model through
// /v1/videos (Grok 480p, Veo 1080p), and these are those resolutions' usual 16:9 / 9:16 frames.
struct SizeRow {
    const char* size;
    const char* resolution;
    const char* aspectRatio;
};
extern const std::vector<SizeRow> kOpenAiSizes;
// An OpenAI size read for `model` (null: unknown): its resolution, literal when the model lists the
// size as a resolution of its own or the table lacks it, else the table row's resolution and aspect
// ratio (nullptr when the size gives none).
struct SizeReading {
    std::string resolution;
    const char* aspectRatio = nullptr;
};
SizeReading readOpenAiSize(const Model* model, std::string_view size);

// A promoted value across (Kling's audio true <-> sound "on"): to the option's value (`toOption`) or
// back to the canonical member's; nullopt when the promotion maps no such value.
std::optional<json> mapPromotedValue(const Promotion& promotion, const json& value, bool toOption);
// The same from a plain option value to the canonical member's (a view into the promotion's map).
std::optional<PlainValue> promotedMember(const Promotion& promotion, const PlainValue& option);

//-----------------------------------------------------------------------------
// [SECTION] The engine
//-----------------------------------------------------------------------------

// Consumes `input`'s media strings (moved into the request); see parseRequest.
ParseOutcome parseWithSpec(const DialectSpec& spec, json& input, const Catalog& catalog);
BuildOutcome buildWithSpec(const DialectSpec& spec, const Request& request, const Catalog& catalog);
std::string wirePointerWithSpec(const DialectSpec& spec, const Model& model, const std::string& canonicalPointer);

//-----------------------------------------------------------------------------
// [SECTION] Helpers shared with dialect.cpp and tests
//-----------------------------------------------------------------------------

// An envelope is {method?, path?, headers?, body}: an object with a `body` and a `path` or `method`.
bool isEnvelope(const json& input);
// Whether a plain value has the JSON type the parse takes for the canonical member `canonical`
// (fitsShape's verdict on a value the compiled check read without a tree).
bool plainFitsShape(std::string_view canonical, const PlainValue& value);
// The same for any value (an array the compiled check read item by item).
bool fitsCanonicalShape(std::string_view canonical, const json& value);
// Whether `alias` is an id of `dialect`'s (an alias limited to no dialects is every dialect's).
bool aliasServes(const Alias& alias, std::string_view dialect);
// OpenAI's `seconds` text ("8") as the canonical duration; nullopt when it is no number.
std::optional<json> secondsOfText(const std::string& text);
// NOTE from the lead: findAt/pointerTokens/pointerLeaf live in json_path.h, and describeValue,
// joinWords, closestCandidates in text_format.h (shared by validate/rules/catalog): use those, do not
// define second copies (same names in namespace vg would not link).
// "string \"x\"", "number 5": a value with its JSON kind, for "got ..." messages.
std::string describeTypedValue(const json& value);

}  // namespace vg
