// VideoGen core: copyable code for a built request (see snippets.h).
//
// Index
// [SECTION] Literals: JSON text re-spelled for Python and JavaScript, shell quoting
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

std::string curlSnippet(const HttpRequest& http, std::string_view baseUrl) {
    std::string text = "curl";
    // curl infers GET without data and POST with it; anything else is spelled out.
    const bool implied = (http.method == "POST" && hasBody(http)) || (http.method == "GET" && !hasBody(http));
    if (!implied) text += " -X " + shellQuoted(http.method);
    text += " " + shellQuoted(joinUrl(baseUrl, http.path)) + " \\\n";
    // Double quotes here on purpose: the shell expands the variable, so the key never sits in the text.
    text += "  -H \"Authorization: " + kBearerPrefix + "$" + kApiKeyVariable + "\"";
    for (const auto& [name, value] : http.headers.items())
        text += " \\\n  -H " + shellQuoted(name + ": " + headerText(value));
    if (hasBody(http)) text += " \\\n  --data-raw " + shellQuoted(dumpJson(http.body, 2));
    return text + "\n";
}

// `{ "name": "value", ... }` for JavaScript or Python, with the Authorization header read from the
// environment (`keyExpression`) first; members one `indent` deeper than the closing brace.
std::string headerLiteral(const HttpRequest& http, std::string_view keyExpression, const std::string& indent) {
    std::string text = "{\n";
    text += indent + indent + stringLiteral("Authorization") + ": " + stringLiteral(kBearerPrefix) + " + " +
            std::string(keyExpression) + ",\n";
    for (const auto& [name, value] : http.headers.items())
        text += indent + indent + stringLiteral(name) + ": " +
                stringLiteral(headerText(value)) + ",\n";
    return text + indent + "}";
}

std::string fetchSnippet(const HttpRequest& http, std::string_view baseUrl) {
    std::string text = "// Node 18+ or a browser; VIDEOGEN_API_KEY holds your key.\n";
    text += "const response = await fetch(" + stringLiteral(joinUrl(baseUrl, http.path)) + ", {\n";
    text += "  method: " + stringLiteral(http.method) + ",\n";
    text += "  headers: " + headerLiteral(http, "process.env.VIDEOGEN_API_KEY", "  ") + ",\n";
    if (hasBody(http))
        text += "  body: JSON.stringify(" +
                indentContinuation(respellJson(dumpJson(http.body, 2), LiteralStyle::JavaScript), "  ") + "),\n";
    text += "});\n";
    text += "console.log(response.status, await response.text());\n";
    return text;
}

std::string pythonSnippet(const HttpRequest& http, std::string_view baseUrl) {
    std::string text = "# Python 3, standard library only; VIDEOGEN_API_KEY holds your key.\n";
    text += "import json\nimport os\nimport urllib.request\n\n";
    if (hasBody(http)) text += "body = " + respellJson(dumpJson(http.body, 4), LiteralStyle::Python) + "\n\n";
    text += "request = urllib.request.Request(\n";
    text += "    " + stringLiteral(joinUrl(baseUrl, http.path)) + ",\n";
    if (hasBody(http)) text += "    data=json.dumps(body).encode(\"utf-8\"),\n";
    text += "    headers=" + headerLiteral(http, "os.environ[\"VIDEOGEN_API_KEY\"]", "    ") + ",\n";
    text += "    method=" + stringLiteral(http.method) + ",\n";
    text += ")\n";
    text += "with urllib.request.urlopen(request) as response:\n";
    text += "    print(response.status, response.read().decode(\"utf-8\"))\n";
    return text;
}

// The path of createGateway's baseURL: the gateway's held-open route less the "/video-model" the
// SDK appends ("/v4/ai").
std::string sdkBasePath() {
    const std::string path = wireRoute(wireFor(Dialect::Gateway), "submit")->path;
    return path.substr(0, path.rfind('/'));
}

// `http` is an aisdk-dialect request: its body is the call's options, "model" the gateway id.
std::string aiSdkSnippet(const HttpRequest& http, std::string_view baseUrl) {
    json options = http.body.is_object() ? http.body : json::object();
    const std::string model = options.value("model", "");
    options.erase("model");
    std::string text = "// npm install ai @ai-sdk/gateway; VIDEOGEN_API_KEY holds your key.\n";
    text += "import { writeFile } from 'node:fs/promises';\n";
    text += "import { experimental_generateVideo as generateVideo } from 'ai';\n";
    text += "import { createGateway } from '@ai-sdk/gateway';\n\n";
    text += "const gateway = createGateway({\n";
    text += "  baseURL: " + stringLiteral(joinUrl(baseUrl, sdkBasePath())) + ",\n";
    text += "  apiKey: process.env.VIDEOGEN_API_KEY,\n";
    text += "});\n\n";
    // The options object, its braces replaced by ours so `model` can lead.
    std::string members = respellJson(dumpJson(options, 2), LiteralStyle::JavaScript);
    members = options.empty() ? "" : members.substr(2, members.size() - 4) + ",\n";  // "{\n" ... "\n}"
    text += "const { videos } = await generateVideo({\n";
    text += "  model: gateway.video(" + stringLiteral(model) + "),\n";
    text += members;
    text += "});\n";
    text += "for (const [index, video] of videos.entries()) {\n";
    text += "  await writeFile(`video-${index}.mp4`, video.uint8Array);\n";
    text += "}\n";
    return text;
}

// cURL, fetch and Python need an HTTP request: an aisdk call becomes the gateway request the SDK sends.
std::string httpSnippet(SnippetFormat format, Dialect dialect, const HttpRequest& http, std::string_view baseUrl) {
    const std::string_view marker = format == SnippetFormat::Fetch ? "//" : "#";
    auto render = [&](const HttpRequest& request) {
        if (format == SnippetFormat::Curl) return curlSnippet(request, baseUrl);
        if (format == SnippetFormat::Fetch) return fetchSnippet(request, baseUrl);
        return pythonSnippet(request, baseUrl);
    };
    if (dialect != Dialect::AiSdk) return render(http);
    Converted converted = convert(http, Dialect::AiSdk, Dialect::Gateway);
    if (!converted.http)
        return commentLines("The aisdk dialect is an AI SDK call, not an HTTP request, and this one has no gateway "
                            "form: " + converted.problem, marker);
    return commentLines("The aisdk dialect is an AI SDK call, not an HTTP request: this is the request the SDK's "
                        "gateway provider sends for it (the gateway dialect).", marker) +
           render(*converted.http);
}

std::string aiSdkFormat(Dialect dialect, const HttpRequest& http, std::string_view baseUrl) {
    if (dialect == Dialect::AiSdk) return aiSdkSnippet(http, baseUrl);
    if (dialect == Dialect::Gateway) {
        Converted converted = convert(http, Dialect::Gateway, Dialect::AiSdk);
        if (converted.http) return aiSdkSnippet(*converted.http, baseUrl);
        return commentLines("This gateway request has no AI SDK form: " + converted.problem, "//") +
               fetchSnippet(http, baseUrl);
    }
    return commentLines(std::string("The ") + dialectName(dialect) +
                            " dialect is not an AI SDK dialect (the AI SDK speaks the aisdk and gateway dialects): "
                            "here is the same request with fetch.", "//") +
           fetchSnippet(http, baseUrl);
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

std::string renderSnippet(SnippetFormat format, Dialect dialect, const HttpRequest& http, std::string_view baseUrl) {
    try {
        switch (format) {
            case SnippetFormat::Json: return dumpJson(http.body, 2) + "\n";
            case SnippetFormat::AiSdk: return aiSdkFormat(dialect, http, baseUrl);
            case SnippetFormat::Curl:
            case SnippetFormat::Fetch:
            case SnippetFormat::Python: return httpSnippet(format, dialect, http, baseUrl);
        }
    } catch (const std::exception& error) {  // allocation failure: say so rather than abort the page
        return std::string("could not render the snippet: ") + error.what() + "\n";
    }
    return "";
}

}  // namespace vg
