// VideoGen core: gateway dialects.
// A dialect is one gateway's wire format. Each can parse an input (a bare body, or the envelope
// {method, path, headers, body} that build prints) into the canonical Request, and build a
// canonical Request back into an HTTP request for that gateway.
//
// | name         | submit                                                   | source         |
// |--------------|----------------------------------------------------------|----------------|
// | aisdk        | AI SDK experimental_generateVideo call options (JSON)    | seed 001       |
// | gateway      | POST /v4/ai/video-model (+ start, status), ai-model-id    | seeds 000/001  |
// | openai       | POST /v1/videos                                          | OpenAI; seed 002 |
// | unified      | POST /v1/video/generations                               | seed 002       |
// | jobs         | POST /v2/videos/generate                                 | seed 004       |
// | creative-hub | POST /api/v1/creative-hub/generate/video                 | seed 003       |
#pragma once

#include "catalog/catalog.h"
#include "request/diagnostics.h"
#include "request/request.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

using json = nlohmann::json;

enum class Dialect { AiSdk, Gateway, OpenAI, Unified, Jobs, CreativeHub };
inline constexpr Dialect kAllDialects[] = {Dialect::AiSdk,   Dialect::Gateway, Dialect::OpenAI,
                                           Dialect::Unified, Dialect::Jobs,    Dialect::CreativeHub};

const char* dialectName(Dialect dialect);  // "creative-hub"
// One line for people: what speaking this dialect means ("an asynchronous jobs API: a job id ...").
const char* dialectDescription(Dialect dialect);
std::optional<Dialect> dialectByName(std::string_view name);
std::string dialectNameList();             // "aisdk, gateway, openai, unified, jobs, creative-hub"

struct HttpRequest {
    std::string method = "POST";
    std::string path;               // "/v1/video/generations"
    json headers = json::object();  // lower-case names; never an API key (the caller adds it)
    json body;                      // JSON body (multipart forms are described as JSON fields)
    json toJson() const;            // {"method","path","headers","body"}
};

// Which dialect an input is written in: from an envelope's path, else from the body's shape.
// Returns nullopt when nothing identifies it.
std::optional<Dialect> detectDialect(const json& input);
// The same from what a reader knows without a tree: the envelope's path (nullopt: no envelope, or
// a path that is no string), the body's top-level names, and the body's string member `name`.
using BodyText = std::function<std::optional<std::string_view>(std::string_view name)>;
std::optional<Dialect> detectDialect(std::optional<std::string_view> envelopePath, const std::vector<std::string_view>& bodyNames,
                                     const BodyText& bodyText);

struct ParseOutcome {
    Request request;
    Diagnostics diagnostics;  // shape problems (wrong types, unknown fields); paths into the input
    bool usable = true;       // false when no canonical request could be formed at all
};

// Reads `input` into the canonical request. The rvalue form consumes the input: its media strings
// (a 9 MB inline image) move into the request instead of being copied, and are left empty there.
ParseOutcome parseRequest(Dialect dialect, json&& input, const Catalog& catalog);
ParseOutcome parseRequest(Dialect dialect, const json& input, const Catalog& catalog);

struct BuildOutcome {
    std::optional<HttpRequest> http;  // empty when the dialect cannot express the request
    Diagnostics diagnostics;          // why not (code "not_expressible", "model_not_in_dialect", ...)
};

// Builds a canonical request (already validated) for `dialect`: model id translated through the
// catalog's aliases, promoted fields moved into provider options where the dialect wants them.
BuildOutcome buildRequest(Dialect dialect, const Request& request, const Catalog& catalog);

// Where a canonical member ("/duration", "/providerOptions/klingai/cfgScale") lives in `dialect`'s
// body for `model` ("/seconds", "/provider_options/cfg_scale"); "" when the dialect cannot express it
// (and for the gateway's model, which travels in the ai-model-id header). Members that share one
// wire field say so by returning the same pointer (openai resolution and aspectRatio: "/size").
// Read from the same tables parse and build use, so schemas and diagnostics agree with them.
std::string wirePointer(Dialect dialect, const Model& model, const std::string& canonicalPointer);

// Where a canonical member ("/duration", "/providerOptions/klingai/cfgScale") lives in `dialect`'s
// body for `model` ("/seconds"); "" when the dialect cannot express it. Schemas use this.
std::string wirePointer(Dialect dialect, const Model& model, const std::string& canonicalPointer);

}  // namespace vg
