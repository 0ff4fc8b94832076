// Snippets: the exact text of each format for a small request, and for a hostile prompt (quotes,
// newlines, non-ASCII, shell syntax) that every format keeps as data. The cURL command is read back
// with a small POSIX shell word splitter, so its quoting is checked the way a shell reads it.
//
// Index
// [SECTION] Helpers
// [SECTION] Exact text for a small request
// [SECTION] Hostile prompts stay data
// [SECTION] AI SDK and the aisdk dialect
// [SECTION] The key is optional, large media is a file
#include "dialects/snippets.h"

#include "api/api.h"
#include "media/media.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vg {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

const std::string kBase = "http://127.0.0.1:8000";

// The text of a snippet that reads no files.
std::string snippetText(SnippetFormat format, Dialect dialect, const HttpRequest& http, const std::string& base) {
    Snippet snippet = renderSnippet(format, dialect, http, base);
    EXPECT_TRUE(snippet.files.empty()) << snippet.text;
    return snippet.text;
}

HttpRequest unifiedRequest(const std::string& prompt) {
    HttpRequest http;
    http.path = "/v1/video/generations";
    http.headers = {{"content-type", "application/json"}};
    http.body = {{"model", "klingai/kling-v3.0-t2v"}, {"prompt", prompt}, {"duration", 5}, {"audio", false}};
    return http;
}

const std::string kHostilePrompt =
    "It's a \"test\"\nline two\ttab — ünïcødé 🎬 $(rm -rf ~) `id` \\ '; DROP --\u2028end";

// Words of a shell command as a POSIX shell reads them: single quotes, double quotes (with $NAME
// kept unexpanded, so the test sees which variable it names), backslash escapes, line continuations
// and comments.
std::vector<std::string> shellWords(const std::string& command) {
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (size_t i = 0; i < command.size(); ++i) {
        const char c = command[i];
        if (c == '\'') {
            const size_t end = command.find('\'', i + 1);
            EXPECT_NE(end, std::string::npos) << "unterminated single quote";
            if (end == std::string::npos) return words;
            word += command.substr(i + 1, end - i - 1);
            i = end;
            inWord = true;
        } else if (c == '"') {
            for (++i; i < command.size() && command[i] != '"'; ++i) {
                if (command[i] == '\\' && i + 1 < command.size() && std::string("$`\"\\\n").find(command[i + 1]) != std::string::npos)
                    ++i;
                word += command[i];
            }
            inWord = true;
        } else if (c == '\\' && i + 1 < command.size()) {
            if (command[i + 1] != '\n') {
                word += command[i + 1];
                inWord = true;
            }
            ++i;
        } else if (c == '#' && !inWord) {  // a comment, to the end of the line
            while (i + 1 < command.size() && command[i + 1] != '\n') ++i;
        } else if (c == ' ' || c == '\n' || c == '\t') {
            if (inWord) words.push_back(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord) words.push_back(word);
    return words;
}

// Python's True/False/None back to JSON, outside strings (inverse of the snippet's re-spelling).
std::string pythonLiteralToJson(const std::string& literal) {
    std::string out;
    for (size_t i = 0; i < literal.size();) {
        if (literal[i] == '"') {
            size_t end = i + 1;
            while (literal[end] != '"') end += literal[end] == '\\' ? 2 : 1;
            out += literal.substr(i, end + 1 - i);
            i = end + 1;
        } else if (literal.compare(i, 4, "True") == 0) {
            out += "true", i += 4;
        } else if (literal.compare(i, 5, "False") == 0) {
            out += "false", i += 5;
        } else if (literal.compare(i, 4, "None") == 0) {
            out += "null", i += 4;
        } else {
            out += literal[i++];
        }
    }
    return out;
}

std::string between(const std::string& text, const std::string& start, const std::string& end) {
    const size_t from = text.find(start);
    if (from == std::string::npos) return "";
    const size_t to = text.find(end, from + start.size());
    return to == std::string::npos ? "" : text.substr(from + start.size(), to - from - start.size());
}

HttpRequest builtWith(const std::string& input, const char* from, const char* to) {
    ApiResult built = apiBuild(input, from, to);
    EXPECT_EQ(built.exitCode, 0) << built.output << built.notes;
    json envelope = json::parse(built.output);
    HttpRequest http;
    http.method = envelope["method"];
    http.path = envelope["path"];
    http.headers = envelope["headers"];
    http.body = envelope["body"];
    return http;
}

//-----------------------------------------------------------------------------
// [SECTION] Exact text for a small request
//-----------------------------------------------------------------------------

TEST(Snippets, FormatNamesAndTitles) {
    std::vector<std::string> names;
    for (SnippetFormat format : kAllSnippetFormats) names.push_back(snippetFormatName(format));
    EXPECT_EQ(names, (std::vector<std::string>{"json", "curl", "fetch", "aisdk", "python"}));
    EXPECT_STREQ(snippetFormatTitle(SnippetFormat::Curl), "cURL");
}

TEST(Snippets, JsonIsTheIndentedBody) {
    EXPECT_EQ(snippetText(SnippetFormat::Json, Dialect::Unified, unifiedRequest("A cat"), kBase),
              "{\n"
              "  \"audio\": false,\n"
              "  \"duration\": 5,\n"
              "  \"model\": \"klingai/kling-v3.0-t2v\",\n"
              "  \"prompt\": \"A cat\"\n"
              "}\n");
}

TEST(Snippets, CurlExactText) {
    EXPECT_EQ(snippetText(SnippetFormat::Curl, Dialect::Unified, unifiedRequest("A cat"), kBase + "/"),
              "# VIDEOGEN_API_KEY is sent when set; the local gateway needs none.\n"
              "curl 'http://127.0.0.1:8000/v1/video/generations' \\\n"
              "  -H \"Authorization:${VIDEOGEN_API_KEY:+ Bearer $VIDEOGEN_API_KEY}\" \\\n"
              "  -H 'content-type: application/json' \\\n"
              "  --data-raw '{\n"
              "  \"audio\": false,\n"
              "  \"duration\": 5,\n"
              "  \"model\": \"klingai/kling-v3.0-t2v\",\n"
              "  \"prompt\": \"A cat\"\n"
              "}'\n");
}

TEST(Snippets, CurlSpellsOutAMethodItCannotInfer) {
    HttpRequest get;
    get.method = "GET";
    get.path = "/v1/videos/abc";
    get.body = nullptr;
    EXPECT_EQ(snippetText(SnippetFormat::Curl, Dialect::OpenAI, get, kBase),
              "# VIDEOGEN_API_KEY is sent when set; the local gateway needs none.\n"
              "curl 'http://127.0.0.1:8000/v1/videos/abc' \\\n"
              "  -H \"Authorization:${VIDEOGEN_API_KEY:+ Bearer $VIDEOGEN_API_KEY}\"\n");
    get.method = "DELETE";
    EXPECT_EQ(shellWords(snippetText(SnippetFormat::Curl, Dialect::OpenAI, get, kBase)).at(1), "-X");
}

TEST(Snippets, FetchExactText) {
    EXPECT_EQ(snippetText(SnippetFormat::Fetch, Dialect::Unified, unifiedRequest("A cat"), kBase),
              "// Node 18+ or a browser. VIDEOGEN_API_KEY is sent when set; the local gateway needs none.\n"
              "const apiKey = globalThis.process?.env.VIDEOGEN_API_KEY;\n"
              "const headers = {\n"
              "  \"content-type\": \"application/json\",\n"
              "};\n"
              "if (apiKey) headers.Authorization = \"Bearer \" + apiKey;\n"
              "const response = await fetch(\"http://127.0.0.1:8000/v1/video/generations\", {\n"
              "  method: \"POST\",\n"
              "  headers,\n"
              "  body: JSON.stringify({\n"
              "    audio: false,\n"
              "    duration: 5,\n"
              "    model: \"klingai/kling-v3.0-t2v\",\n"
              "    prompt: \"A cat\"\n"
              "  }),\n"
              "});\n"
              "console.log(response.status, await response.text());\n");
}

TEST(Snippets, PythonExactText) {
    EXPECT_EQ(snippetText(SnippetFormat::Python, Dialect::Unified, unifiedRequest("A cat"), kBase),
              "# Python 3, standard library only. VIDEOGEN_API_KEY is sent when set; the local gateway needs none.\n"
              "import json\n"
              "import os\n"
              "import urllib.request\n"
              "\n"
              "body = {\n"
              "    \"audio\": False,\n"
              "    \"duration\": 5,\n"
              "    \"model\": \"klingai/kling-v3.0-t2v\",\n"
              "    \"prompt\": \"A cat\"\n"
              "}\n"
              "\n"
              "headers = {\n"
              "    \"content-type\": \"application/json\",\n"
              "}\n"
              "if os.environ.get(\"VIDEOGEN_API_KEY\"):\n"
              "    headers[\"Authorization\"] = \"Bearer \" + os.environ[\"VIDEOGEN_API_KEY\"]\n"
              "request = urllib.request.Request(\n"
              "    \"http://127.0.0.1:8000/v1/video/generations\",\n"
              "    data=json.dumps(body).encode(\"utf-8\"),\n"
              "    headers=headers,\n"
              "    method=\"POST\",\n"
              ")\n"
              "with urllib.request.urlopen(request) as response:\n"
              "    print(response.status, response.read().decode(\"utf-8\"))\n");
}

TEST(Snippets, NoFormatCarriesAKeyOnlyTheVariable) {
    for (SnippetFormat format : kAllSnippetFormats) {
        if (format == SnippetFormat::Json) continue;
        const std::string text = snippetText(format, Dialect::Unified, unifiedRequest("A cat"), kBase);
        EXPECT_NE(text.find("VIDEOGEN_API_KEY"), std::string::npos) << snippetFormatName(format);
        EXPECT_EQ(text.find("sk-"), std::string::npos) << snippetFormatName(format);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Hostile prompts stay data
//-----------------------------------------------------------------------------

TEST(Snippets, CurlShellWordsGiveBackTheExactBody) {
    HttpRequest http = unifiedRequest(kHostilePrompt);
    http.headers["x-note"] = "it's";
    const std::vector<std::string> words = shellWords(snippetText(SnippetFormat::Curl, Dialect::Unified, http, kBase));
    ASSERT_EQ(words.size(), 10u);
    EXPECT_EQ(words[0], "curl");
    EXPECT_EQ(words[1], "http://127.0.0.1:8000/v1/video/generations");
    // The shell expands it (to "Authorization:", no header, when unset): the text has no key.
    EXPECT_EQ(words[3], "Authorization:${VIDEOGEN_API_KEY:+ Bearer $VIDEOGEN_API_KEY}");
    EXPECT_EQ(words[5], "content-type: application/json");
    EXPECT_EQ(words[7], "x-note: it's");
    EXPECT_EQ(words[8], "--data-raw");
    EXPECT_EQ(json::parse(words[9]), http.body);
}

TEST(Snippets, CurlQuotesAHostilePrompt) {
    const std::string text = snippetText(SnippetFormat::Curl, Dialect::Unified, unifiedRequest(kHostilePrompt), kBase);
    const std::vector<std::string> words = shellWords(text);
    ASSERT_EQ(words.size(), 8u);
    EXPECT_EQ(words[6], "--data-raw");
    EXPECT_EQ(json::parse(words[7])["prompt"], kHostilePrompt);
    // The shell syntax in the prompt is inside single quotes, the prompt's own quote closed and reopened.
    EXPECT_NE(text.find("$(rm -rf ~)"), std::string::npos);
    EXPECT_NE(text.find("It'\\''s"), std::string::npos);
}

TEST(Snippets, PythonBodyLiteralIsTheBody) {
    HttpRequest http = unifiedRequest(kHostilePrompt);
    http.body["seed"] = nullptr;
    http.body["providerOptions"] = {{"klingai", {{"sound", true}}}};
    const std::string text = snippetText(SnippetFormat::Python, Dialect::Unified, http, kBase);
    const std::string literal = between(text, "body = ", "\n\nheaders = ");
    ASSERT_FALSE(literal.empty()) << text;
    EXPECT_NE(literal.find("\"audio\": False"), std::string::npos);
    EXPECT_NE(literal.find("\"seed\": None"), std::string::npos);
    EXPECT_NE(literal.find("\"sound\": True"), std::string::npos);
    // JSON's escapes are Python's: the newline is "\n" inside the literal, never a raw line break.
    EXPECT_NE(literal.find("It's a \\\"test\\\"\\nline two\\ttab"), std::string::npos);
    EXPECT_EQ(json::parse(pythonLiteralToJson(literal)), http.body);
}

TEST(Snippets, FetchKeepsStringsQuotedAndKeysBareOnlyWhenIdentifiers) {
    HttpRequest http = unifiedRequest(kHostilePrompt);
    http.body["provider_options"] = {{"cfg-scale", 0.5}, {"true", true}};
    const std::string text = snippetText(SnippetFormat::Fetch, Dialect::Unified, http, kBase);
    EXPECT_NE(text.find("    prompt: " + json(kHostilePrompt).dump(-1, ' ', false) + ",\n"), std::string::npos) << text;
    EXPECT_NE(text.find("      \"cfg-scale\": 0.5,"), std::string::npos) << text;
    EXPECT_NE(text.find("      true: true"), std::string::npos) << text;
    EXPECT_NE(text.find("provider_options: {"), std::string::npos) << text;
    // A string value that looks like a key stays quoted.
    http.body["prompt"] = "a: b";
    EXPECT_NE(snippetText(SnippetFormat::Fetch, Dialect::Unified, http, kBase).find("prompt: \"a: b\""), std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] AI SDK and the aisdk dialect
//-----------------------------------------------------------------------------

const std::string kVeoCall = R"({"model": "google/veo-3.1-generate-001",
  "prompt": "Waves at dusk, it's \"calm\"\nsecond line é",
  "duration": 8, "aspectRatio": "16:9"})";

TEST(Snippets, AiSdkCallForTheAisdkDialect) {
    const HttpRequest http = builtWith(kVeoCall, "aisdk", "aisdk");
    EXPECT_EQ(snippetText(SnippetFormat::AiSdk, Dialect::AiSdk, http, "https://gw.example.com"),
              "// npm install ai @ai-sdk/gateway. VIDEOGEN_API_KEY is sent when set; the local gateway needs none.\n"
              "import { writeFile } from 'node:fs/promises';\n"
              "import { experimental_generateVideo as generateVideo } from 'ai';\n"
              "import { createGateway } from '@ai-sdk/gateway';\n"
              "\n"
              "const gateway = createGateway({\n"
              "  baseURL: \"https://gw.example.com/v4/ai\",\n"
              "  // The SDK insists on a key; a gateway that needs none takes any.\n"
              "  apiKey: process.env.VIDEOGEN_API_KEY || \"none\",\n"
              "});\n"
              "\n"
              "const { videos } = await generateVideo({\n"
              "  model: gateway.video(\"" + http.body["model"].get<std::string>() + "\"),\n"
              "  aspectRatio: \"16:9\",\n"
              "  duration: 8,\n"
              "  prompt: \"Waves at dusk, it's \\\"calm\\\"\\nsecond line é\",\n"
              "});\n"
              "for (const [index, video] of videos.entries()) {\n"
              "  await writeFile(`video-${index}.mp4`, video.uint8Array);\n"
              "}\n");
}

TEST(Snippets, AiSdkCallForTheGatewayDialectIsTheSameCall) {
    const HttpRequest gateway = builtWith(kVeoCall, "aisdk", "gateway");
    const HttpRequest aisdk = builtWith(kVeoCall, "aisdk", "aisdk");
    EXPECT_EQ(snippetText(SnippetFormat::AiSdk, Dialect::Gateway, gateway, kBase),
              snippetText(SnippetFormat::AiSdk, Dialect::AiSdk, aisdk, kBase));
}

TEST(Snippets, AiSdkForAnotherDialectExplainsAndFallsBackToFetch) {
    const HttpRequest http = unifiedRequest("A cat");
    const std::string text = snippetText(SnippetFormat::AiSdk, Dialect::Unified, http, kBase);
    EXPECT_EQ(text.rfind("// The unified dialect is not an AI SDK dialect", 0), 0u) << text;
    EXPECT_NE(text.find(snippetText(SnippetFormat::Fetch, Dialect::Unified, http, kBase)), std::string::npos);
    EXPECT_EQ(text.find("generateVideo"), std::string::npos);
}

TEST(Snippets, HttpFormatsOfAnAisdkCallShowTheGatewayRequest) {
    const HttpRequest aisdk = builtWith(kVeoCall, "aisdk", "aisdk");
    const HttpRequest gateway = builtWith(kVeoCall, "aisdk", "gateway");
    const std::string text = snippetText(SnippetFormat::Curl, Dialect::AiSdk, aisdk, kBase);
    EXPECT_EQ(text.rfind("# The aisdk dialect is an AI SDK call, not an HTTP request", 0), 0u) << text;
    EXPECT_NE(text.find(snippetText(SnippetFormat::Curl, Dialect::Gateway, gateway, kBase)), std::string::npos);
    EXPECT_NE(text.find("'ai-model-id: "), std::string::npos);
    EXPECT_NE(text.find("/v4/ai/video-model'"), std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] The key is optional, large media is a file
//-----------------------------------------------------------------------------

TEST(Snippets, EveryFormatSendsTheKeyOnlyWhenSet) {
    const HttpRequest http = unifiedRequest("A cat");
    EXPECT_NE(snippetText(SnippetFormat::Curl, Dialect::Unified, http, kBase)
                  .find("-H \"Authorization:${VIDEOGEN_API_KEY:+ Bearer $VIDEOGEN_API_KEY}\""),
              std::string::npos);
    const std::string python = snippetText(SnippetFormat::Python, Dialect::Unified, http, kBase);
    EXPECT_NE(python.find("if os.environ.get(\"VIDEOGEN_API_KEY\"):\n    headers[\"Authorization\"]"), std::string::npos);
    EXPECT_EQ(python.find("os.environ[\"VIDEOGEN_API_KEY\"]"), python.rfind("os.environ[\"VIDEOGEN_API_KEY\"]"));
    EXPECT_NE(snippetText(SnippetFormat::Fetch, Dialect::Unified, http, kBase).find("if (apiKey) headers.Authorization"),
              std::string::npos);
    // createGateway without a key would look for a Vercel OIDC token: any word does for a keyless gateway.
    EXPECT_NE(snippetText(SnippetFormat::AiSdk, Dialect::AiSdk, builtWith(kVeoCall, "aisdk", "aisdk"), kBase)
                  .find("apiKey: process.env.VIDEOGEN_API_KEY || \"none\""),
              std::string::npos);
}

// `size` bytes that the core reads as a PNG (a signature and a 64x64 IHDR, then filler).
std::string pngBytes(size_t size) {
    std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x40\0\0\0\x40\x08\x02\0\0\0", 29);
    bytes += std::string("\x00\x00\x00\x00", 4);  // the chunk's CRC (not checked)
    bytes.resize(size, '\x5a');
    return bytes;
}

std::string base64Of(const std::string& bytes) {
    return encodeBase64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

HttpRequest withImage(const std::string& value) {
    HttpRequest http = unifiedRequest("A cat");
    http.body["image"] = value;
    return http;
}

TEST(Snippets, MediaAboveTheLimitIsAFileTheSnippetReads) {
    const std::string png = pngBytes(6000);
    const std::string dataUrl = "data:image/png;base64," + base64Of(png);
    ASSERT_GT(dataUrl.size(), kSnippetInlineLimit);
    const HttpRequest http = withImage(dataUrl);

    const Snippet python = renderSnippet(SnippetFormat::Python, Dialect::Unified, http, kBase);
    ASSERT_EQ(python.files.size(), 1u);
    EXPECT_EQ(python.files[0].name, "image.png");
    EXPECT_EQ(python.files[0].bytes, png);
    EXPECT_EQ(python.files[0].about, "the media at /image (png, 6 KB)");
    EXPECT_NE(python.text.find("#   image.png: the media at /image (png, 6 KB)\n"), std::string::npos) << python.text;
    EXPECT_NE(python.text.find("    \"image\": \"data:image/png;base64,\" + file_base64(\"image.png\"),\n"), std::string::npos)
        << python.text;
    EXPECT_NE(python.text.find("def file_base64(name):\n    with open(name, \"rb\") as file:"), std::string::npos);

    const Snippet fetch = renderSnippet(SnippetFormat::Fetch, Dialect::Unified, http, kBase);
    ASSERT_EQ(fetch.files.size(), 1u);
    EXPECT_EQ(fetch.files[0].bytes, png);
    EXPECT_NE(fetch.text.find("import { readFileSync } from \"node:fs\";\n"), std::string::npos) << fetch.text;
    EXPECT_NE(fetch.text.find("image: \"data:image/png;base64,\" + readFileSync(\"image.png\", \"base64\"),"), std::string::npos)
        << fetch.text;

    // cURL sends the body as it is from request.json: a shell argument of megabytes would not run.
    const Snippet curl = renderSnippet(SnippetFormat::Curl, Dialect::Unified, http, kBase);
    ASSERT_EQ(curl.files.size(), 1u);
    EXPECT_EQ(curl.files[0].name, "request.json");
    EXPECT_EQ(json::parse(curl.files[0].bytes), http.body);
    const std::vector<std::string> words = shellWords(curl.text);
    EXPECT_EQ(words.at(words.size() - 2), "--data-binary");
    EXPECT_EQ(words.back(), "@request.json");

    for (const Snippet* snippet : {&python, &fetch, &curl}) {
        EXPECT_EQ(snippet->text.find(base64Of(png).substr(0, 64)), std::string::npos) << snippet->text;
        EXPECT_LT(snippet->text.size(), 2000u);
    }
    // JSON is the body itself: nothing to refer to.
    EXPECT_EQ(renderSnippet(SnippetFormat::Json, Dialect::Unified, http, kBase).text, http.body.dump(2) + "\n");
}

TEST(Snippets, RawBase64AboveTheLimitIsReadBackWithoutAPrefix) {
    const std::string png = pngBytes(6000);
    const Snippet fetch = renderSnippet(SnippetFormat::Fetch, Dialect::Unified, withImage(base64Of(png)), kBase);
    ASSERT_EQ(fetch.files.size(), 1u);
    EXPECT_EQ(fetch.files[0].bytes, png);
    EXPECT_NE(fetch.text.find("image: readFileSync(\"image.png\", \"base64\"),"), std::string::npos) << fetch.text;
}

TEST(Snippets, MediaAtOrBelowTheLimitAndLongTextStayInline) {
    const std::string small = "data:image/png;base64," + base64Of(pngBytes(3000));
    ASSERT_LE(small.size(), kSnippetInlineLimit);
    // A long prompt is base64's alphabet but no media format: it is text, shown as it is.
    HttpRequest http = withImage(small);
    http.body["prompt"] = std::string(kSnippetInlineLimit * 2, 'a');
    for (SnippetFormat format : kAllSnippetFormats) {
        const Snippet snippet = renderSnippet(format, Dialect::Unified, http, kBase);
        EXPECT_TRUE(snippet.files.empty()) << snippetFormatName(format);
        EXPECT_NE(snippet.text.find(small), std::string::npos) << snippetFormatName(format);
    }
}

TEST(Snippets, MediaFilesAreNamedAfterTheirPlaceAndNeverCollide) {
    const std::string a = "data:image/png;base64," + base64Of(pngBytes(6000));
    HttpRequest http = unifiedRequest("A cat");
    http.body["reference_images"] = {a, a};
    http.body["reference/images"] = json::array({a});
    const Snippet python = renderSnippet(SnippetFormat::Python, Dialect::Unified, http, kBase);
    std::vector<std::string> names;
    for (const SnippetFile& file : python.files) names.push_back(file.name);
    EXPECT_EQ(names, (std::vector<std::string>{"reference_images-0.png", "reference_images-0-2.png",
                                               "reference_images-1.png"}));
}

}  // namespace
}  // namespace vg
