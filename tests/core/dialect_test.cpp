// Dialects: parse of the seeds' own examples, build of the wire requests, refusals, detection,
// diagnostics about the input's shape, and no throw on any value at any field.
//
// Index
// [SECTION] Helpers
// [SECTION] aisdk (seed 001)
// [SECTION] gateway (@ai-sdk/gateway 4.0.158)
// [SECTION] openai (openai 7.60.0)
// [SECTION] unified (seed 002)
// [SECTION] jobs (seed 004)
// [SECTION] creative-hub (seed 003)
// [SECTION] Model ids per dialect
// [SECTION] Conversions and refusals
// [SECTION] Detection
// [SECTION] Shape diagnostics
// [SECTION] Never throws
#include "api/api.h"
#include "catalog/example_request.h"
#include "dialects/dialect.h"
#include "dialects/dialect_common.h"
#include "media/media.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace vg {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

using test::catalog;
using test::describe;

ParseOutcome parse(Dialect dialect, const json& input) { return parseRequest(dialect, input, catalog()); }

BuildOutcome build(Dialect dialect, const json& canonical) {
    Request request;
    request.body = canonical;
    return buildRequest(dialect, request, catalog());
}

const Diagnostic* findCode(const Diagnostics& diagnostics, const std::string& code) {
    for (const Diagnostic& d : diagnostics)
        if (d.code == code) return &d;
    return nullptr;
}

json builtBody(Dialect dialect, const json& canonical) {
    BuildOutcome outcome = build(dialect, canonical);
    EXPECT_TRUE(outcome.http.has_value()) << describe(outcome.diagnostics);
    return outcome.http ? outcome.http->body : json();
}

//-----------------------------------------------------------------------------
// [SECTION] aisdk (seed 001)
//-----------------------------------------------------------------------------

TEST(AiSdkSeed001, VeoExampleParsesWithGenerateAudioPromoted) {
    json input = json::parse(R"({"model":"google/veo-3.1-generate-001",
        "prompt":{"image":"https://example.com/landscape.png","text":"Camera slowly pans across the scene as clouds drift by"},
        "resolution":"1080p","providerOptions":{"vertex":{"resizeMode":"crop","generateAudio":true}}})");
    ParseOutcome outcome = parse(Dialect::AiSdk, input);
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body, json::parse(R"({"model":"google/veo-3.1-generate-001",
        "prompt":"Camera slowly pans across the scene as clouds drift by","image":"https://example.com/landscape.png",
        "resolution":"1080p","audio":true,"providerOptions":{"vertex":{"resizeMode":"crop"}}})"));
    EXPECT_EQ(outcome.request.origin.inputPointer("/audio"), "/providerOptions/vertex/generateAudio");
    EXPECT_EQ(outcome.request.origin.inputPointer("/image"), "/prompt/image");
}

TEST(AiSdkSeed001, KlingExampleModeBecomesQuality) {
    json input = json::parse(R"({"model":"klingai/kling-v2.6-i2v",
        "prompt":{"image":"https://example.com/cat.png","text":"The cat slowly turns its head and blinks"},
        "duration":5,"providerOptions":{"klingai":{"mode":"std"}}})");
    ParseOutcome outcome = parse(Dialect::AiSdk, input);
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body, json::parse(R"({"model":"klingai/kling-v2.6-i2v",
        "prompt":"The cat slowly turns its head and blinks","image":"https://example.com/cat.png",
        "duration":5,"quality":"std"})"));
}

TEST(AiSdkSeed001, KlingImageTailIsTheLastFrameAndSoundIsAudio) {
    json input = json::parse(R"({"model":"klingai/kling-v2.6-i2v",
        "prompt":{"image":"https://example.com/start.png","text":"Smooth transition between the two scenes"},
        "providerOptions":{"klingai":{"imageTail":"https://example.com/end.png","mode":"pro","sound":"on",
                                      "voiceList":[{"voiceId":"your_voice_id"}]}}})");
    ParseOutcome outcome = parse(Dialect::AiSdk, input);
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body, json::parse(R"({"model":"klingai/kling-v2.6-i2v",
        "prompt":"Smooth transition between the two scenes","image":"https://example.com/start.png",
        "lastFrame":"https://example.com/end.png","quality":"pro","audio":true,
        "providerOptions":{"klingai":{"voiceList":[{"voiceId":"your_voice_id"}]}}})"));
    EXPECT_EQ(outcome.request.effectiveMode(), Mode::FLF);
}

TEST(AiSdkSeed001, WanAndGrokExamples) {
    ParseOutcome wan = parse(Dialect::AiSdk, json::parse(R"({"model":"alibaba/wan-v2.6-i2v-flash",
        "prompt":{"image":"https://example.com/cat.png","text":"The cat waves hello and smiles"},
        "duration":5,"providerOptions":{"alibaba":{"audio":true}}})"));
    EXPECT_TRUE(wan.diagnostics.empty()) << describe(wan.diagnostics);
    EXPECT_EQ(wan.request.body, json::parse(R"({"model":"alibaba/wan-v2.6-i2v-flash",
        "prompt":"The cat waves hello and smiles","image":"https://example.com/cat.png","duration":5,"audio":true})"));

    ParseOutcome grok = parse(Dialect::AiSdk, json::parse(R"({"model":"xai/grok-imagine-video",
        "prompt":{"image":"https://example.com/cat.png","text":"The cat slowly turns its head and blinks"},
        "duration":5,"providerOptions":{"xai":{"pollTimeoutMs":600000}}})"));
    EXPECT_TRUE(grok.diagnostics.empty()) << describe(grok.diagnostics);
    EXPECT_EQ(grok.request.body["providerOptions"], json::parse(R"({"xai":{"pollTimeoutMs":600000}})"));
}

TEST(AiSdkSeed001, BuildPutsPromotedFieldsIntoProviderOptions) {
    json body = builtBody(Dialect::AiSdk, json::parse(R"({"model":"klingai/kling-v2.6","prompt":"a fox",
        "image":"https://example.com/a.png","lastFrame":"https://example.com/b.png","audio":false,"quality":"pro",
        "duration":10})"));
    EXPECT_EQ(body, json::parse(R"({"model":"klingai/kling-v2.6-i2v",
        "prompt":{"text":"a fox","image":"https://example.com/a.png"},"duration":10,
        "providerOptions":{"klingai":{"sound":"off","mode":"pro","imageTail":"https://example.com/b.png"}}})"));
}

TEST(AiSdkSeed001, TextOnlyPromptStaysAString) {
    json body = builtBody(Dialect::AiSdk, json::parse(R"({"model":"klingai/kling-v2.6","prompt":"a fox"})"));
    EXPECT_EQ(body, json::parse(R"({"model":"klingai/kling-v2.6-t2v","prompt":"a fox"})"));
}

TEST(AiSdkSeed001, FirstFrameImageWinsOverPromptImageAsInTheSdk) {
    ParseOutcome outcome = parse(Dialect::AiSdk, json::parse(R"({"model":"xai/grok-imagine-video",
        "prompt":{"text":"x","image":"https://example.com/prompt.png"},
        "frameImages":[{"image":"https://example.com/first.png","frameType":"first_frame"},
                       {"image":"https://example.com/last.png","frameType":"last_frame"}]})"));
    EXPECT_EQ(outcome.request.body["image"], "https://example.com/first.png");
    EXPECT_EQ(outcome.request.body["lastFrame"], "https://example.com/last.png");
    EXPECT_NE(findCode(outcome.diagnostics, "duplicate_field"), nullptr);
}

TEST(AiSdkSeed000, ReferenceTagsAreNotExpressible) {
    BuildOutcome outcome = build(Dialect::AiSdk, json::parse(R"({"model":"xai/grok-imagine-video","prompt":"character1 plays",
        "references":[{"url":"https://example.com/dog.png","type":"image","tag":"character1"}]})"));
    EXPECT_FALSE(outcome.http);
    const Diagnostic* d = findCode(outcome.diagnostics, "not_expressible");
    ASSERT_NE(d, nullptr) << describe(outcome.diagnostics);
    EXPECT_EQ(d->path, "/references/0/tag");
    EXPECT_NE(d->message.find("jobs"), std::string::npos) << d->message;
}

//-----------------------------------------------------------------------------
// [SECTION] gateway (@ai-sdk/gateway 4.0.158)
//-----------------------------------------------------------------------------

TEST(GatewaySeed001, BuildsTheSdkEnvelope) {
    BuildOutcome outcome = build(Dialect::Gateway, json::parse(R"({"model":"google/veo-3.1","prompt":"a kitchen",
        "image":"https://example.com/k.png","duration":8,"audio":true})"));
    ASSERT_TRUE(outcome.http) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.http->toJson(), json::parse(R"({"method":"POST","path":"/v4/ai/video-model",
        "headers":{"content-type":"application/json","ai-model-id":"google/veo-3.1-generate-001",
                   "ai-video-model-specification-version":"4","ai-gateway-protocol-version":"0.0.1",
                   "accept":"text/event-stream"},
        "body":{"prompt":"a kitchen","image":{"type":"url","url":"https://example.com/k.png"},"duration":8,
                "providerOptions":{"vertex":{"generateAudio":true}}}})"));
}

TEST(GatewaySeed001, InlineImagesBecomeFileObjectsAndComeBackRaw) {
    const std::string png = "iVBORw0KGgoAAAANSUhEUgAAAgAAAAIACAIAAAA=";
    BuildOutcome outcome = build(Dialect::Gateway, json{{"model", "klingai/kling-v2.6"}, {"image", "data:image/png;base64," + png}});
    ASSERT_TRUE(outcome.http) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.http->body["image"], (json{{"type", "file"}, {"mediaType", "image/png"}, {"data", png}}));
    ParseOutcome back = parse(Dialect::Gateway, outcome.http->toJson());
    EXPECT_EQ(back.request.body["image"], png);
    EXPECT_EQ(back.request.origin.inputPointer("/image"), "/body/image");
    EXPECT_EQ(back.request.origin.inputPointer("/model"), "/headers/ai-model-id");
}

TEST(GatewaySeed001, BareBodyNamesNoModel) {
    ParseOutcome outcome = parse(Dialect::Gateway, json::parse(R"({"prompt":"x","n":1})"));
    const Diagnostic* d = findCode(outcome.diagnostics, "missing_model");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message,
              "gateway requests name the model in the ai-model-id header: pass the {method,path,headers,body} "
              "envelope that `vgen build` prints");
}

TEST(GatewaySeed001, FileObjectExpectedForImages) {
    json input = {{"method", "POST"}, {"path", "/v3/ai/video-model"}, {"headers", {{"AI-Model-Id", "xai/grok-imagine-video"}}},
                  {"body", {{"prompt", "x"}, {"image", "https://example.com/a.png"}}}};
    ParseOutcome outcome = parse(Dialect::Gateway, input);
    EXPECT_EQ(outcome.request.body["model"], "xai/grok-imagine-video");
    const Diagnostic* d = findCode(outcome.diagnostics, "wrong_type");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->path, "/body/image");
}

// The envelope of what @ai-sdk/gateway 4 posts to /v4/ai/video-model/start.
json sdkStart(const std::string& model, json body) {
    return json{{"method", "POST"}, {"path", "/v4/ai/video-model/start"}, {"headers", {{"ai-model-id", model}}},
                {"body", std::move(body)}};
}

TEST(GatewaySdk4, CallbackUrlIsTheWebhookBothWays) {
    ParseOutcome outcome = parse(Dialect::Gateway, sdkStart("google/veo-3.1-generate-001",
        json::parse(R"({"prompt":"x","n":1,"providerOptions":{},"callbackUrl":"http://127.0.0.1:9/hook"})")));
    EXPECT_EQ(outcome.request.body["webhook"], (json{{"url", "http://127.0.0.1:9/hook"}}));
    EXPECT_EQ(outcome.request.origin.inputPointer("/webhook/url"), "/body/callbackUrl");
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    json body = builtBody(Dialect::Gateway, json::parse(R"({"model":"google/veo-3.1","prompt":"x",
        "webhook":{"url":"https://example.com/hook"}})"));
    EXPECT_EQ(body["callbackUrl"], "https://example.com/hook");
}

TEST(GatewaySdk4, TheFirstFrameSentAsImageAndAsFrameImageIsNoRepeat) {
    // The SDK sends a first_frame frame image twice, as `image` and in `frameImages`.
    const json file = {{"type", "url"}, {"url", "https://example.com/first.png"}};
    ParseOutcome same = parse(Dialect::Gateway, sdkStart("xai/grok-imagine-video",
        json{{"prompt", "x"}, {"image", file}, {"frameImages", {{{"image", file}, {"frameType", "first_frame"}}}}}));
    EXPECT_EQ(same.request.body["image"], "https://example.com/first.png");
    EXPECT_TRUE(same.diagnostics.empty()) << describe(same.diagnostics);
    const json other = {{"type", "url"}, {"url", "https://example.com/other.png"}};
    ParseOutcome different = parse(Dialect::Gateway, sdkStart("xai/grok-imagine-video",
        json{{"prompt", "x"}, {"image", other}, {"frameImages", {{{"image", file}, {"frameType", "first_frame"}}}}}));
    EXPECT_EQ(different.request.body["image"], "https://example.com/first.png");
    EXPECT_NE(findCode(different.diagnostics, "duplicate_field"), nullptr) << describe(different.diagnostics);
}

// The canonical request an aisdk call with these options becomes.
json aisdkCanonical(json call) {
    ParseOutcome outcome = parse(Dialect::AiSdk, call);
    EXPECT_EQ(findCode(outcome.diagnostics, "wrong_type"), nullptr) << describe(outcome.diagnostics);
    outcome.request.body.erase("model");
    outcome.request.body.erase("prompt");
    outcome.request.body.erase("mode");
    return outcome.request.body;
}

TEST(GatewaySdk4, SizesBecomeTheResolutionsEachModelOffers) {
    // ai 7 types resolution as "WIDTHxHEIGHT" only. Veo offers 720p and 1080p, 16:9 or 9:16.
    EXPECT_EQ(aisdkCanonical({{"model", "google/veo-3.1-generate-001"}, {"prompt", "x"}, {"resolution", "1280x720"}}),
              (json{{"resolution", "720p"}}));
    EXPECT_EQ(aisdkCanonical({{"model", "google/veo-3.1-generate-001"}, {"prompt", "x"}, {"resolution", "1080x1920"}}),
              (json{{"resolution", "1080p"}, {"aspectRatio", "9:16"}}));
    // Given, the aspect ratio stays the caller's.
    EXPECT_EQ(aisdkCanonical({{"model", "google/veo-3.1-generate-001"}, {"prompt", "x"}, {"resolution", "720x1280"},
                              {"aspectRatio", "16:9"}}),
              (json{{"resolution", "720p"}, {"aspectRatio", "16:9"}}));
    // Grok's ratio follows its input image: no ratio is added.
    EXPECT_EQ(aisdkCanonical({{"model", "xai/grok-imagine-video"}, {"prompt", "x"}, {"resolution", "1280x720"}}),
              (json{{"resolution", "720p"}}));
    // Wan and Sora list sizes themselves: kept; Wan's seed-style "720p" becomes its size.
    EXPECT_EQ(aisdkCanonical({{"model", "alibaba/wan-v2.6-i2v"}, {"prompt", {{"text", "x"}, {"image", "https://e.com/a.png"}}},
                              {"resolution", "1920x1080"}}),
              (json{{"image", "https://e.com/a.png"}, {"resolution", "1920x1080"}}));
    EXPECT_EQ(aisdkCanonical({{"model", "alibaba/wan-v2.6-i2v"}, {"prompt", {{"text", "x"}, {"image", "https://e.com/a.png"}}},
                              {"resolution", "720p"}}),
              (json{{"image", "https://e.com/a.png"}, {"resolution", "1280x720"}}));
    // A size the model has no tier for stays as written, for the validator to refuse with the list.
    EXPECT_EQ(aisdkCanonical({{"model", "google/veo-3.1-generate-001"}, {"prompt", "x"}, {"resolution", "3840x2160"}}),
              (json{{"resolution", "3840x2160"}}));
}

// What is built for the SDK is what its types take: Veo's 720p as the size it is at the request's
// ratio (the model's 16:9 when none), read back as the same tier and ratio.
TEST(GatewaySdk4, BuildWritesResolutionAsTheSdkSize) {
    const std::pair<json, const char*> cases[] = {
        {{{"model", "google/veo-3.1"}, {"prompt", "x"}, {"resolution", "720p"}}, "1280x720"},
        {{{"model", "google/veo-3.1"}, {"prompt", "x"}, {"resolution", "1080p"}, {"aspectRatio", "9:16"}}, "1080x1920"},
        {{{"model", "alibaba/wan-v2.6"}, {"prompt", "x"}, {"image", "https://e.com/a.png"}, {"resolution", "1920x1080"}},
         "1920x1080"},
    };
    for (const auto& [canonical, size] : cases) {
        for (Dialect dialect : {Dialect::AiSdk, Dialect::Gateway}) {
            const BuildOutcome built = build(dialect, canonical);
            ASSERT_TRUE(built.http) << describe(built.diagnostics);
            EXPECT_EQ(built.http->body["resolution"], size) << dialectName(dialect);
            const ParseOutcome back = parse(dialect, built.http->toJson());
            EXPECT_EQ(back.request.body["resolution"], canonical["resolution"]) << dialectName(dialect);
            EXPECT_EQ(back.request.body.value("aspectRatio", json()), canonical.value("aspectRatio", json()));
        }
    }
}

// Raw base64 of the first bytes of a WIDTHxHEIGHT PNG (what the probe reads).
std::string pngHeaderBase64(uint32_t width, uint32_t height) {
    std::vector<uint8_t> bytes = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (uint32_t side : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(side >> shift));
    bytes.insert(bytes.end(), {8, 6, 0, 0, 0, 0, 0, 0, 0});
    return encodeBase64(bytes.data(), bytes.size());
}

TEST(GatewaySdk4, AdaptiveAspectRatioFollowsTheInputImage) {
    // Veo offers 16:9 and 9:16: an inline portrait first frame picks 9:16.
    EXPECT_EQ(aisdkCanonical({{"model", "google/veo-3.1-generate-001"},
                              {"prompt", {{"text", "x"}, {"image", pngHeaderBase64(360, 640)}}}, {"aspectRatio", "adaptive"}})
                  .value("aspectRatio", ""),
              "9:16");
    // Nothing to follow (text only, or an image behind a URL): the model's default applies.
    EXPECT_FALSE(aisdkCanonical({{"model", "google/veo-3.1-generate-001"}, {"prompt", "x"}, {"aspectRatio", "adaptive"}})
                     .contains("aspectRatio"));
    EXPECT_FALSE(aisdkCanonical({{"model", "google/veo-3.1-generate-001"},
                                 {"prompt", {{"text", "x"}, {"image", "https://e.com/a.png"}}}, {"aspectRatio", "adaptive"}})
                     .contains("aspectRatio"));
    // Kling's API lists 16:9, 9:16 and 1:1: a landscape first frame picks 16:9.
    EXPECT_EQ(aisdkCanonical({{"model", "klingai/kling-v2.6-i2v"},
                              {"prompt", {{"text", "x"}, {"image", pngHeaderBase64(640, 360)}}}, {"aspectRatio", "adaptive"}})
                  .value("aspectRatio", ""),
              "16:9");
    // Grok lists no ratios (its image-to-video follows the image): adaptive is its default.
    EXPECT_FALSE(aisdkCanonical({{"model", "xai/grok-imagine-video"},
                                 {"prompt", {{"text", "x"}, {"image", "https://e.com/a.png"}}}, {"aspectRatio", "adaptive"}})
                     .contains("aspectRatio"));
}

//-----------------------------------------------------------------------------
// [SECTION] openai (openai 7.60.0)
//-----------------------------------------------------------------------------

TEST(OpenAiVideos, SecondsAreStringsAndSizeIsLiteralForSora) {
    BuildOutcome outcome = build(Dialect::OpenAI, json::parse(R"({"model":"openai/sora-2","prompt":"a fox",
        "duration":8,"resolution":"1280x720","image":"https://example.com/a.png"})"));
    ASSERT_TRUE(outcome.http) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.http->path, "/v1/videos");
    EXPECT_EQ(outcome.http->body, json::parse(R"({"model":"sora-2","prompt":"a fox","seconds":"8","size":"1280x720",
        "input_reference":{"image_url":"https://example.com/a.png"}})"));
    ParseOutcome back = parse(Dialect::OpenAI, outcome.http->toJson());
    EXPECT_EQ(back.request.body, json::parse(R"({"model":"sora-2","prompt":"a fox","duration":8,"resolution":"1280x720",
        "image":"https://example.com/a.png"})"));
    EXPECT_EQ(back.request.origin.inputPointer("/duration"), "/body/seconds");
}

TEST(OpenAiVideos, SizeTableForResolutionAndAspectRatio) {
    json body = builtBody(Dialect::OpenAI, json::parse(R"({"model":"google/veo-3.1","prompt":"x","resolution":"720p","aspectRatio":"9:16"})"));
    EXPECT_EQ(body["size"], "720x1280");
    ParseOutcome back = parse(Dialect::OpenAI, body);
    EXPECT_EQ(back.request.body["resolution"], "720p");
    EXPECT_EQ(back.request.body["aspectRatio"], "9:16");
    BuildOutcome refused = build(Dialect::OpenAI, json::parse(R"({"model":"google/veo-3.1","prompt":"x","resolution":"4K","aspectRatio":"1:1"})"));
    ASSERT_NE(findCode(refused.diagnostics, "not_expressible"), nullptr);
    EXPECT_NE(findCode(refused.diagnostics, "not_expressible")->message.find("1280x720 (720p 16:9)"), std::string::npos);
}

TEST(OpenAiVideos, RawBase64BecomesADataUrl) {
    const std::string png = "iVBORw0KGgoAAAANSUhEUgAAAgAAAAIACAIAAAA=";
    json body = builtBody(Dialect::OpenAI, json{{"model", "openai/sora-2"}, {"prompt", "x"}, {"image", png}});
    EXPECT_EQ(body["input_reference"]["image_url"], "data:image/png;base64," + png);
}

TEST(OpenAiVideos, WebhookIsRefusedPointingAtJobs) {
    BuildOutcome outcome = build(Dialect::OpenAI, json::parse(R"({"model":"openai/sora-2","prompt":"x",
        "webhook":{"url":"https://example.com/hook","events":["completed"]}})"));
    EXPECT_FALSE(outcome.http);
    ASSERT_EQ(outcome.diagnostics.size(), 2u) << describe(outcome.diagnostics);  // webhook.events and webhook.url
    const Diagnostic* d = &outcome.diagnostics[1];
    EXPECT_EQ(d->code, "not_expressible");
    EXPECT_EQ(d->path, "/webhook/url");
    EXPECT_NE(d->message.find("openai cannot carry webhook.url"), std::string::npos) << d->message;
    EXPECT_NE(d->message.find("use jobs"), std::string::npos) << d->message;
}

TEST(OpenAiVideos, SecondsAsNumberSaysHowToFix) {
    ParseOutcome outcome = parse(Dialect::OpenAI, json::parse(R"({"model":"sora-2","prompt":"x","seconds":8})"));
    const Diagnostic* d = findCode(outcome.diagnostics, "wrong_type");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->path, "/seconds");
    EXPECT_NE(d->message.find("write \"8\" in quotes"), std::string::npos) << d->message;
}

TEST(OpenAiVideos, NoModelMeansTheApisDefaultSora2) {
    ParseOutcome outcome = parse(Dialect::OpenAI, json::parse(R"({"prompt":"a fox"})"));
    EXPECT_EQ(findCode(outcome.diagnostics, "missing_model"), nullptr) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body["model"], "sora-2");
    EXPECT_EQ(outcome.request.body["prompt"], "a fox");
    // Only OpenAI has a default: the other dialects with a model member still ask for one.
    ParseOutcome jobs = parse(Dialect::Jobs, json::parse(R"({"prompt":"a fox"})"));
    EXPECT_NE(findCode(jobs.diagnostics, "missing_model"), nullptr);
}

TEST(OpenAiVideos, InputReferenceFileIdIsTheImage) {
    ParseOutcome outcome = parse(Dialect::OpenAI, json::parse(R"({"model":"sora-2","prompt":"x",
        "input_reference":{"file_id":"file-123"}})"));
    EXPECT_EQ(findCode(outcome.diagnostics, "unknown_field"), nullptr) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body["image"], "file-123");
    EXPECT_EQ(outcome.request.origin.inputPointer("/image"), "/input_reference/file_id");
}

//-----------------------------------------------------------------------------
// [SECTION] unified (seed 002)
//-----------------------------------------------------------------------------

TEST(UnifiedSeed002, KlingCurlBody) {
    json input = json::parse(R"({"model":"klingai/kling-v3.0-t2v",
        "prompt":"A realistic cinematic product shot, slow dolly camera movement, natural light",
        "duration":5,"resolution":"720p","aspect_ratio":"16:9","audio":false,"quality":"std",
        "negative_prompt":"text, watermark, blurry, distorted hands","seed":42,"n":1,"provider_options":{"cfg_scale":0.65}})");
    ParseOutcome outcome = parse(Dialect::Unified, input);
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body, json::parse(R"({"model":"klingai/kling-v3.0-t2v",
        "prompt":"A realistic cinematic product shot, slow dolly camera movement, natural light",
        "duration":5,"resolution":"720p","aspectRatio":"16:9","audio":false,"quality":"std",
        "negativePrompt":"text, watermark, blurry, distorted hands","seed":42,"n":1,
        "providerOptions":{"klingai":{"cfgScale":0.65}}})"));
    EXPECT_EQ(outcome.request.origin.inputPointer("/providerOptions/klingai/cfgScale"), "/provider_options/cfg_scale");
    EXPECT_EQ(builtBody(Dialect::Unified, outcome.request.body), input);
}

TEST(UnifiedSeed002, ImageExamplesInEverySpelling) {
    ParseOutcome object = parse(Dialect::Unified, json::parse(R"({"model":"xai/grok-imagine-video",
        "prompt":{"text":"Animate this frame","image":"https://picsum.photos/seed/aigate-video-frame/1024/768"},
        "duration":5,"resolution":"720p","aspect_ratio":"16:9","audio":false,"n":1})"));
    EXPECT_TRUE(object.diagnostics.empty()) << describe(object.diagnostics);
    EXPECT_EQ(object.request.body["image"], "https://picsum.photos/seed/aigate-video-frame/1024/768");
    EXPECT_EQ(object.request.body["prompt"], "Animate this frame");
    for (const char* field : {"input_image", "image_url", "image", "input_image_url", "input_image_b64"}) {
        ParseOutcome outcome = parse(Dialect::Unified, json{{"model", "xai/grok-imagine-video"}, {"prompt", "x"}, {field, "https://e.com/a.png"}});
        EXPECT_TRUE(outcome.diagnostics.empty()) << field << describe(outcome.diagnostics);
        EXPECT_EQ(outcome.request.body["image"], "https://e.com/a.png") << field;
        EXPECT_EQ(outcome.request.origin.inputPointer("/image"), std::string("/") + field);
    }
}

TEST(UnifiedSeed002, MetadataIsAnAliasOfProviderOptionsAndUserIsKept) {
    ParseOutcome outcome = parse(Dialect::Unified, json::parse(R"({"model":"klingai/kling-v3.0-t2v","prompt":"x",
        "metadata":{"cfg_scale":0.5},"user":"u-42"})"));
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body["providerOptions"], json::parse(R"({"klingai":{"cfgScale":0.5}})"));
    EXPECT_EQ(outcome.request.body["dialectOptions"], json::parse(R"({"unified":{"user":"u-42"}})"));
    json rebuilt = builtBody(Dialect::Unified, outcome.request.body);
    EXPECT_EQ(rebuilt["user"], "u-42");
    EXPECT_EQ(rebuilt["provider_options"], json::parse(R"({"cfg_scale":0.5})"));
}

TEST(UnifiedSeed002, RawBase64GoesToInputImageB64AndLastFrameToImageTail) {
    json body = builtBody(Dialect::Unified, json::parse(R"({"model":"klingai/kling-v2.6","prompt":"x",
        "image":"iVBORw0KGgo=","lastFrame":"https://example.com/end.png"})"));
    EXPECT_EQ(body["input_image_b64"], "iVBORw0KGgo=");
    EXPECT_EQ(body["provider_options"], json::parse(R"({"image_tail":"https://example.com/end.png"})"));
    EXPECT_FALSE(body.contains("input_image"));
}

TEST(UnifiedSeed002, ReferencesWithoutPromotionAreRefused) {
    BuildOutcome outcome = build(Dialect::Unified, json::parse(R"({"model":"xai/grok-imagine-video","prompt":"x",
        "references":[{"url":"https://example.com/a.png","type":"image"}]})"));
    EXPECT_FALSE(outcome.http);
    const Diagnostic* d = findCode(outcome.diagnostics, "not_expressible");
    ASSERT_NE(d, nullptr) << describe(outcome.diagnostics);
    EXPECT_EQ(d->path, "/references");
}

TEST(UnifiedSeed002, DurationAsStringSaysHowToFix) {
    ParseOutcome outcome = parse(Dialect::Unified, json::parse(R"({"model":"klingai/kling-v3.0-t2v","prompt":"x","duration":"5"})"));
    const Diagnostic* d = findCode(outcome.diagnostics, "wrong_type");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->path, "/duration");
    EXPECT_EQ(d->message, "duration must be a number, got string \"5\": write 5 without quotes");
    EXPECT_FALSE(outcome.request.body.contains("duration"));
}

//-----------------------------------------------------------------------------
// [SECTION] jobs (seed 004)
//-----------------------------------------------------------------------------

TEST(JobsSeed004, ParametersHoldSharedFieldsAndProviderOptions) {
    json input = json::parse(R"({"prompt":"a fox","model":"kling-2.6","webhookUrl":"https://example.com/hook",
        "webhookEvents":["progress","completed"],
        "parameters":{"duration":10,"aspectRatio":"16:9","audio":true,"cameraControl":{"type":"down_back"}}})");
    ParseOutcome outcome = parse(Dialect::Jobs, input);
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body, json::parse(R"({"model":"kling-2.6","prompt":"a fox",
        "webhook":{"url":"https://example.com/hook","events":["progress","completed"]},
        "duration":10,"aspectRatio":"16:9","audio":true,
        "providerOptions":{"klingai":{"cameraControl":{"type":"down_back"}}}})"));
    EXPECT_EQ(outcome.request.origin.inputPointer("/webhook/events"), "/webhookEvents");
    EXPECT_EQ(builtBody(Dialect::Jobs, outcome.request.body), input);
}

TEST(JobsSeed004, WebhookEventsMustBeStrings) {
    ParseOutcome outcome = parse(Dialect::Jobs, json::parse(R"({"prompt":"a","model":"veo-3","webhookEvents":"completed"})"));
    const Diagnostic* d = findCode(outcome.diagnostics, "wrong_type");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message, "webhookEvents must be an array of strings, got string \"completed\": write [\"completed\"]");
}

//-----------------------------------------------------------------------------
// [SECTION] creative-hub (seed 003)
//-----------------------------------------------------------------------------

TEST(CreativeHubSeed003, BodyParsesAndDriveFolderIsKept) {
    json input = json::parse(R"({"prompt":"A jogger on a misty mountain trail","provider":"runway_gen4",
        "image_url":"https://example.com/product.png","duration":6,"aspect_ratio":"9:16","drive_folder_id":"folder-1"})");
    ParseOutcome outcome = parse(Dialect::CreativeHub, input);
    EXPECT_TRUE(outcome.diagnostics.empty()) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.body, json::parse(R"({"model":"runway_gen4","prompt":"A jogger on a misty mountain trail",
        "image":"https://example.com/product.png","duration":6,"aspectRatio":"9:16",
        "dialectOptions":{"creative-hub":{"drive_folder_id":"folder-1"}}})"));
    EXPECT_EQ(builtBody(Dialect::CreativeHub, outcome.request.body), input);
}

TEST(CreativeHubSeed003, StudioSuiteModelsAreRefusedOnParseAndBuild) {
    ParseOutcome parsed = parse(Dialect::CreativeHub, json::parse(R"({"prompt":"x","provider":"kling_2_6"})"));
    const Diagnostic* d = findCode(parsed.diagnostics, "model_not_in_dialect");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->path, "/provider");
    EXPECT_NE(d->message.find("takes only luma_ray3 and runway_gen4"), std::string::npos);

    BuildOutcome built = build(Dialect::CreativeHub, json::parse(R"({"model":"klingai/kling-v2.6","prompt":"x"})"));
    EXPECT_FALSE(built.http);
    d = findCode(built.diagnostics, "model_not_in_dialect");
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->message.find("kling_2_6 lives in the studio suite"), std::string::npos) << d->message;
}

// Seed 003: "provider(optional, luma_ray3|runway_gen4)": a body without one is the route's default.
TEST(CreativeHubSeed003, ProviderIsOptionalAndTakesOnlyTheRoutesTwo) {
    ParseOutcome outcome = parse(Dialect::CreativeHub, json::parse(R"({"prompt":"x"})"));
    EXPECT_TRUE(outcome.usable);
    EXPECT_FALSE(hasErrors(outcome.diagnostics)) << describe(outcome.diagnostics);
    EXPECT_EQ(outcome.request.modelId(), "luma_ray3");
    const ApiResult valid = apiValidate(R"({"prompt":"a jogger on a misty trail"})", "creative-hub", false);
    EXPECT_EQ(valid.exitCode, 0) << valid.output;

    const ApiResult other = apiValidate(R"({"prompt":"x","provider":"kling"})", "creative-hub", false);
    EXPECT_EQ(other.exitCode, 1);
    EXPECT_NE(other.output.find("<stdin>:1:26: error[unknown_model]: unknown model \"kling\": creative-hub takes only "
                                "\"luma_ray3\" or \"runway_gen4\""),
              std::string::npos)
        << other.output;
}

//-----------------------------------------------------------------------------
// [SECTION] Model ids per dialect
//-----------------------------------------------------------------------------

// Every routable id parses in each dialect it serves with no word about the model.
TEST(DialectModelIds, EachDialectTakesItsOwnIds) {
    size_t checked = 0;
    for (const Model& model : catalog().models)
        for (const Alias& alias : model.aliases)
            for (Dialect dialect : kAllDialects) {
                const std::string name = dialectName(dialect);
                if (!alias.routable || std::find(alias.dialects.begin(), alias.dialects.end(), name) == alias.dialects.end())
                    continue;
                const Mode mode = alias.modes.empty() ? model.modes.front() : alias.modes.front();
                Request example = exampleRequest(model, mode);
                BuildOutcome built = buildRequest(dialect, example, catalog());
                if (!built.http) continue;  // a member this dialect cannot carry: not about the id
                ParseOutcome parsed = parseRequest(dialect, built.http->toJson(), catalog());
                EXPECT_EQ(findCode(parsed.diagnostics, "model_not_in_dialect"), nullptr)
                    << alias.id << " in " << name << "\n" << describe(parsed.diagnostics);
                ++checked;
            }
    EXPECT_GT(checked, 40u);
}

// A name from another dialect (kling_2_6 in a jobs body, kling-2.6 in an AI SDK one) is an error
// naming the id this route takes; the catalog's own ids are every front door's.
TEST(DialectModelIds, AForeignIdIsAnErrorNamingTheRouteOwn) {
    struct Case {
        Dialect dialect;
        const char* body;
        const char* says;
    };
    const Case cases[] = {
        {Dialect::Jobs, R"({"model":"kling_2_6","prompt":"a fox"})", "jobs requests name it \"kling-2.6\""},
        {Dialect::AiSdk, R"({"model":"kling-2.6","prompt":"a fox"})", "aisdk requests name it \"klingai/kling-v2.6-t2v\""},
        {Dialect::AiSdk, R"({"model":"kling-2.6","prompt":{"text":"a fox","image":"https://example.com/a.png"}})",
         "aisdk requests name it \"klingai/kling-v2.6-i2v\""},
        {Dialect::Unified, R"({"model":"veo-3.1","prompt":"a fox"})", "unified requests name it \"google/veo-3.1-generate-001\""},
        {Dialect::OpenAI, R"({"model":"kling-2.6","prompt":"a fox"})", "openai requests name it \"klingai/kling-v2.6-t2v\""},
        {Dialect::AiSdk, R"({"model":"kling-2.1","prompt":{"text":"a fox","image":"https://example.com/a.png"}})",
         "aisdk has no id for it in image-to-video: send it through jobs (kling-2.1)"},
    };
    for (const Case& c : cases) {
        ParseOutcome parsed = parse(c.dialect, json::parse(c.body));
        const Diagnostic* d = findCode(parsed.diagnostics, "model_not_in_dialect");
        ASSERT_NE(d, nullptr) << c.body << "\n" << describe(parsed.diagnostics);
        EXPECT_EQ(d->severity, Severity::Error);
        EXPECT_EQ(d->path, "/model");
        EXPECT_NE(d->message.find(c.says), std::string::npos) << d->message;
    }
    // The catalog's own id, as the playground's request text writes it, reads in every dialect.
    for (Dialect dialect : {Dialect::AiSdk, Dialect::Unified, Dialect::Jobs, Dialect::OpenAI}) {
        ParseOutcome parsed = parse(dialect, json::parse(R"({"model":"klingai/kling-v2.6","prompt":"a fox"})"));
        EXPECT_EQ(findCode(parsed.diagnostics, "model_not_in_dialect"), nullptr) << describe(parsed.diagnostics);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Conversions and refusals
//-----------------------------------------------------------------------------

// The session hands its parsed document over (parseRequest(json&&)) so a 9 MB image moves into the
// request instead of being copied: the outcome must be the one the copying form gives, for media
// in every spelling, repeated media included (the second one is warned about, never emptied first).
TEST(DialectConversion, ConsumingParseGivesWhatTheCopyingParseGives) {
    const std::string png = "iVBORw0KGgoAAAANSUhEUgAAAgAAAAIACAIAAAA=";
    const std::vector<std::pair<Dialect, json>> inputs = {
        {Dialect::AiSdk, json::parse(R"({"model":"xai/grok-imagine-video",
            "prompt":{"text":"x","image":"https://example.com/prompt.png"},
            "frameImages":[{"image":"https://example.com/first.png","frameType":"first_frame"},
                           {"image":"https://example.com/last.png","frameType":"last_frame"}],
            "inputReferences":["https://example.com/r.png",{"data":"AAAA","mediaType":"image/png"}]})")},
        {Dialect::Gateway, json{{"method", "POST"}, {"path", "/v3/ai/video-model"},
                                {"headers", {{"ai-model-id", "klingai/kling-v2.6-i2v"}}},
                                {"body", {{"prompt", "x"}, {"image", {{"type", "file"}, {"mediaType", "image/png"}, {"data", png}}}}}}},
        {Dialect::OpenAI, json::parse(R"({"model":"sora-2","prompt":"x",
            "input_reference":{"image_url":"data:image/png;base64,iVBORw0KGgo="}})")},
        {Dialect::Unified, json{{"model", "klingai/kling-v2.6"}, {"prompt", "x"}, {"input_image_b64", png},
                                {"input_image", "https://example.com/k.png"}}},
    };
    for (const auto& [dialect, input] : inputs) {
        const std::string where = std::string(dialectName(dialect)) + " " + input.dump();
        const ParseOutcome copied = parseRequest(dialect, input, catalog());
        json consumed = input;
        const ParseOutcome moved = parseRequest(dialect, std::move(consumed), catalog());
        EXPECT_EQ(moved.request.body, copied.request.body) << where;
        EXPECT_EQ(diagnosticsToJson(moved.diagnostics), diagnosticsToJson(copied.diagnostics)) << where;
        EXPECT_EQ(moved.usable, copied.usable) << where;
        EXPECT_TRUE(copied.request.body.contains("image")) << where << " " << copied.request.body.dump();
    }
}

TEST(DialectConversion, RouteOnlyFieldsAreDroppedWithAWarning) {
    BuildOutcome outcome = build(Dialect::Jobs, json::parse(R"({"model":"klingai/kling-v2.6","prompt":"x",
        "dialectOptions":{"unified":{"user":"u-1"}}})"));
    ASSERT_TRUE(outcome.http) << describe(outcome.diagnostics);
    const Diagnostic* d = findCode(outcome.diagnostics, "dropped_field");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::Warning);
    EXPECT_EQ(d->path, "/dialectOptions/unified/user");
    EXPECT_FALSE(outcome.http->body.contains("user"));
}

TEST(DialectConversion, ModelWithoutAnIdInTheDialectListsTheOnesThatCarryIt) {
    BuildOutcome outcome = build(Dialect::AiSdk, json::parse(R"({"model":"kling-2.1","prompt":"x","image":"https://e.com/a.png"})"));
    const Diagnostic* d = findCode(outcome.diagnostics, "model_not_in_dialect");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message, "klingai/kling-v2.1 has no id in aisdk for image-to-video; dialects that carry it: jobs (kling-2.1)");
}

TEST(DialectConversion, ModeSpecificIdCarriesTheMode) {
    // Wan 2.6 flash is i2v or r2v: the gateway id says which, the jobs id only does i2v.
    ParseOutcome outcome = parse(Dialect::AiSdk, json::parse(R"({"model":"alibaba/wan-v2.6-r2v-flash","prompt":"x"})"));
    EXPECT_EQ(outcome.request.body["mode"], "r2v");
    BuildOutcome jobs = buildRequest(Dialect::Jobs, outcome.request, catalog());
    EXPECT_NE(findCode(jobs.diagnostics, "model_not_in_dialect"), nullptr) << describe(jobs.diagnostics);
}

TEST(DialectConversion, ProviderOptionsOfAnotherNamespaceAreRefusedInFlatDialects) {
    BuildOutcome outcome = build(Dialect::Unified, json::parse(R"({"model":"klingai/kling-v2.6","prompt":"x",
        "providerOptions":{"vertex":{"enhancePrompt":true}}})"));
    const Diagnostic* d = findCode(outcome.diagnostics, "not_expressible");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->path, "/providerOptions/vertex/enhancePrompt");
    EXPECT_NE(d->message.find("only the model's own provider options (klingai)"), std::string::npos) << d->message;
}

TEST(DialectConversion, UnknownModelIsNotBuilt) {
    BuildOutcome outcome = build(Dialect::Unified, json::parse(R"({"model":"klingai/kling-v2.7","prompt":"x"})"));
    EXPECT_FALSE(outcome.http);
    const Diagnostic* d = findCode(outcome.diagnostics, "unknown_model");
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->message.find("did you mean"), std::string::npos);
}

// `vgen convert` never prints a body the target would refuse: a Kling multi-shot request keeps its
// text in the shots, so its jobs body would have "prompt": "" (the jobs API takes 1-4000 characters).
TEST(DialectConversion, ConvertNeverPrintsABodyTheTargetRefuses) {
    const char* multiShot = R"({"model": "klingai/kling-v3.0-i2v", "prompt": {"image": "https://example.com/a.png", "text": ""},
        "duration": 10, "providerOptions": {"klingai": {"multiShot": true, "shotType": "customize", "multiPrompt": [
        {"index": 1, "prompt": "The character looks up.", "duration": "5"},
        {"index": 2, "prompt": "A bird flies across.", "duration": "5"}]}}})";
    ASSERT_EQ(apiValidate(multiShot, "aisdk", false).exitCode, 0) << apiValidate(multiShot, "aisdk", false).output;
    const ApiResult jobs = apiConvert(multiShot, "aisdk", "jobs");
    EXPECT_EQ(jobs.exitCode, 1) << jobs.output;
    EXPECT_NE(jobs.notes.find("the jobs request this builds would be refused there"), std::string::npos) << jobs.notes;
    const json report = json::parse(jobs.output);
    ASSERT_FALSE(report["diagnostics"].empty()) << jobs.output;
    EXPECT_EQ(report["diagnostics"][0]["path"], "/prompt") << jobs.output;
    EXPECT_EQ(report["diagnostics"][0]["code"], "too_short") << jobs.output;
    EXPECT_EQ(apiConvert(multiShot, "aisdk", "gateway").exitCode, 0);  // the gateway carries it as it is

    // Whatever is printed passes in its target, for every request of the corpus.
    size_t printed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(VG_SOURCE_DIR) + "/tests/cases")) {
        std::ifstream file(entry.path(), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        for (Dialect target : kAllDialects) {
            const ApiResult built = apiBuild(text, "", dialectName(target));
            if (built.exitCode != 0) continue;
            const ApiResult again = apiValidate(built.output, dialectName(target), false);
            EXPECT_EQ(again.exitCode, 0) << entry.path().filename() << " -> " << dialectName(target) << "\n" << again.output;
            ++printed;
        }
    }
    EXPECT_GT(printed, 20u);
}

TEST(DialectWirePointer, AgreesWithTheMappings) {
    const Model* kling = catalog().byId("klingai/kling-v3.0");
    ASSERT_NE(kling, nullptr);
    EXPECT_EQ(wirePointer(Dialect::Unified, *kling, "/providerOptions/klingai/cfgScale"), "/provider_options/cfg_scale");
    EXPECT_EQ(wirePointer(Dialect::Jobs, *kling, "/providerOptions/klingai/cfgScale"), "/parameters/cfgScale");
    EXPECT_EQ(wirePointer(Dialect::AiSdk, *kling, "/audio"), "/providerOptions/klingai/sound");
    EXPECT_EQ(wirePointer(Dialect::Unified, *kling, "/audio"), "/audio");
    EXPECT_EQ(wirePointer(Dialect::Unified, *kling, "/lastFrame"), "/provider_options/image_tail");
    EXPECT_EQ(wirePointer(Dialect::OpenAI, *kling, "/duration"), "/seconds");
    EXPECT_EQ(wirePointer(Dialect::OpenAI, *kling, "/aspectRatio"), "/size");
    EXPECT_EQ(wirePointer(Dialect::OpenAI, *kling, "/webhook/url"), "");
    EXPECT_EQ(wirePointer(Dialect::Jobs, *kling, "/webhook/url"), "/webhookUrl");
    EXPECT_EQ(wirePointer(Dialect::Gateway, *kling, "/model"), "");
    EXPECT_EQ(wirePointer(Dialect::CreativeHub, *kling, "/model"), "/provider");
    EXPECT_EQ(wirePointer(Dialect::CreativeHub, *kling, "/providerOptions/klingai/cfgScale"), "");
    EXPECT_EQ(wirePointer(Dialect::Unified, *kling, "/dialectOptions/unified/user"), "/user");
}

//-----------------------------------------------------------------------------
// [SECTION] Detection
//-----------------------------------------------------------------------------

// The gateway dialog explains each dialect in one line, from the dialects' one table.
TEST(DialectNames, EveryDialectHasOneLineForPeople) {
    std::set<std::string> seen;
    for (Dialect dialect : kAllDialects) {
        const std::string description = dialectDescription(dialect);
        EXPECT_GT(description.size(), 20u) << dialectName(dialect);
        EXPECT_EQ(description.find('\n'), std::string::npos) << dialectName(dialect);
        EXPECT_TRUE(seen.insert(description).second) << dialectName(dialect) << " says what another says";
    }
}

TEST(DialectDetection, EnvelopePathsNameEveryDialect) {
    for (Dialect dialect : kAllDialects) {
        json envelope = {{"method", "POST"}, {"path", specFor(dialect).path}, {"headers", json::object()}, {"body", json::object()}};
        EXPECT_EQ(detectDialect(envelope), dialect) << dialectName(dialect);
    }
    json v4 = {{"method", "POST"}, {"path", "/v4/ai/video-model/start"}, {"body", json::object()}};
    EXPECT_EQ(detectDialect(v4), Dialect::Gateway);
}

TEST(DialectDetection, BareBodiesByTheirShape) {
    EXPECT_EQ(detectDialect(json::parse(R"({"model":"google/veo-3.1-generate-001","prompt":{"image":"u","text":"t"},"resolution":"1080p","providerOptions":{}})")),
              Dialect::AiSdk);
    EXPECT_EQ(detectDialect(json::parse(R"({"prompt":"x","image":{"type":"url","url":"u"},"generateAudio":true})")), Dialect::Gateway);
    EXPECT_EQ(detectDialect(json::parse(R"({"model":"sora-2","prompt":"x","seconds":"8","size":"1280x720"})")), Dialect::OpenAI);
    EXPECT_EQ(detectDialect(json::parse(R"({"model":"klingai/kling-v3.0-t2v","prompt":"x","aspect_ratio":"16:9","provider_options":{}})")),
              Dialect::Unified);
    EXPECT_EQ(detectDialect(json::parse(R"({"model":"kling-2.6","prompt":"x","webhookUrl":"u","parameters":{}})")), Dialect::Jobs);
    EXPECT_EQ(detectDialect(json::parse(R"({"prompt":"x","provider":"luma_ray3","drive_folder_id":"f"})")), Dialect::CreativeHub);
}

TEST(DialectDetection, TiesAreBrokenByTheModelIdAndNothingIsNothing) {
    EXPECT_EQ(detectDialect(json::parse(R"({"model":"kling-2.6","prompt":"x"})")), Dialect::Jobs);
    EXPECT_EQ(detectDialect(json::parse(R"({"model":"klingai/kling-v2.6-t2v","prompt":"x"})")), Dialect::AiSdk);
    EXPECT_EQ(detectDialect(json::parse(R"({"something":"else"})")), std::nullopt);
    EXPECT_EQ(detectDialect(json::parse(R"([1,2])")), std::nullopt);
    EXPECT_EQ(detectDialect(json::parse(R"({"prompt":"x"})")), std::nullopt);
}

//-----------------------------------------------------------------------------
// [SECTION] Shape diagnostics
//-----------------------------------------------------------------------------

TEST(DialectShape, UnknownFieldSuggestsTheDialectsOwnName) {
    ParseOutcome outcome = parse(Dialect::AiSdk, json::parse(R"({"model":"xai/grok-imagine-video","prompt":"x","aspect_ratio":"16:9"})"));
    const Diagnostic* d = findCode(outcome.diagnostics, "unknown_field");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::Warning);
    EXPECT_EQ(d->path, "/aspect_ratio");
    EXPECT_EQ(d->message, "aisdk has no field aspect_ratio: it is ignored; did you mean aspectRatio?");
}

TEST(DialectShape, LongUnknownFieldGetsNoSuggestion) {
    json body = json::parse(R"({"model":"xai/grok-imagine-video","prompt":"x"})");
    body["aspectRatio" + std::string(100000, 'o')] = "16:9";
    ParseOutcome outcome = parse(Dialect::AiSdk, body);
    const Diagnostic* d = findCode(outcome.diagnostics, "unknown_field");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message.find("did you mean"), std::string::npos);
}

TEST(DialectShape, BodyMustBeAnObject) {
    for (const json& body : {json::array(), json("text"), json(3), json()}) {
        ParseOutcome outcome = parse(Dialect::Unified, body);
        EXPECT_FALSE(outcome.usable);
        ASSERT_NE(findCode(outcome.diagnostics, "body_not_object"), nullptr);
    }
    json envelope = {{"method", "POST"}, {"path", "/v1/videos"}, {"body", "x"}};
    ParseOutcome outcome = parse(Dialect::OpenAI, envelope);
    EXPECT_FALSE(outcome.usable);
    EXPECT_EQ(findCode(outcome.diagnostics, "body_not_object")->path, "/body");
}

TEST(DialectShape, EnvelopePathsPrefixOrigins) {
    json envelope = {{"method", "POST"}, {"path", "/v1/videos"}, {"headers", json::object()},
                     {"body", {{"model", "sora-2"}, {"prompt", "x"}, {"seconds", "four"}}}};
    ParseOutcome outcome = parse(Dialect::OpenAI, envelope);
    EXPECT_EQ(findCode(outcome.diagnostics, "wrong_type")->path, "/body/seconds");
    EXPECT_EQ(outcome.request.origin.inputPointer("/prompt"), "/body/prompt");
    ParseOutcome mismatch = parse(Dialect::Unified, envelope);
    EXPECT_NE(findCode(mismatch.diagnostics, "path_mismatch"), nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Never throws
//-----------------------------------------------------------------------------

std::vector<json> valuesOfEveryType() {
    return {json(), json(true), json(false), json(0), json(-7), json(2.5), json(1e300), json(18446744073709551615ull),
            json(""), json("5"), json("true"), json("https://e.com/a.png"), json("data:image/png;base64,iVBORw0KGgo="),
            json::array(), json::array({1, "x", json::object()}), json::object(),
            json::object({{"type", "url"}}), json::object({{"type", "file"}, {"data", 3}}),
            json::array({json::object({{"frameType", "last_frame"}, {"image", 7}})}),
            json::object({{"text", 1}, {"image", json::array()}})};
}

// Every wire field of every dialect (and its containers' members) gets a value of every type.
TEST(DialectFuzz, AnyValueAtAnyFieldNeverThrows) {
    for (Dialect dialect : kAllDialects) {
        const DialectSpec& spec = specFor(dialect);
        std::vector<std::string> wires = {spec.modelWire[0] ? spec.modelWire : "/model", "/provider_options/cfg_scale",
                                          "/providerOptions/klingai", "/parameters/cfgScale", "/metadata", "/user",
                                          "/drive_folder_id", "/unknown"};
        for (const FieldMap& row : spec.fields) wires.push_back(row.wire);
        if (spec.optionsWire[0]) wires.push_back(spec.optionsWire);
        for (const std::string& wire : wires) {
            for (const json& value : valuesOfEveryType()) {
                json body = {{"model", "klingai/kling-v2.6-i2v"}, {"provider", "luma_ray3"}, {"prompt", "x"}};
                if (wire.rfind("/prompt/", 0) == 0) body.erase("prompt");  // the pointer goes inside it
                body[json::json_pointer(wire)] = value;
                json envelope = {{"method", "POST"}, {"path", spec.path}, {"headers", {{"ai-model-id", value}}}, {"body", body}};
                for (const json& input : {body, envelope}) {
                    ParseOutcome outcome;
                    EXPECT_NO_THROW(outcome = parseRequest(dialect, input, catalog())) << dialectName(dialect) << wire;
                    EXPECT_EQ(findCode(outcome.diagnostics, "internal_error"), nullptr) << dialectName(dialect) << wire << value.dump();
                    for (Dialect target : {dialect, Dialect::Unified}) {
                        BuildOutcome built = buildRequest(target, outcome.request, catalog());
                        EXPECT_EQ(findCode(built.diagnostics, "internal_error"), nullptr)
                            << dialectName(dialect) << "->" << dialectName(target) << wire << value.dump();
                    }
                    EXPECT_NO_THROW(detectDialect(input));
                }
            }
        }
    }
}

// Canonical members of the wrong type (a request that skipped validation) never throw in build.
TEST(DialectFuzz, AnyValueAtAnyCanonicalMemberNeverThrowsInBuild) {
    const char* members[] = {"/prompt", "/image", "/lastFrame", "/references", "/video", "/duration", "/resolution",
                             "/aspectRatio", "/fps", "/n", "/seed", "/audio", "/negativePrompt", "/quality", "/webhook",
                             "/webhook/url", "/providerOptions", "/providerOptions/klingai", "/dialectOptions",
                             "/dialectOptions/unified", "/mode"};
    for (const char* member : members) {
        for (const json& value : valuesOfEveryType()) {
            for (const char* model : {"klingai/kling-v2.6", "openai/sora-2", "luma/ray-3"}) {
                Request request;
                request.body = {{"model", model}, {"prompt", "x"}};
                request.body[json::json_pointer(member)] = value;
                for (Dialect dialect : kAllDialects) {
                    BuildOutcome built;
                    EXPECT_NO_THROW(built = buildRequest(dialect, request, catalog()));
                    EXPECT_EQ(findCode(built.diagnostics, "internal_error"), nullptr)
                        << dialectName(dialect) << member << value.dump() << describe(built.diagnostics);
                }
            }
        }
    }
}

}  // namespace
}  // namespace vg
