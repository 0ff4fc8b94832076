// VideoGen core: copyable code for a built request (the playground's "copy as" menu).
// From an HttpRequest that buildRequest made for a dialect, and the gateway's base URL, this renders
// the same call as JSON, cURL, JavaScript fetch, an AI SDK call or Python (standard library only).
// The API key is never in the text: a snippet sends the environment variable VIDEOGEN_API_KEY (the
// shell's $VIDEOGEN_API_KEY, process.env, os.environ) when it is set and no key when it is not, so a
// copied snippet is safe to paste and runs as it is against the local gateway, which needs none.
// Inline media above kSnippetInlineLimit is not pasted into cURL, fetch, AI SDK or Python code: the
// snippet reads a file, and the Snippet lists the files (name and content) for the caller to save
// next to it (the core does no I/O).
#pragma once

#include "dialects/dialect.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

enum class SnippetFormat { Json, Curl, Fetch, AiSdk, Python };
inline constexpr SnippetFormat kAllSnippetFormats[] = {SnippetFormat::Json, SnippetFormat::Curl,
                                                       SnippetFormat::Fetch, SnippetFormat::AiSdk,
                                                       SnippetFormat::Python};

const char* snippetFormatName(SnippetFormat format);   // "json", "curl", "fetch", "aisdk", "python"
const char* snippetFormatTitle(SnippetFormat format);  // "JSON", "cURL", "JavaScript fetch", "AI SDK", "Python"

// The environment variable the snippets read the key from.
inline constexpr const char* kApiKeyVariable = "VIDEOGEN_API_KEY";

// Inline media (a data URL, or raw base64 of a known format) longer than this many characters goes
// to a file the snippet reads instead of into its text. 4 KiB keeps a tiny icon readable inline; a
// real image or clip is hundreds of KB to megabytes, which buries the code, floods a terminal and,
// in cURL, passes the limit on one command-line argument (128 KiB on Linux).
inline constexpr size_t kSnippetInlineLimit = 4096;

// A file a snippet reads, to be saved in the folder the snippet runs in.
struct SnippetFile {
    std::string name;   // "request.json", "prompt-image.png": the name the snippet opens
    std::string about;  // what it holds, for people: "the image at /prompt/image (png, 48 KB)"
    std::string bytes;  // its content (decoded media; the body's JSON text for request.json)
};

struct Snippet {
    std::string text;
    std::vector<SnippetFile> files;  // empty when the text holds everything
};

// Renders `http` (built by buildRequest for `dialect`) as `format`. `baseUrl` is the gateway's
// absolute origin and prefix, "http://127.0.0.1:8000" or "https://api.example.com" (trailing slashes
// are dropped); the request's path is appended to it.
// - Json: the body alone, indented.
// - AiSdk: an experimental_generateVideo call through createGateway for the aisdk and gateway
//   dialects (a gateway request is converted to the SDK's options by the core); for the other
//   dialects a comment says they are not AI SDK dialects, followed by the fetch snippet.
// - Curl, Fetch, Python for the aisdk dialect: an SDK call has no HTTP form of its own, so these show
//   the request the AI SDK's gateway provider sends for it (the gateway dialect), saying so.
// Media above kSnippetInlineLimit: cURL sends the body from request.json (`--data-binary @`); fetch,
// the AI SDK and Python read each such value's decoded file ("prompt-image.png", named after its
// place in the body) and base64-encode it back where it stands. Json always holds the whole body.
// Never throws; a request the core cannot convert yields a comment that says why.
Snippet renderSnippet(SnippetFormat format, Dialect dialect, const HttpRequest& http, std::string_view baseUrl);

}  // namespace vg
