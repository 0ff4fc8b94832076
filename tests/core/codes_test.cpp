// The registry of diagnostic codes (diagnostic_codes.h), issue 10: every code has a case that
// produces it, one fault gives exactly one diagnostic, and a message cites its source once.
// Each case is a request with one fault, sent through the path where the code arises: `vgen
// validate` (apiValidate) for a dialect's request, the validator for a canonical request (the
// playground's form), the builder for a canonical request it cannot send, or a small catalog for
// limits the built-in one does not use; job endings go through the job state machine.
#include "api/api.h"
#include "catalog/catalog.h"
#include "request/diagnostic_codes.h"
#include "dialects/dialect.h"
#include "jobs/job.h"
#include "media/media.h"
#include "png_encode.h"
#include "request/validate.h"

#include "test_support.h"
#include "text/json_path.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace vg {
namespace {

//-----------------------------------------------------------------------------
// Inputs
//-----------------------------------------------------------------------------

// A real PNG of width x height, as base64, with `padding` zero bytes after its end (a large file).
std::string pngBase64(int width, int height, size_t padding = 0) {
    const std::vector<uint8_t> pixels(static_cast<size_t>(width) * height, 128);
    std::vector<uint8_t> file = encodePng(pixels.data(), width, height, PngColor::Gray8);
    file.resize(file.size() + padding, 0);
    return encodeBase64(file.data(), file.size());
}

// The case texts name images as {png WxH}; this puts the base64 in.
std::string withImages(std::string text) {
    static const std::regex placeholder(R"(\{png (\d+)x(\d+)(\+10MB)?\})");
    std::smatch match;
    while (std::regex_search(text, match, placeholder)) {
        const size_t padding = match[3].matched ? 10u * 1024 * 1024 : 0;
        text.replace(match.position(0), match.length(0),
                     pngBase64(std::stoi(match[1].str()), std::stoi(match[2].str()), padding));
    }
    return text;
}

// A WAV header of `seconds` of 8 kHz mono 8-bit sound (the probe reads the data chunk's size).
std::string wavBase64(uint32_t seconds) {
    const uint32_t dataBytes = 8000 * seconds;
    std::vector<uint8_t> file;
    const auto text = [&](const char* four) { file.insert(file.end(), four, four + 4); };
    const auto u32 = [&](uint32_t v) { for (int i = 0; i < 4; ++i) file.push_back(static_cast<uint8_t>(v >> (8 * i))); };
    const auto u16 = [&](uint16_t v) { file.push_back(static_cast<uint8_t>(v)); file.push_back(static_cast<uint8_t>(v >> 8)); };
    text("RIFF"), u32(36 + dataBytes), text("WAVE"), text("fmt "), u32(16), u16(1), u16(1), u32(8000), u32(8000), u16(1),
        u16(8), text("data"), u32(dataBytes);
    file.resize(file.size() + dataBytes, 128);
    return encodeBase64(file.data(), file.size());
}

// Limits the built-in catalog does not use (a step, a URL-only file, a clip length), on one model.
const Catalog& smallCatalog() {
    static const Catalog catalog = loadCatalog(json::parse(R"({
      "sources": {"seed 001": "a seed"},
      "dialects": {"aisdk": {}},
      "models": [{"id": "acme/m1", "provider": "acme", "vendor": "Acme", "name": "M1", "modes": ["t2v"],
        "params": {
          "/prompt": {"type": "string", "source": "seed 001"},
          "/duration": {"type": "number", "min": 1, "max": 10, "step": 0.5, "source": "seed 001"},
          "/providerOptions/acme/sketch": {"type": "image", "media": {"url": false}, "source": "seed 001"},
          "/providerOptions/acme/music": {"type": "audio", "media": {"formats": ["wav"], "minSeconds": 3, "maxSeconds": 30},
                                          "source": "seed 001"}}}]
    })"));
    return catalog;
}

//-----------------------------------------------------------------------------
// Diagnostic cases
//-----------------------------------------------------------------------------

enum class Through {
    Vgen,       // apiValidate(input, dialect, --json), as `vgen validate` and serve.py
    Canonical,  // validateRequest on a canonical body, as the playground's form
    Build,      // buildRequest(dialect) on a canonical body: what the builder itself refuses or drops
    Small,      // validateRequest against smallCatalog()
};

struct CodeCase {
    const char* code;  // the code the fault gives
    const char* path;  // where
    Through through;
    const char* dialect;
    const char* input;  // one fault; {png WxH} is an image (see withImages)
};

// Kling 2.6 by its gateway ids, the model most rules are stated for.
const CodeCase kCases[] = {
    // reading the input
    {"invalid_json", "", Through::Vgen, "", R"({"model": })"},
    {"dialect_unknown", "", Through::Vgen, "", R"({"prompt": "a fox"})"},
    {"body_not_object", "", Through::Vgen, "unified", R"([1])"},
    {"path_mismatch", "/path", Through::Vgen, "gateway",
     R"({"method": "POST", "path": "/v1/nope", "headers": {"ai-model-id": "klingai/kling-v2.6-t2v"}, "body": {"prompt": "a fox"}})"},
    // the model and the mode
    {"missing_model", "", Through::Vgen, "unified", R"({"prompt": "a fox"})"},
    {"unknown_model", "/model", Through::Vgen, "unified", R"({"model": "klingai/kling-v9", "prompt": "a fox"})"},
    {"model_not_in_dialect", "/provider", Through::Vgen, "creative-hub", R"({"provider": "kling_2_6", "prompt": "a fox"})"},
    {"unknown_mode", "/mode", Through::Canonical, "", R"({"model": "klingai/kling-v2.6", "mode": "sideways", "prompt": "a fox"})"},
    {"mode_not_supported", "/model", Through::Vgen, "jobs", R"({"model": "midjourney-video", "prompt": "a fox"})"},
    {"mode_not_offered_by_id", "/model", Through::Canonical, "",
     R"({"model": "klingai/kling-v2.6-t2v", "mode": "i2v", "image": "https://example.com/cat.png"})"},
    {"limits_unknown", "/model", Through::Vgen, "jobs", R"({"model": "luma-ray-2", "prompt": "a fox"})"},
    // a dialect's wire fields
    {"missing_field", "/frameImages/1", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": {"text": "a fox"},
         "frameImages": [{"frameType": "first_frame", "image": "https://example.com/a.png"}, {"frameType": "last_frame"}]})"},
    {"wrong_type", "/duration", Through::Vgen, "unified", R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "duration": "5"})"},
    {"invalid_value", "/references/0", Through::Build, "aisdk",
     R"({"model": "alibaba/wan-v2.6-flash", "mode": "r2v", "prompt": "a fox", "references": [{"type": "image"}]})"},
    {"duplicate_field", "/image", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "image_url": "https://example.com/a.png", "image": "https://example.com/b.png"})"},
    {"conflicting_fields", "/provider_options/negative_prompt", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "negative_prompt": "a", "provider_options": {"negative_prompt": "b"}})"},
    {"unknown_field", "/duratoin", Through::Vgen, "unified", R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "duratoin": 5})"},
    // members and values
    {"input_missing", "/image", Through::Canonical, "", R"({"model": "klingai/kling-v2.6", "mode": "i2v"})"},
    {"missing_member", "/providerOptions/klingai/cameraControl", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "providerOptions": {"klingai": {"cameraControl": {}}}})"},
    {"unknown_member", "/providerOptions/klingai/cameraControl/speed", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "providerOptions": {"klingai": {"cameraControl": {"type": "down_back", "speed": 1}}}})"},
    {"not_supported", "/providerOptions/klingai/cfgScale", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "providerOptions": {"klingai": {"cfgScale": 0.5}}})"},
    {"not_used_in_mode", "/image", Through::Canonical, "",
     R"({"model": "klingai/kling-v2.6", "mode": "t2v", "prompt": "a fox", "image": "https://example.com/a.png"})"},
    {"option_ignored", "/providerOptions/vertex", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "providerOptions": {"vertex": {"x": 1}}})"},
    {"duration_not_offered", "/duration", Through::Vgen, "aisdk", R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "duration": 7})"},
    {"out_of_range", "/duration", Through::Vgen, "aisdk", R"({"model": "klingai/kling-v3.0-t2v", "prompt": "a fox", "duration": 20})"},
    {"off_step", "/duration", Through::Small, "", R"({"model": "acme/m1", "prompt": "a fox", "duration": 2.25})"},
    {"too_long", "/prompt", Through::Vgen, "aisdk", nullptr},  // a 2501-character prompt, made below
    {"too_short", "/prompt", Through::Vgen, "jobs", R"({"model": "kling-2.6", "prompt": ""})"},
    {"too_many_items", "/providerOptions/klingai/voiceList", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v3.0-t2v", "prompt": "a fox",
         "providerOptions": {"klingai": {"sound": "on", "voiceList": [{"voiceId": "a"}, {"voiceId": "b"}, {"voiceId": "c"}]}}})"},
    {"too_few_items", "/references", Through::Canonical, "", R"({"model": "google/veo-3.1", "mode": "r2v", "references": []})"},
    {"webhook_url_invalid", "/webhookUrl", Through::Vgen, "jobs", R"({"model": "kling-2.6", "prompt": "a fox", "webhookUrl": "ftp://x"})"},
    {"webhook_event_unknown", "/webhookEvents/0", Through::Vgen, "jobs",
     R"({"model": "kling-2.6", "prompt": "a fox", "webhookUrl": "https://example.com/h", "webhookEvents": ["done"]})"},
    // media
    {"media_unreadable", "/input_image_b64", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "input_image_b64": "!!!!"})"},
    {"media_url_not_allowed", "/providerOptions/acme/sketch", Through::Small, "",
     R"({"model": "acme/m1", "prompt": "a fox", "providerOptions": {"acme": {"sketch": "https://example.com/a.png"}}})"},
    {"media_data_url_not_allowed", "/input_image", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "input_image": "data:image/png;base64,{png 800x600}"})"},
    {"media_inline_not_allowed", "/input_image_b64", Through::Vgen, "unified",
     R"({"model": "alibaba/wan-v2.6-i2v", "prompt": "a fox", "input_image_b64": "{png 800x600}"})"},
    {"media_format_suspect", "/image_url", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "image_url": "https://example.com/cat.webp"})"},
    {"media_format_unknown", "/input_image_b64", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "input_image_b64": "aGVsbG8gd29ybGQsIG5vdCBhbiBpbWFnZQ=="})"},
    {"media_format_not_allowed", "/providerOptions/acme/music", Through::Small, "", nullptr},  // an MP3 header, made below
    {"media_too_large", "/input_image_b64", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "input_image_b64": "{png 800x600+10MB}"})"},
    {"media_too_small", "/input_image_b64", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "input_image_b64": "{png 200x200}"})"},
    {"media_aspect_out_of_range", "/input_image_b64", Through::Vgen, "unified",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": "a fox", "input_image_b64": "{png 3000x400}"})"},
    {"media_duration_out_of_range", "/providerOptions/acme/music", Through::Small, "", nullptr},  // a 1 s WAV, made below
    // cross-field rules
    {"exclusive_options", "/providerOptions/klingai/cameraControl", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": {"text": "a fox", "image": "https://example.com/a.png"},
         "providerOptions": {"klingai": {"imageTail": "https://example.com/b.png", "cameraControl": {"type": "down_back"}}}})"},
    {"requires_option", "/providerOptions/klingai/voiceList", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v3.0-t2v", "prompt": "a fox", "providerOptions": {"klingai": {"voiceList": [{"voiceId": "a"}]}}})"},
    {"seed_conflict", "/providerOptions/klingai/voiceList", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "providerOptions": {"klingai": {"sound": "on", "voiceList": [{"voiceId": "a"}]}}})"},
    {"camera_config_ignored", "/providerOptions/klingai/cameraControl/config", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox",
         "providerOptions": {"klingai": {"cameraControl": {"type": "down_back", "config": {"zoom": 0}}}}})"},
    {"camera_config_missing", "/providerOptions/klingai/cameraControl", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "providerOptions": {"klingai": {"cameraControl": {"type": "simple"}}}})"},
    {"camera_axis_out_of_range", "/providerOptions/klingai/cameraControl/config/zoom", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox",
         "providerOptions": {"klingai": {"cameraControl": {"type": "simple", "config": {"zoom": 12}}}}})"},
    {"camera_axes_count", "/providerOptions/klingai/cameraControl/config", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox",
         "providerOptions": {"klingai": {"cameraControl": {"type": "simple", "config": {"zoom": 2, "pan": 3}}}}})"},
    {"shot_index_sequence", "/providerOptions/klingai/multiPrompt/0/index", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v3.0-t2v", "prompt": "a fox", "duration": 5, "providerOptions": {"klingai":
         {"multiShot": true, "shotType": "customize", "multiPrompt": [{"index": 2, "prompt": "a", "duration": "5"}]}}})"},
    {"shot_duration_invalid", "/providerOptions/klingai/multiPrompt/0/duration", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v3.0-t2v", "prompt": "a fox", "duration": 5, "providerOptions": {"klingai":
         {"multiShot": true, "shotType": "customize", "multiPrompt": [{"index": 1, "prompt": "a", "duration": "0"}]}}})"},
    {"shot_durations_sum", "/providerOptions/klingai/multiPrompt", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v3.0-t2v", "prompt": "a fox", "duration": 5, "providerOptions": {"klingai":
         {"multiShot": true, "shotType": "customize", "multiPrompt": [{"index": 1, "prompt": "a", "duration": "4"}]}}})"},
    {"trajectory_points", "/providerOptions/klingai/dynamicMasks/0/trajectories", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": {"text": "a fox", "image": "https://example.com/a.png"},
         "providerOptions": {"klingai": {"dynamicMasks": [{"mask": "https://example.com/m.png", "trajectories": [{"x": 1, "y": 1}]}]}}})"},
    {"mask_resolution_mismatch", "/providerOptions/klingai/dynamicMasks/0/mask", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": {"text": "a fox", "image": "https://example.com/a.png"},
         "providerOptions": {"klingai": {"staticMask": "{png 800x600}",
           "dynamicMasks": [{"mask": "{png 400x300}", "trajectories": [{"x": 1, "y": 1}, {"x": 2, "y": 2}]}]}}})"},
    {"mask_aspect_mismatch", "/providerOptions/klingai/staticMask", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v2.6-i2v", "prompt": {"text": "a fox", "image": "{png 800x800}"},
         "providerOptions": {"klingai": {"staticMask": "{png 800x600}"}}})"},
    {"voice_tag_unknown", "/prompt", Through::Vgen, "aisdk",
     R"({"model": "klingai/kling-v3.0-t2v", "prompt": "a fox says <<<voice_2>>>",
         "providerOptions": {"klingai": {"sound": "on", "voiceList": [{"voiceId": "a"}]}}})"},
    // building for a dialect
    {"not_expressible", "/references/0/tag", Through::Build, "aisdk",
     R"({"model": "alibaba/wan-v2.6-flash", "mode": "r2v", "prompt": "a fox", "references": [{"url": "https://example.com/a.png", "tag": "character1"}]})"},
    {"dropped_field", "/dialectOptions/jobs/webhookUrl", Through::Build, "unified",
     R"({"model": "klingai/kling-v2.6", "prompt": "a fox", "dialectOptions": {"jobs": {"webhookUrl": "https://example.com/h"}}})"},
};

std::string inputOf(const CodeCase& c) {
    const std::string code = c.code;
    if (code == "too_long")
        return json{{"model", "klingai/kling-v2.6-t2v"}, {"prompt", std::string(2501, 'x')}}.dump();
    if (code == "media_format_not_allowed") {
        const uint8_t mp3[] = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0};
        return json{{"model", "acme/m1"}, {"prompt", "a fox"},
                    {"providerOptions", {{"acme", {{"music", encodeBase64(mp3, sizeof mp3)}}}}}}.dump();
    }
    if (code == "media_duration_out_of_range")
        return json{{"model", "acme/m1"}, {"prompt", "a fox"}, {"providerOptions", {{"acme", {{"music", wavBase64(1)}}}}}}.dump();
    return withImages(c.input);
}

Diagnostics diagnosticsOf(const CodeCase& c) {
    const std::string input = inputOf(c);
    if (c.through == Through::Vgen) {
        const json report = json::parse(apiValidate(input, c.dialect, true).output);
        Diagnostics out;
        for (const json& d : report.at("diagnostics"))
            out.push_back({d["severity"] == "error" ? Severity::Error : Severity::Warning, d["path"], d["code"], d["message"], std::nullopt});
        return out;
    }
    Request request;
    request.body = json::parse(input);
    if (c.through == Through::Small) return validateRequest(request, smallCatalog());
    if (c.through == Through::Canonical) return validateRequest(request, builtinCatalog());
    return buildRequest(*dialectByName(c.dialect), request, builtinCatalog()).diagnostics;
}

using test::describe;

// "(seed 001)": a message names a source document by our key. Messages are for people, who cannot
// look such a key up (the catalog's `source` fields keep it for tools); it was once cited twice in
// one message ("(seed 001) (seed 001)").
bool namesASource(const std::string& message) {
    static const std::regex key(R"([Ss]eeds? \d+)");
    return std::regex_search(message, key);
}

TEST(DiagnosticCodes, EachFaultGivesExactlyItsOneDiagnostic) {
    for (const CodeCase& c : kCases) {
        SCOPED_TRACE(c.code);
        const Diagnostics diagnostics = diagnosticsOf(c);
        EXPECT_EQ(diagnostics.size(), 1u) << describe(diagnostics);
        if (diagnostics.empty()) continue;
        EXPECT_EQ(diagnostics[0].code, c.code) << describe(diagnostics);
        EXPECT_EQ(diagnostics[0].path, c.path) << describe(diagnostics);
        const std::optional<Code> registered = codeByName(diagnostics[0].code);
        EXPECT_TRUE(registered) << diagnostics[0].code << " is not in the registry";
        if (!registered) continue;
        if (*registered != Code::UnknownMember) {  // a warning on an open object, an error on a closed one
            EXPECT_EQ(diagnostics[0].severity, diagnosticCode(*registered).severity) << describe(diagnostics);
        }
        EXPECT_FALSE(namesASource(diagnostics[0].message)) << diagnostics[0].message;
    }
}

// Issue 10's two reports: image-to-video without the image gave two input_missing at /image (the
// second ending "(seed 001) (seed 001)"); a request without a model gave missing_model and model_missing.
TEST(DiagnosticCodes, Issue10DoubleReportsAreOne) {
    Request request;
    request.body = json::parse(R"({"model": "klingai/kling-v2.6", "mode": "i2v"})");
    const Diagnostics imageless = validateRequest(request, builtinCatalog());
    ASSERT_EQ(imageless.size(), 1u) << describe(imageless);
    EXPECT_EQ(imageless[0].code, "input_missing");
    EXPECT_EQ(imageless[0].path, "/image");
    EXPECT_FALSE(namesASource(imageless[0].message)) << imageless[0].message;

    // (openai is not among them: its API defaults to sora-2, OpenAiVideos.NoModelMeansTheApisDefaultSora2.)
    for (const char* dialect : {"aisdk", "gateway", "unified", "jobs"}) {
        SCOPED_TRACE(dialect);
        const json report = json::parse(apiValidate(R"({"prompt": "a fox"})", dialect, true).output);
        ASSERT_EQ(report["diagnostics"].size(), 1u) << report.dump(1);
        EXPECT_EQ(report["diagnostics"][0]["code"], "missing_model");
    }
}

// The request corpus in tests/cases (faulty and valid requests of every dialect): no fault is
// reported twice at one place, no message names a source by its key.
TEST(DiagnosticCodes, CaseCorpusReportsEachFaultOnce) {
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(VG_SOURCE_DIR) + "/tests/cases")) {
        if (entry.path().extension() != ".json") continue;
        SCOPED_TRACE(entry.path().filename().string());
        ++files;
        std::ifstream file(entry.path(), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        const json report = json::parse(apiValidate(text, "", true).output, nullptr, false);
        if (report.is_discarded()) continue;  // a usage error (an unreadable file) has no report
        std::set<std::pair<std::string, std::string>> seen;
        for (const json& d : report["diagnostics"]) {
            EXPECT_TRUE(seen.insert({d["path"].get<std::string>(), d["code"].get<std::string>()}).second) << d.dump();
            EXPECT_FALSE(namesASource(d["message"].get<std::string>())) << d.dump();
            EXPECT_TRUE(codeByName(d["code"].get<std::string>())) << d.dump();
        }
    }
    EXPECT_GT(files, 20u);
}

// A report read from an input points at places that input has: a member it lacks (the type of a
// camera move, a shot's prompt) at the object that should hold it, never at a canonical path.
TEST(DiagnosticCodes, EveryPathIsAPlaceInTheInput) {
    std::vector<std::pair<std::string, std::string>> inputs;  // (dialect or "" to detect, text)
    for (const CodeCase& c : kCases)
        if (c.through == Through::Vgen) inputs.emplace_back(c.dialect, inputOf(c));
    for (const auto& entry : std::filesystem::directory_iterator(std::string(VG_SOURCE_DIR) + "/tests/cases")) {
        std::ifstream file(entry.path(), std::ios::binary);
        inputs.emplace_back("", std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>()));
    }
    inputs.emplace_back("unified", R"({"model": "alibaba/wan-v2.6-i2v", "prompt": "a fox"})");
    inputs.emplace_back("aisdk", R"({"model": "klingai/kling-v3.0-t2v", "prompt": "x", "duration": 10, "providerOptions":
        {"klingai": {"multiShot": true, "shotType": "customize", "multiPrompt": [{"index": 1, "duration": "10"}]}}})");
    size_t paths = 0;
    for (const auto& [dialect, text] : inputs) {
        const json input = json::parse(text, nullptr, false);
        if (input.is_discarded()) continue;
        const json report = json::parse(apiValidate(text, dialect, true).output, nullptr, false);
        if (report.is_discarded()) continue;
        for (const json& d : report["diagnostics"]) {
            const std::string path = d["path"].get<std::string>();
            EXPECT_TRUE(path.empty() || findAt(input, path)) << text << "\n" << d.dump();
            ++paths;
        }
    }
    EXPECT_GT(paths, 60u);
}

TEST(DiagnosticCodes, MoreProblemsClosesACutReport) {
    json body = {{"model", "klingai/kling-v2.6-t2v"}, {"prompt", "a fox"}};
    for (int i = 0; i < 150; ++i) body["extra" + std::to_string(i)] = i;
    const json report = json::parse(apiValidate(body.dump(), "unified", true).output);
    ASSERT_EQ(report["diagnostics"].size(), 100u);
    EXPECT_EQ(report["diagnostics"].back()["code"], "more_problems");
    EXPECT_EQ(report["diagnostics"].back()["path"], "");
}

//-----------------------------------------------------------------------------
// Job endings
//-----------------------------------------------------------------------------

constexpr int64_t kT0 = 1'700'000'000'000;

HttpResponse answer(int status, const char* body) { return {status, "", "", body ? json::parse(body) : json()}; }

Job polledUnifiedJob(const PollPolicy& policy = {}) {
    return onSubmitted(startJob(Dialect::Unified, policy, 1, kT0), answer(202, R"({"id": "video_1", "status": "queued"})"), kT0);
}
Job finishedUnifiedJob() {
    return onSubmitted(startJob(Dialect::Unified, {}, 1, kT0),
                       answer(200, R"({"created": 1, "videos": [{"url": "https://example.com/v.mp4"}]})"), kT0);
}

struct JobCase {
    const char* code;
    std::function<Job()> run;
};

const std::vector<JobCase>& jobCases() {
    static const std::vector<JobCase> cases = {
        {"dialect_has_no_jobs", [] { return startJob(Dialect::AiSdk, {}, 1, kT0); }},
        {"bad_gateway_response",
         [] { return onSubmitted(startJob(Dialect::Unified, {}, 1, kT0), answer(200, R"({"status": "queued"})"), kT0); }},
        {"network_error", [] { return onNetworkError(startJob(Dialect::Unified, {}, 1, kT0), "connection reset", kT0); }},
        {"too_many_errors",
         [] {
             PollPolicy policy;
             policy.maxConsecutiveErrors = 1;
             Job job = polledUnifiedJob(policy);
             job = onPollResponse(job, answer(503, nullptr), job.nextPollAt);
             return onPollResponse(job, answer(503, nullptr), job.nextPollAt);
         }},
        {"poll_timeout", [] { return checkDeadline(polledUnifiedJob(), kT0 + 600000); }},
        {"http_400", [] { return onPollResponse(polledUnifiedJob(), answer(400, nullptr), kT0 + 5000); }},
        {"insufficient_quota", [] { return onSubmitted(startJob(Dialect::Unified, {}, 1, kT0), answer(429, nullptr), kT0); }},
        {"generation_failed",
         [] { return onPollResponse(polledUnifiedJob(), answer(200, R"({"id": "video_1", "status": "failed"})"), kT0 + 5000); }},
        {"cancelled_by_gateway",
         [] {
             Job job = onSubmitted(startJob(Dialect::Jobs, {}, 1, kT0), answer(202, R"({"jobId": "j1", "status": "QUEUED"})"), kT0);
             return onPollResponse(job, answer(200, R"({"jobId": "j1", "status": "CANCELLED"})"), kT0 + 5000);
         }},
        {"cancelled_by_user", [] { return cancel(polledUnifiedJob(), kT0 + 1); }},
        {"links_expired", [] { return checkDeadline(finishedUnifiedJob(), kT0 + 20 * 60 * 1000); }},
    };
    return cases;
}

TEST(DiagnosticCodes, JobEndingsUseRegisteredCodes) {
    for (const JobCase& c : jobCases()) {
        SCOPED_TRACE(c.code);
        const Job job = c.run();
        EXPECT_TRUE(isTerminal(job.state)) << jobStateName(job.state);
        EXPECT_EQ(job.errorCode, c.code) << job.errorMessage;
        const std::optional<Code> registered = codeByName(job.errorCode);
        ASSERT_TRUE(registered);
        EXPECT_EQ(diagnosticCode(*registered).use, CodeUse::JobEnding);
    }
}

//-----------------------------------------------------------------------------
// The registry itself
//-----------------------------------------------------------------------------

TEST(DiagnosticCodes, EveryRegisteredCodeHasACase) {
    std::set<Code> covered;
    for (const CodeCase& c : kCases)
        if (const std::optional<Code> code = codeByName(c.code)) covered.insert(*code);
    for (const JobCase& c : jobCases())
        if (const std::optional<Code> code = codeByName(c.code)) covered.insert(*code);
    covered.insert(Code::MoreProblems);  // MoreProblemsClosesACutReport
    covered.insert(Code::InternalError);  // a bug by definition: no input may produce it
    for (const DiagnosticCode& entry : diagnosticCodes())
        EXPECT_TRUE(covered.count(entry.id)) << entry.name << " has no case in codes_test.cpp";
}

TEST(DiagnosticCodes, RegistryIsInCodeOrderWithUniqueNamesAndMeanings) {
    std::set<std::string_view> names;
    for (size_t i = 0; i < diagnosticCodes().size(); ++i) {
        const DiagnosticCode& entry = diagnosticCodes()[i];
        EXPECT_EQ(static_cast<size_t>(entry.id), i) << entry.name;
        EXPECT_TRUE(names.insert(entry.name).second) << entry.name << " twice";
        EXPECT_FALSE(entry.meaning.empty()) << entry.name;
        EXPECT_EQ(codeByName(codeName(entry.id, "x")), entry.id) << entry.name;
    }
    EXPECT_EQ(codeName(Code::ValueNotOffered, "aspect_ratio"), "aspect_ratio_not_offered");
    EXPECT_EQ(codeByName("http_503"), Code::HttpStatus);
    EXPECT_EQ(codeByName("moderation_blocked"), std::nullopt);  // a gateway's own code
}

TEST(DiagnosticCodes, VgenCodesPrintsTheRegistry) {
    const json table = json::parse(apiCodes(true).output);
    ASSERT_EQ(table.size(), diagnosticCodes().size());
    EXPECT_EQ(table[0]["code"], "invalid_json");
    for (const json& row : table) EXPECT_EQ(row.size(), 4u) << row.dump();  // code, severity, use, meaning
    EXPECT_NE(apiCodes(false).output.find("duration_not_offered"), std::string::npos) << "the text names an example";
}

}  // namespace
}  // namespace vg
