// VideoGen core: copyable code for a built request (see snippets.h).
//
// Index
// [SECTION] Literals: JSON text re-spelled for Python and JavaScript, shell quoting
// [SECTION] Inline media to files
// [SECTION] Dialect conversion (aisdk <-> gateway, through the core)
// [SECTION] The five formats
// [SECTION] Public API
//
// Every value reaches the output through a JSON serializer, re-spelled token by token where the
// target language differs (Python's True/False/None, JavaScript's bare keys), or through shell
// single quotes; nothing is pasted into code unescaped, so a prompt with quotes, newlines or
// `'); rm -rf ~` stays data.
#include "dialects/snippets.h"

#include "catalog/catalog.h"
#include "dialects/dialect_wire.h"
#include "media/media.h"
#include "text/json_path.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <utility>

namespace vg {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Literals: JSON text re-spelled for Python and JavaScript, shell quoting
//-----------------------------------------------------------------------------

// Never throws: a string that is not UTF-8 (it cannot be, after json_input) would be replaced, not fatal.
std::string dumpJson(const json& value, int indent) {
    return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

// A JSON string literal is also a valid JavaScript and Python string literal (JSON's escapes
// \" \\ \b \f \n \r \t \uXXXX mean the same in both), so strings are quoted this way everywhere.
std::string stringLiteral(std::string_view text) { return dumpJson(json(std::string(text)), -1); }

bool isJsIdentifier(std::string_view name) {
    auto identStart = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; };
    auto identPart = [&](char c) { return identStart(c) || (c >= '0' && c <= '9'); };
    if (name.empty() || !identStart(name.front())) return false;
    for (char c : name)
        if (!identPart(c)) return false;
    return true;
}

enum class LiteralStyle { Python, JavaScript };

// Re-spells JSON text (as dump() writes it) in one pass over its tokens: Python gets True, False and
// None for the bare words; JavaScript gets object keys without quotes where they are identifiers.
// Strings are copied as they are (see stringLiteral()).
std::string respellJson(std::string_view text, LiteralStyle style) {
    static constexpr std::pair<std::string_view, std::string_view> kPythonWords[] = {
        {"true", "True"}, {"false", "False"}, {"null", "None"}};
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"') {
            size_t end = i + 1;
            while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
            end = std::min(end + 1, text.size());
            std::string_view token = text.substr(i, end - i);
            std::string_view inner = token.size() >= 2 ? token.substr(1, token.size() - 2) : std::string_view{};
            const bool isKey = end < text.size() && text[end] == ':';
            out += style == LiteralStyle::JavaScript && isKey && isJsIdentifier(inner) ? inner : token;
            i = end;
            continue;
        }
        bool replaced = false;
        if (style == LiteralStyle::Python) {
            for (const auto& [word, spelling] : kPythonWords) {
                if (text.substr(i, word.size()) == word) {
                    out += spelling;
                    i += word.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

// POSIX shell single quotes: nothing inside is special except the quote itself, written '\''.
std::string shellQuoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Lines of `text` after the first get `prefix` (for nesting an indented literal inside code).
std::string indentContinuation(const std::string& text, std::string_view prefix) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') out += prefix;
    }
    return out;
}

std::string commentLines(std::string_view text, std::string_view marker) {
    std::string out = std::string(marker) + " ";
    for (char c : text) {
        out += c;
        if (c == '\n') out.append(marker).append(" ");
    }
    return out + "\n";
}

std::string joinUrl(std::string_view baseUrl, std::string_view path) {
    while (!baseUrl.empty() && baseUrl.back() == '/') baseUrl.remove_suffix(1);
    return std::string(baseUrl) + std::string(path);
}

// Header values are strings; anything else is written as its JSON text.
std::string headerText(const json& value) { return value.is_string() ? value.get<std::string>() : dumpJson(value, -1); }

bool hasBody(const HttpRequest& http) { return !http.body.is_null(); }

//-----------------------------------------------------------------------------
// [SECTION] Inline media to files
//-----------------------------------------------------------------------------

// One inline media value above kSnippetInlineLimit, moved out of the body into a file.
struct MediaFile {
    std::string placeholder;    // the string standing for the value in BodyFiles::body
    std::string dataUrlPrefix;  // "data:image/png;base64," before the file's base64; "" for raw base64
    SnippetFile file;           // the decoded bytes
};

struct BodyFiles {
    json body;                     // the request's body, each moved value replaced by its placeholder
    std::vector<MediaFile> media;  // in the body's order
};

std::string sizeText(size_t bytes) {
    return bytes < 1024 * 1024 ? std::to_string((bytes + 1023) / 1024) + " KB"
                               : std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MB";
}

// "/prompt/image" -> "prompt-image.png": a name that says where the value was, unique in `taken`.
std::string mediaFileName(const std::string& pointer, const std::string& format, const std::vector<MediaFile>& taken) {
    std::string stem;
    for (const std::string& token : pointerTokens(pointer)) {
        if (!stem.empty()) stem += '-';
        for (char c : token) {
            const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            stem += plain ? c : '_';
        }
    }
    if (stem.empty()) stem = "media";
    const std::string extension = "." + (format.empty() ? std::string("bin") : format);
    std::string name = stem + extension;
    for (int n = 2; std::any_of(taken.begin(), taken.end(), [&](const MediaFile& m) { return m.file.name == name; }); ++n)
        name = stem + "-" + std::to_string(n) + extension;
    return name;
}

// The value as a file when it is inline media above the limit: a base64 data URL, or raw base64
// of a format the core recognises (a long prompt is not media).
std::optional<MediaFile> mediaFileFor(const std::string& value, const std::string& pointer, const std::vector<MediaFile>& taken) {
    if (value.size() <= kSnippetInlineLimit) return std::nullopt;
    const MediaInfo info = probeMediaValue(value);
    if (!info.problem.empty()) return std::nullopt;
    std::string prefix;
    if (info.encoding == MediaEncoding::DataUrl) {
        const size_t comma = value.find(',');
        if (comma == std::string::npos || comma < 7 || value.compare(comma - 7, 7, ";base64") != 0) return std::nullopt;
        prefix = value.substr(0, comma + 1);
    } else if (info.encoding != MediaEncoding::RawBase64 || info.format.empty()) {
        return std::nullopt;
    }
    std::optional<std::vector<uint8_t>> bytes = decodeBase64(std::string_view(value).substr(prefix.size()));
    if (!bytes) return std::nullopt;
    MediaFile media;
    media.dataUrlPrefix = prefix;
    media.file.name = mediaFileName(pointer, info.format, taken);
    media.file.about = "the media at " + pointer + " (" + (info.format.empty() ? "unknown format" : info.format) +
                       ", " + sizeText(bytes->size()) + ")";
    media.file.bytes.assign(bytes->begin(), bytes->end());
    return media;
}

void moveMediaOut(json& value, const std::string& pointer, const std::string& placeholderPrefix, BodyFiles& out) {
    auto escaped = [](const std::string& key) {  // RFC 6901
        std::string token;
        for (char c : key) token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        return token;
    };
    if (value.is_object()) {
        for (auto& [key, member] : value.items()) moveMediaOut(member, pointer + "/" + escaped(key), placeholderPrefix, out);
    } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i) moveMediaOut(value[i], pointer + "/" + std::to_string(i), placeholderPrefix, out);
    } else if (value.is_string()) {
        std::optional<MediaFile> media = mediaFileFor(value.get_ref<const std::string&>(), pointer, out.media);
        if (!media) return;
        media->placeholder = placeholderPrefix + std::to_string(out.media.size());
        value = media->placeholder;
        out.media.push_back(std::move(*media));
    }
}

BodyFiles bodyFiles(const HttpRequest& http) {
    BodyFiles out{http.body, {}};
    // A placeholder no text of the body contains, so replacing its quoted token replaces only it.
    const std::string text = dumpJson(http.body, -1);
    std::string prefix = "vgen-file-";
    while (text.find(prefix) != std::string::npos) prefix = "_" + prefix;
    moveMediaOut(out.body, "", prefix, out);
    return out;
}

// `literal` (the placeholder body re-spelled) with each placeholder's token replaced by code that
// reads its file back as the value: `encode(name)` is the language's base64 of a file's bytes.
std::string withFileReads(std::string literal, const BodyFiles& files, std::string (*encode)(const std::string&)) {
    for (const MediaFile& media : files.media) {
        const std::string token = stringLiteral(media.placeholder);
        const size_t at = literal.find(token);
        if (at == std::string::npos) continue;
        std::string code = encode(media.file.name);
        if (!media.dataUrlPrefix.empty()) code = stringLiteral(media.dataUrlPrefix) + " + " + code;
        literal.replace(at, token.size(), code);
    }
    return literal;
}

std::vector<SnippetFile> filesOf(const BodyFiles& files) {
    std::vector<SnippetFile> out;
    for (const MediaFile& media : files.media) out.push_back(media.file);
    return out;
}

// "name: what it holds" a line, as comments, after a line saying where the files are read from.
std::string fileComment(const std::vector<SnippetFile>& files, std::string_view marker) {
    std::string text = std::string(marker) + " Reads from the folder it runs in (media too large to paste here):\n";
    for (const SnippetFile& file : files) text += std::string(marker) + "   " + file.name + ": " + file.about + "\n";
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] Dialect conversion (aisdk <-> gateway, through the core)
//-----------------------------------------------------------------------------

struct Converted {
    std::optional<HttpRequest> http;
    std::string problem;  // why not, when http is empty
};

std::string errorMessages(const Diagnostics& diagnostics) {
    std::string text;
    for (const Diagnostic& d : diagnostics)
        if (d.severity == Severity::Error) text += (text.empty() ? "" : "; ") + d.message;
    return text.empty() ? "no reason given" : text;
}

// The same request in another dialect: parsed back from the envelope, built for `to`.
Converted convert(const HttpRequest& http, Dialect from, Dialect to) {
    try {
        const Catalog& catalog = builtinCatalog();
        ParseOutcome parsed = parseRequest(from, http.toJson(), catalog);
        if (!parsed.usable || hasErrors(parsed.diagnostics)) return {std::nullopt, errorMessages(parsed.diagnostics)};
        BuildOutcome built = buildRequest(to, parsed.request, catalog);
        if (!built.http || hasErrors(built.diagnostics)) return {std::nullopt, errorMessages(built.diagnostics)};
        return {std::move(built.http), ""};
    } catch (const std::exception& error) {
        return {std::nullopt, error.what()};
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The five formats
//-----------------------------------------------------------------------------

const std::string kBearerPrefix = "Bearer ";

// The body's JSON text with large media inline goes to this file, which cURL sends as it is.
const std::string kCurlBodyFile = "request.json";

Snippet curlSnippet(const HttpRequest& http, std::string_view baseUrl) {
    Snippet snippet;
    std::string& text = snippet.text;
    // The body goes to a file when any media in it is too large to paste (the shell's argument limit).
    const bool bodyFile = hasBody(http) && !bodyFiles(http).media.empty();
    // "Authorization:" with nothing after it sends no such header, so the key goes only when set.
    text += std::string("# ") + kApiKeyVariable + " is sent when set; the local gateway needs none.\n";
    if (bodyFile) {
        snippet.files.push_back({kCurlBodyFile, "the request body, with its media inline", dumpJson(http.body, 2) + "\n"});
        text += fileComment(snippet.files, "#");
    }
    text += "curl";
    // curl infers GET without data and POST with it; anything else is spelled out.
    const bool implied = (http.method == "POST" && hasBody(http)) || (http.method == "GET" && !hasBody(http));
    if (!implied) text += " -X " + shellQuoted(http.method);
    text += " " + shellQuoted(joinUrl(baseUrl, http.path)) + " \\\n";
    // Double quotes here on purpose: the shell expands the variable, so the key never sits in the text.
    text += std::string("  -H \"Authorization:${") + kApiKeyVariable + ":+ " + kBearerPrefix + "$" + kApiKeyVariable + "}\"";
    for (const auto& [name, value] : http.headers.items())
        text += " \\\n  -H " + shellQuoted(name + ": " + headerText(value));
    if (bodyFile) {
        text += " \\\n  --data-binary @" + kCurlBodyFile;
    } else if (hasBody(http)) {
        text += " \\\n  --data-raw " + shellQuoted(dumpJson(http.body, 2));
    }
    text += "\n";
    return snippet;
}

// `{ "name": "value", ... }` of the request's own headers for JavaScript or Python; members one
// `indent` deeper than the closing brace. The key is added by the snippet only when it is set.
std::string headerLiteral(const HttpRequest& http, const std::string& indent) {
    if (http.headers.empty()) return "{}";
    std::string text = "{\n";
    for (const auto& [name, value] : http.headers.items())
        text += indent + stringLiteral(name) + ": " + stringLiteral(headerText(value)) + ",\n";
    return text + "}";
}

std::string jsFileBase64(const std::string& name) { return "readFileSync(" + stringLiteral(name) + ", \"base64\")"; }
std::string pythonFileBase64(const std::string& name) { return "file_base64(" + stringLiteral(name) + ")"; }

Snippet fetchSnippet(const HttpRequest& http, std::string_view baseUrl) {
    const BodyFiles files = bodyFiles(http);
    Snippet snippet{"", filesOf(files)};
    std::string& text = snippet.text;
    if (snippet.files.empty()) {
        text += std::string("// Node 18+ or a browser. ") + kApiKeyVariable + " is sent when set; the local gateway needs none.\n";
    } else {
        text += std::string("// Node 18+ (save as .mjs). ") + kApiKeyVariable + " is sent when set; the local gateway needs none.\n";
        text += fileComment(snippet.files, "//");
        text += "import { readFileSync } from \"node:fs\";\n\n";
    }
    text += std::string("const apiKey = globalThis.process?.env.") + kApiKeyVariable + ";\n";
    text += "const headers = " + headerLiteral(http, "  ") + ";\n";
    text += "if (apiKey) headers.Authorization = " + stringLiteral(kBearerPrefix) + " + apiKey;\n";
    text += "const response = await fetch(" + stringLiteral(joinUrl(baseUrl, http.path)) + ", {\n";
    text += "  method: " + stringLiteral(http.method) + ",\n";
    text += "  headers,\n";
    if (hasBody(http)) {
        const std::string literal = respellJson(dumpJson(files.body, 2), LiteralStyle::JavaScript);
        text += "  body: JSON.stringify(" + indentContinuation(withFileReads(literal, files, jsFileBase64), "  ") + "),\n";
    }
    text += "});\n";
    text += "console.log(response.status, await response.text());\n";
    return snippet;
}

Snippet pythonSnippet(const HttpRequest& http, std::string_view baseUrl) {
    const BodyFiles files = bodyFiles(http);
    Snippet snippet{"", filesOf(files)};
    std::string& text = snippet.text;
    text += std::string("# Python 3, standard library only. ") + kApiKeyVariable +
            " is sent when set; the local gateway needs none.\n";
    if (!snippet.files.empty()) text += fileComment(snippet.files, "#");
    text += snippet.files.empty() ? "" : "import base64\n";
    text += "import json\nimport os\nimport urllib.request\n\n";
    if (!snippet.files.empty()) {
        text += "\ndef file_base64(name):\n";
        text += "    with open(name, \"rb\") as file:\n";
        text += "        return base64.b64encode(file.read()).decode(\"ascii\")\n\n\n";
    }
    if (hasBody(http)) {
        const std::string literal = respellJson(dumpJson(files.body, 4), LiteralStyle::Python);
        text += "body = " + withFileReads(literal, files, pythonFileBase64) + "\n\n";
    }
    text += "headers = " + headerLiteral(http, "    ") + "\n";
    text += std::string("if os.environ.get(\"") + kApiKeyVariable + "\"):\n";
    text += std::string("    headers[\"Authorization\"] = ") + stringLiteral(kBearerPrefix) + " + os.environ[\"" +
            kApiKeyVariable + "\"]\n";
    text += "request = urllib.request.Request(\n";
    text += "    " + stringLiteral(joinUrl(baseUrl, http.path)) + ",\n";
    if (hasBody(http)) text += "    data=json.dumps(body).encode(\"utf-8\"),\n";
    text += "    headers=headers,\n";
    text += "    method=" + stringLiteral(http.method) + ",\n";
    text += ")\n";
    text += "with urllib.request.urlopen(request) as response:\n";
    text += "    print(response.status, response.read().decode(\"utf-8\"))\n";
    return snippet;
}

// The path of createGateway's baseURL: the gateway's held-open route less the "/video-model" the
// SDK appends ("/v4/ai").
std::string sdkBasePath() {
    const std::string path = wireRoute(wireFor(Dialect::Gateway), "submit")->path;
    return path.substr(0, path.rfind('/'));
}

// `http` is an aisdk-dialect request: its body is the call's options, "model" the gateway id.
Snippet aiSdkSnippet(const HttpRequest& http, std::string_view baseUrl) {
    HttpRequest call = http;
    if (!call.body.is_object()) call.body = json::object();
    const std::string model = call.body.value("model", "");
    call.body.erase("model");
    const BodyFiles files = bodyFiles(call);
    Snippet snippet{"", filesOf(files)};
    std::string& text = snippet.text;
    text += std::string("// npm install ai @ai-sdk/gateway. ") + kApiKeyVariable +
            " is sent when set; the local gateway needs none.\n";
    if (!snippet.files.empty()) {
        text += fileComment(snippet.files, "//");
        text += "import { readFileSync } from 'node:fs';\n";
    }
    text += "import { writeFile } from 'node:fs/promises';\n";
    text += "import { experimental_generateVideo as generateVideo } from 'ai';\n";
    text += "import { createGateway } from '@ai-sdk/gateway';\n\n";
    text += "const gateway = createGateway({\n";
    text += "  baseURL: " + stringLiteral(joinUrl(baseUrl, sdkBasePath())) + ",\n";
    // Without a key createGateway looks for a Vercel OIDC token and fails outside Vercel; a gateway
    // that needs no key takes any word.
    text += "  // The SDK insists on a key; a gateway that needs none takes any.\n";
    text += std::string("  apiKey: process.env.") + kApiKeyVariable + " || \"none\",\n";
    text += "});\n\n";
    // The options object, its braces replaced by ours so `model` can lead.
    std::string members = withFileReads(respellJson(dumpJson(files.body, 2), LiteralStyle::JavaScript), files, jsFileBase64);
    members = files.body.empty() ? "" : members.substr(2, members.size() - 4) + ",\n";  // "{\n" ... "\n}"
    text += "const { videos } = await generateVideo({\n";
    text += "  model: gateway.video(" + stringLiteral(model) + "),\n";
    text += members;
    text += "});\n";
    text += "for (const [index, video] of videos.entries()) {\n";
    text += "  await writeFile(`video-${index}.mp4`, video.uint8Array);\n";
    text += "}\n";
    return snippet;
}

// `snippet` with a comment before its text.
Snippet withComment(std::string comment, Snippet snippet) {
    snippet.text = std::move(comment) + snippet.text;
    return snippet;
}

// cURL, fetch and Python need an HTTP request: an aisdk call becomes the gateway request the SDK sends.
Snippet httpSnippet(SnippetFormat format, Dialect dialect, const HttpRequest& http, std::string_view baseUrl) {
    const std::string_view marker = format == SnippetFormat::Fetch ? "//" : "#";
    auto render = [&](const HttpRequest& request) {
        if (format == SnippetFormat::Curl) return curlSnippet(request, baseUrl);
        if (format == SnippetFormat::Fetch) return fetchSnippet(request, baseUrl);
        return pythonSnippet(request, baseUrl);
    };
    if (dialect != Dialect::AiSdk) return render(http);
    Converted converted = convert(http, Dialect::AiSdk, Dialect::Gateway);
    if (!converted.http)
        return {commentLines("The aisdk dialect is an AI SDK call, not an HTTP request, and this one has no gateway "
                             "form: " + converted.problem, marker), {}};
    return withComment(commentLines("The aisdk dialect is an AI SDK call, not an HTTP request: this is the request "
                                    "the SDK's gateway provider sends for it (the gateway dialect).", marker),
                       render(*converted.http));
}

Snippet aiSdkFormat(Dialect dialect, const HttpRequest& http, std::string_view baseUrl) {
    if (dialect == Dialect::AiSdk) return aiSdkSnippet(http, baseUrl);
    if (dialect == Dialect::Gateway) {
        Converted converted = convert(http, Dialect::Gateway, Dialect::AiSdk);
        if (converted.http) return aiSdkSnippet(*converted.http, baseUrl);
        return withComment(commentLines("This gateway request has no AI SDK form: " + converted.problem, "//"),
                           fetchSnippet(http, baseUrl));
    }
    return withComment(commentLines(std::string("The ") + dialectName(dialect) +
                                        " dialect is not an AI SDK dialect (the AI SDK speaks the aisdk and gateway "
                                        "dialects): here is the same request with fetch.", "//"),
                       fetchSnippet(http, baseUrl));
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public API
//-----------------------------------------------------------------------------

const char* snippetFormatName(SnippetFormat format) {
    switch (format) {
        case SnippetFormat::Json: return "json";
        case SnippetFormat::Curl: return "curl";
        case SnippetFormat::Fetch: return "fetch";
        case SnippetFormat::AiSdk: return "aisdk";
        case SnippetFormat::Python: return "python";
    }
    return "json";
}

const char* snippetFormatTitle(SnippetFormat format) {
    switch (format) {
        case SnippetFormat::Json: return "JSON";
        case SnippetFormat::Curl: return "cURL";
        case SnippetFormat::Fetch: return "JavaScript fetch";
        case SnippetFormat::AiSdk: return "AI SDK";
        case SnippetFormat::Python: return "Python";
    }
    return "JSON";
}

Snippet renderSnippet(SnippetFormat format, Dialect dialect, const HttpRequest& http, std::string_view baseUrl) {
    try {
        switch (format) {
            case SnippetFormat::Json: return {dumpJson(http.body, 2) + "\n", {}};
            case SnippetFormat::AiSdk: return aiSdkFormat(dialect, http, baseUrl);
            case SnippetFormat::Curl:
            case SnippetFormat::Fetch:
            case SnippetFormat::Python: return httpSnippet(format, dialect, http, baseUrl);
        }
    } catch (const std::exception& error) {  // allocation failure: say so rather than abort the page
        return {std::string("could not render the snippet: ") + error.what() + "\n", {}};
    }
    return {};
}

}  // namespace vg
