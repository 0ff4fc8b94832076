// VideoGen core: copyable code for a built request (the playground's "copy as" menu).
// From an HttpRequest that buildRequest made for a dialect, and the gateway's base URL, this renders
// the same call as JSON, cURL, JavaScript fetch, an AI SDK call or Python (standard library only).
// The API key is never in the text: every snippet reads the environment variable VIDEOGEN_API_KEY
// (the shell's $VIDEOGEN_API_KEY, process.env, os.environ), so a copied snippet is safe to paste.
#pragma once

#include "dialects/dialect.h"

#include <string>
#include <string_view>

namespace vg {

enum class SnippetFormat { Json, Curl, Fetch, AiSdk, Python };
inline constexpr SnippetFormat kAllSnippetFormats[] = {SnippetFormat::Json, SnippetFormat::Curl,
                                                       SnippetFormat::Fetch, SnippetFormat::AiSdk,
                                                       SnippetFormat::Python};

const char* snippetFormatName(SnippetFormat format);   // "json", "curl", "fetch", "aisdk", "python"
const char* snippetFormatTitle(SnippetFormat format);  // "JSON", "cURL", "JavaScript fetch", "AI SDK", "Python"

// The environment variable the snippets read the key from.
inline constexpr const char* kApiKeyVariable = "VIDEOGEN_API_KEY";

// Renders `http` (built by buildRequest for `dialect`) as `format`. `baseUrl` is the gateway's
// absolute origin and prefix, "http://127.0.0.1:8000" or "https://api.example.com" (trailing slashes
// are dropped); the request's path is appended to it.
// - Json: the body alone, indented.
// - AiSdk: an experimental_generateVideo call through createGateway for the aisdk and gateway
//   dialects (a gateway request is converted to the SDK's options by the core); for the other
//   dialects a comment says they are not AI SDK dialects, followed by the fetch snippet.
// - Curl, Fetch, Python for the aisdk dialect: an SDK call has no HTTP form of its own, so these show
//   the request the AI SDK's gateway provider sends for it (the gateway dialect), saying so.
// Never throws; a request the core cannot convert yields a comment that says why.
std::string renderSnippet(SnippetFormat format, Dialect dialect, const HttpRequest& http, std::string_view baseUrl);

}  // namespace vg
