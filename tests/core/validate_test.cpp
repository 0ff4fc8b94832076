// Validation rules, each with a passing and a failing case named after the seed it comes from.
// Requests are canonical bodies (request.h) so these tests pin the rules, not a dialect's spelling.
#include "catalog/catalog.h"
#include "catalog/example_request.h"
#include "media/media.h"
#include "request/validate.h"
#include "text/text_format.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using vg::json;

vg::Diagnostics check(json body, std::string_view dialect = {}) {
    vg::Request request;
    request.body = std::move(body);
    return vg::validateRequest(request, vg::builtinCatalog(), dialect);
}

const vg::Diagnostic* find(const vg::Diagnostics& diagnostics, const std::string& code, const std::string& path = "*") {
    for (const vg::Diagnostic& d : diagnostics)
        if (d.code == code && (path == "*" || d.path == path)) return &d;
    return nullptr;
}

using vg::test::describe;

#define EXPECT_VALID(diags) EXPECT_FALSE(vg::hasErrors(diags)) << describe(diags)
#define EXPECT_CODE(diags, code, path) EXPECT_NE(find(diags, code, path), nullptr) << describe(diags)

// A PNG whose header says width x height (the probe reads IHDR only), padded to `bytes`.
std::string pngBase64(uint32_t width, uint32_t height, size_t bytes = 0) {
    std::vector<uint8_t> data = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (uint32_t value : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8) data.push_back(static_cast<uint8_t>(value >> shift));
    for (uint8_t tail : {8, 2, 0, 0, 0, 0, 0, 0, 0}) data.push_back(tail);
    if (data.size() < bytes) data.resize(bytes, 0);
    return vg::encodeBase64(data.data(), data.size());
}

// A WebP (VP8X) header of width x height.
std::string webpBase64(uint32_t width, uint32_t height) {
    std::vector<uint8_t> data = {'R', 'I', 'F', 'F', 30, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0,
                                 0,   0,   0,   0};
    for (uint32_t value : {width - 1, height - 1})
        for (int shift = 0; shift < 24; shift += 8) data.push_back(static_cast<uint8_t>(value >> shift));
    return vg::encodeBase64(data.data(), data.size());
}

json klingI2v(json extra = json::object()) {
    json body = {{"model", "klingai/kling-v2.6-i2v"},
                 {"prompt", "The cat slowly turns its head and blinks"},
                 {"image", "https://example.com/cat.png"}};
    body.update(extra);
    return body;
}

json kling30(json extra = json::object()) {
    json body = {{"model", "klingai/kling-v3.0-i2v"},
                 {"prompt", "A serene mountain landscape"},
                 {"image", "https://example.com/landscape.png"}};
    body.update(extra);
    return body;
}

json klingOptions(json options) { return {{"providerOptions", {{"klingai", options}}}}; }

//-----------------------------------------------------------------------------
// Models, modes, inputs
//-----------------------------------------------------------------------------

TEST(Models, SeedExampleIsValid) { EXPECT_VALID(check(klingI2v({{"duration", 5}}))); }

TEST(Models, UnknownModelSuggestsNearestIds) {
    auto diags = check({{"model", "kling-2.7"}, {"prompt", "a fox"}});
    const vg::Diagnostic* d = find(diags, "unknown_model", "/model");
    ASSERT_NE(d, nullptr) << describe(diags);
    EXPECT_NE(d->message.find("kling-2.6"), std::string::npos) << d->message;
}

TEST(Models, MegabyteModelNameIsUnknownWithoutSuggestions) {
    auto diags = check({{"model", std::string(1u << 20, 'k')}, {"prompt", "a fox"}});
    const vg::Diagnostic* d = find(diags, "unknown_model", "/model");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message.find("did you mean"), std::string::npos);
}

TEST(Models, MissingModelIsAnError) { EXPECT_CODE(check({{"prompt", "a fox"}}), "missing_model", "/model"); }

TEST(ModesSeed000, TextToVideoIdRefusesAnImage) {
    auto diags = check({{"model", "klingai/kling-v2.6-t2v"}, {"prompt", "a fox"}, {"image", "https://example.com/a.png"}});
    const vg::Diagnostic* d = find(diags, "mode_not_offered_by_id", "/model");
    ASSERT_NE(d, nullptr) << describe(diags);
    EXPECT_NE(d->message.find("klingai/kling-v2.6-i2v"), std::string::npos) << d->message;
    EXPECT_VALID(check({{"model", "klingai/kling-v2.6-t2v"}, {"prompt", "a fox"}}));
}

TEST(ModesSeed000, KlingHasNoReferenceToVideo) {
    auto diags = check({{"model", "klingai/kling-v2.6-i2v"},
                        {"prompt", "a dog"},
                        {"references", json::array({{{"url", "https://example.com/dog.png"}, {"type", "image"}}})}});
    EXPECT_CODE(diags, "mode_not_supported", "*");
}

TEST(ModesSeed000, FirstAndLastFrameNeedsBothImages) {
    EXPECT_CODE(check(klingI2v({{"mode", "flf"}})), "input_missing", "/lastFrame");
    EXPECT_VALID(check(klingI2v({{"lastFrame", "https://example.com/end.png"}})));
}

TEST(ModesSeed001, ImageToVideoNeedsAnImage) {
    EXPECT_CODE(check({{"model", "klingai/kling-v2.6-i2v"}, {"mode", "i2v"}, {"prompt", "x"}}), "input_missing",
                "/image");
}

TEST(Options, UnknownProviderOptionIsOnlyAWarning) {
    auto diags = check(klingI2v(klingOptions({{"fooBar", 1}})));
    EXPECT_VALID(diags);
    EXPECT_CODE(diags, "option_ignored", "/providerOptions/klingai/fooBar");
}

TEST(Options, OtherProvidersNamespaceIsIgnoredWithAWarning) {
    auto diags = check(klingI2v({{"providerOptions", {{"vertex", {{"resizeMode", "crop"}}}}}}));
    EXPECT_VALID(diags);
    EXPECT_CODE(diags, "option_ignored", "/providerOptions/vertex");
}

TEST(Options, WrongTypeSaysWhatIsExpected) {
    auto diags = check(klingI2v({{"duration", "5"}}));
    const vg::Diagnostic* d = find(diags, "wrong_type", "/duration");
    ASSERT_NE(d, nullptr) << describe(diags);
    EXPECT_NE(d->message.find("number"), std::string::npos) << d->message;
}

//-----------------------------------------------------------------------------
// Kling (seed 001)
//-----------------------------------------------------------------------------

TEST(KlingSeed001, DurationOfferedForV2) {
    auto diags = check(klingI2v({{"duration", 7}}));
    const vg::Diagnostic* d = find(diags, "duration_not_offered", "/duration");
    ASSERT_NE(d, nullptr) << describe(diags);
    EXPECT_EQ(d->message, "duration 7 is not offered by klingai/kling-v2.6-i2v: use 5 or 10");
    EXPECT_VALID(check(klingI2v({{"duration", 10}})));
}

// Kling's own API reference lists its aspect ratios: a free word is refused with the list, where it
// was accepted while the catalog knew none.
TEST(KlingApi, AspectRatioIsOneOfTheListedRatios) {
    auto diags = check(klingI2v({{"aspectRatio", "banana"}}));
    const vg::Diagnostic* d = find(diags, "aspect_ratio_not_offered", "/aspectRatio");
    ASSERT_NE(d, nullptr) << describe(diags);
    EXPECT_EQ(d->message, "aspectRatio \"banana\" is not offered by klingai/kling-v2.6-i2v: use \"16:9\", \"9:16\" or \"1:1\"");
    EXPECT_VALID(check(klingI2v({{"aspectRatio", "9:16"}})));
    EXPECT_VALID(check(kling30({{"aspectRatio", "1:1"}})));
}

TEST(KlingSeed001, DurationRangeForV3) {
    EXPECT_VALID(check(kling30({{"duration", 15}})));
    EXPECT_VALID(check(kling30({{"duration", 3}})));
    EXPECT_TRUE(vg::hasErrors(check(kling30({{"duration", 16}}))));
    EXPECT_TRUE(vg::hasErrors(check(kling30({{"duration", 2}}))));
}

TEST(KlingSeed001, PromptAtMost2500Characters) {
    EXPECT_VALID(check(klingI2v({{"prompt", std::string(2500, 'a')}})));
    EXPECT_CODE(check(klingI2v({{"prompt", std::string(2501, 'a')}})), "too_long", "/prompt");
    // Characters, not bytes: 2500 two-byte letters are fine.
    std::string accented;
    for (int i = 0; i < 2500; ++i) accented += "\xC3\xA9";
    EXPECT_VALID(check(klingI2v({{"prompt", accented}})));
}

TEST(KlingSeed001, CfgScaleRangeAndNotOnV2) {
    EXPECT_VALID(check(kling30(klingOptions({{"cfgScale", 0.5}}))));
    EXPECT_CODE(check(kling30(klingOptions({{"cfgScale", 1.5}}))), "out_of_range", "/providerOptions/klingai/cfgScale");
    EXPECT_CODE(check(klingI2v(klingOptions({{"cfgScale", 0.5}}))), "not_supported", "/providerOptions/klingai/cfgScale");
}

TEST(KlingSeed001, SoundNeedsV26) {
    EXPECT_VALID(check(klingI2v({{"audio", true}})));
    auto diags = check({{"model", "klingai/kling-v2.5-turbo-i2v"}, {"prompt", "x"}, {"image", "https://e.com/a.png"},
                        {"audio", true}});
    EXPECT_CODE(diags, "not_supported", "/audio");
}

TEST(KlingSeed001, MultiShotNeedsV3) {
    EXPECT_CODE(check(klingI2v(klingOptions({{"multiShot", true}}))), "not_supported",
                "/providerOptions/klingai/multiShot");
}

TEST(KlingSeed001, MultiShotDurationsSumToTheVideo) {
    json shots = json::array({{{"index", 1}, {"prompt", "looks up"}, {"duration", "4"}},
                              {{"index", 2}, {"prompt", "a bird"}, {"duration", "3"}},
                              {{"index", 3}, {"prompt", "smiles"}, {"duration", "3"}}});
    json options = {{"multiShot", true}, {"shotType", "customize"}, {"multiPrompt", shots}};
    json body = kling30(klingOptions(options));
    body["duration"] = 10;
    EXPECT_VALID(check(body));
    body["duration"] = 12;
    EXPECT_CODE(check(body), "shot_durations_sum", "/providerOptions/klingai/multiPrompt");
    options["multiPrompt"][1]["index"] = 5;
    body = kling30(klingOptions(options));
    body["duration"] = 10;
    EXPECT_CODE(check(body), "shot_index_sequence", "/providerOptions/klingai/multiPrompt/1/index");
}

TEST(KlingSeed001, MultiShotRequiresMultiPrompt) {
    EXPECT_CODE(check(kling30(klingOptions({{"multiShot", true}}))), "requires_option", "*");
}

TEST(KlingSeed001, AtMostTwoVoicesAndSoundOn) {
    json two = json::array({{{"voiceId", "a"}}, {{"voiceId", "b"}}});
    json three = json::array({{{"voiceId", "a"}}, {{"voiceId", "b"}}, {{"voiceId", "c"}}});
    json ok = kling30(klingOptions({{"voiceList", two}}));
    ok["audio"] = true;
    EXPECT_VALID(check(ok));
    json tooMany = kling30(klingOptions({{"voiceList", three}}));
    tooMany["audio"] = true;
    EXPECT_CODE(check(tooMany), "too_many_items", "/providerOptions/klingai/voiceList");
    EXPECT_CODE(check(kling30(klingOptions({{"voiceList", two}}))), "requires_option", "*");
}

TEST(KlingSeed001, VoiceListOnV26FollowsTheVoiceSectionWithAWarning) {
    json body = klingI2v(klingOptions({{"voiceList", json::array({{{"voiceId", "v"}}})}}));
    body["audio"] = true;
    body["prompt"] = "The person<<<voice_1>>> says: \"Hello, welcome to my channel\"";
    auto diags = check(body);
    EXPECT_VALID(diags);
    EXPECT_CODE(diags, "seed_conflict", "/providerOptions/klingai/voiceList");
}

TEST(KlingSeed001, VoiceTagsNameAListedVoice) {
    json body = kling30(klingOptions({{"voiceList", json::array({{{"voiceId", "v"}}})}}));
    body["audio"] = true;
    body["prompt"] = "She says <<<voice_2>>> hello";
    EXPECT_CODE(check(body), "voice_tag_unknown", "/prompt");
}

TEST(KlingSeed001, ElementsAtMostThreeAndNotWithVoices) {
    json element = {{"frontalImage", "https://example.com/e.png"}};
    EXPECT_CODE(check(kling30(klingOptions({{"elementList", json::array({element, element, element, element})}}))),
                "too_many_items", "/providerOptions/klingai/elementList");
    EXPECT_VALID(check(kling30(klingOptions({{"elementList", json::array({element})}}))));
    json both = kling30(klingOptions({{"elementList", json::array({element})},
                                      {"voiceList", json::array({{{"voiceId", "v"}}})}}));
    both["audio"] = true;
    EXPECT_CODE(check(both), "exclusive_options", "*");
}

TEST(KlingSeed001, FrameControlsAreMutuallyExclusive) {
    json camera = {{"type", "simple"}, {"config", {{"zoom", 5}}}};
    json body = klingI2v(klingOptions({{"cameraControl", camera}}));
    EXPECT_VALID(check(body));
    body["lastFrame"] = "https://example.com/end.png";
    EXPECT_CODE(check(body), "exclusive_options", "*");
    json masks = json::array({{{"mask", "https://example.com/m.png"},
                               {"trajectories", json::array({{{"x", 1}, {"y", 2}}, {{"x", 3}, {"y", 4}}})}}});
    EXPECT_CODE(check(klingI2v(klingOptions({{"cameraControl", camera}, {"dynamicMasks", masks}}))),
                "exclusive_options", "*");
}

TEST(KlingSeed001, SimpleCameraMovesOneAxis) {
    auto camera = [](json config) {
        json control = {{"type", "simple"}};
        if (!config.is_null()) control["config"] = config;
        return klingI2v(klingOptions({{"cameraControl", control}}));
    };
    EXPECT_VALID(check(camera({{"zoom", 5}, {"horizontal", 0}, {"vertical", 0}, {"pan", 0}, {"tilt", 0}, {"roll", 0}})));
    EXPECT_CODE(check(camera(nullptr)), "camera_config_missing", "*");
    EXPECT_CODE(check(camera({{"zoom", 5}, {"pan", 3}})), "camera_axes_count", "*");
    EXPECT_CODE(check(camera({{"zoom", 0}})), "camera_axes_count", "*");
    EXPECT_TRUE(vg::hasErrors(check(camera({{"tilt", 11}}))));
    EXPECT_TRUE(vg::hasErrors(check(camera({{"roll", -10.5}}))));
    EXPECT_VALID(check(camera({{"roll", -10}})));
}

TEST(KlingSeed001, PresetCameraMovesNeedNoConfig) {
    EXPECT_VALID(check(klingI2v(klingOptions({{"cameraControl", {{"type", "down_back"}}}}))));
    EXPECT_TRUE(vg::hasErrors(check(klingI2v(klingOptions({{"cameraControl", {{"type", "spin_around"}}}})))));
}

TEST(KlingSeed001, AtMostSixDynamicMasksWithTwoTo77Points) {
    auto points = [](int count) {
        json list = json::array();
        for (int i = 0; i < count; ++i) list.push_back({{"x", i}, {"y", i}});
        return list;
    };
    json mask = {{"mask", "https://example.com/m.png"}, {"trajectories", points(4)}};
    EXPECT_VALID(check(klingI2v(klingOptions({{"dynamicMasks", json::array({mask})}}))));
    json seven = json::array();
    for (int i = 0; i < 7; ++i) seven.push_back(mask);
    EXPECT_CODE(check(klingI2v(klingOptions({{"dynamicMasks", seven}}))), "too_many_items",
                "/providerOptions/klingai/dynamicMasks");
    mask["trajectories"] = points(1);
    EXPECT_CODE(check(klingI2v(klingOptions({{"dynamicMasks", json::array({mask})}}))), "trajectory_points",
                "/providerOptions/klingai/dynamicMasks/0/trajectories");
    mask["trajectories"] = points(78);
    EXPECT_CODE(check(klingI2v(klingOptions({{"dynamicMasks", json::array({mask})}}))), "trajectory_points", "*");
    mask["trajectories"] = points(77);
    EXPECT_VALID(check(klingI2v(klingOptions({{"dynamicMasks", json::array({mask})}}))));
}

TEST(KlingSeed001, MasksShareOneResolution) {
    json masks = json::array({{{"mask", pngBase64(600, 400)}, {"trajectories", json::array({{{"x", 1}, {"y", 1}}, {{"x", 2}, {"y", 2}}})}}});
    json body = klingI2v(klingOptions({{"staticMask", pngBase64(600, 400)}, {"dynamicMasks", masks}}));
    EXPECT_VALID(check(body));
    body["providerOptions"]["klingai"]["staticMask"] = pngBase64(300, 400);
    EXPECT_CODE(check(body), "mask_resolution_mismatch", "*");
}

TEST(KlingSeed001, ImageIsRawBase64WithoutDataPrefix) {
    EXPECT_VALID(check(klingI2v({{"image", pngBase64(640, 480)}})));
    auto diags = check(klingI2v({{"image", "data:image/png;base64," + pngBase64(640, 480)}}));
    const vg::Diagnostic* d = find(diags, "media_data_url_not_allowed", "/image");
    ASSERT_NE(d, nullptr) << describe(diags);
    EXPECT_NE(d->message.find("base64"), std::string::npos) << d->message;
}

TEST(KlingSeed001, ImageFormatSizeDimensionsAspect) {
    EXPECT_CODE(check(klingI2v({{"image", webpBase64(640, 480)}})), "media_format_not_allowed", "/image");
    EXPECT_CODE(check(klingI2v({{"image", pngBase64(299, 480)}})), "media_too_small", "/image");
    EXPECT_VALID(check(klingI2v({{"image", pngBase64(300, 300)}})));
    EXPECT_CODE(check(klingI2v({{"image", pngBase64(1000, 300)}})), "media_aspect_out_of_range", "/image");
    EXPECT_VALID(check(klingI2v({{"image", pngBase64(750, 300)}})));   // 2.5:1
    EXPECT_VALID(check(klingI2v({{"image", pngBase64(400, 1000)}})));  // 1:2.5
    EXPECT_CODE(check(klingI2v({{"image", pngBase64(399, 1000)}})), "media_aspect_out_of_range", "/image");
    EXPECT_CODE(check(klingI2v({{"image", pngBase64(640, 480, 10 * 1024 * 1024 + 1)}})), "media_too_large", "/image");
    EXPECT_VALID(check(klingI2v({{"image", pngBase64(640, 480, 10 * 1024 * 1024)}})));
}

// Each media refusal ends with what to change (issue 5: "a clear message says what to change").
TEST(KlingSeed001, MediaMessagesSayWhatToChange) {
    const auto message = [](const std::string& image, const char* code) {
        auto diags = check(klingI2v({{"image", image}}));
        const vg::Diagnostic* d = find(diags, code, "/image");
        return d ? d->message : "no " + std::string(code) + " in " + describe(diags);
    };
    EXPECT_NE(message(webpBase64(640, 480), "media_format_not_allowed").find("convert it"), std::string::npos);
    EXPECT_NE(message(pngBase64(299, 480), "media_too_small").find("use a larger image"), std::string::npos);
    EXPECT_NE(message(pngBase64(1000, 300), "media_aspect_out_of_range").find("narrower (it is too wide)"), std::string::npos);
    EXPECT_NE(message(pngBase64(399, 1000), "media_aspect_out_of_range").find("shorter (it is too tall)"), std::string::npos);
    EXPECT_NE(message(pngBase64(640, 480, 10 * 1024 * 1024 + 1), "media_too_large").find("compress it"), std::string::npos);
}

TEST(KlingSeed001, UnreadableInlineImageSaysWhy) {
    EXPECT_CODE(check(klingI2v({{"image", "not an image at all!"}})), "media_unreadable", "/image");
}

//-----------------------------------------------------------------------------
// Veo, Wan, Grok (seed 001)
//-----------------------------------------------------------------------------

json veo(json extra = json::object()) {
    json body = {{"model", "google/veo-3.1-generate-001"},
                 {"prompt", "Camera slowly pans across the scene as clouds drift by"},
                 {"image", "https://example.com/landscape.png"}};
    body.update(extra);
    return body;
}

TEST(VeoSeed001, Durations468) {
    EXPECT_VALID(check(veo({{"duration", 6}})));
    auto diags = check(veo({{"duration", 5}}));
    const vg::Diagnostic* d = find(diags, "duration_not_offered", "/duration");
    ASSERT_NE(d, nullptr) << describe(diags);
    EXPECT_NE(d->message.find("4, 6 or 8"), std::string::npos) << d->message;
}

TEST(VeoSeed001, ResizeModeAndPersonGeneration) {
    EXPECT_VALID(check(veo({{"providerOptions", {{"vertex", {{"resizeMode", "crop"}, {"personGeneration", "allow_all"}}}}}})));
    EXPECT_CODE(check(veo({{"providerOptions", {{"vertex", {{"resizeMode", "stretch"}}}}}})), "resize_mode_not_offered",
                "/providerOptions/vertex/resizeMode");
    EXPECT_CODE(check(veo({{"providerOptions", {{"vertex", {{"personGeneration", "allow_kids"}}}}}})),
                "person_generation_not_offered", "/providerOptions/vertex/personGeneration");
}

TEST(VeoSeed001, Resolution) {
    EXPECT_VALID(check(veo({{"resolution", "1080p"}})));
    EXPECT_CODE(check(veo({{"resolution", "4K"}})), "resolution_not_offered", "/resolution");
}

json wan(json extra = json::object()) {
    json body = {{"model", "alibaba/wan-v2.6-i2v-flash"},
                 {"prompt", "The cat waves hello and smiles"},
                 {"image", "https://example.com/cat.png"}};
    body.update(extra);
    return body;
}

TEST(WanSeed001, ImageUrlsOnlyAndPromptRequired) {
    EXPECT_VALID(check(wan({{"duration", 5}})));
    EXPECT_CODE(check(wan({{"image", pngBase64(640, 480)}})), "media_inline_not_allowed", "/image");
    json noPrompt = wan();
    noPrompt.erase("prompt");
    EXPECT_CODE(check(noPrompt), "input_missing", "/prompt");
}

TEST(WanSeed001, Duration2To15) {
    EXPECT_VALID(check(wan({{"duration", 2}})));
    EXPECT_VALID(check(wan({{"duration", 15}})));
    EXPECT_CODE(check(wan({{"duration", 16}})), "out_of_range", "/duration");
    EXPECT_CODE(check(wan({{"duration", 1}})), "out_of_range", "/duration");
}

TEST(WanSeed001, NegativePromptAtMost500) {
    EXPECT_VALID(check(wan({{"negativePrompt", std::string(500, 'n')}})));
    EXPECT_CODE(check(wan({{"negativePrompt", std::string(501, 'n')}})), "too_long", "/negativePrompt");
}

TEST(WanSeed001, AudioUrlIsWavOrMp3) {
    EXPECT_VALID(check(wan({{"providerOptions", {{"alibaba", {{"audioUrl", "https://example.com/voice.mp3"}}}}}})));
    auto diags = check(wan({{"providerOptions", {{"alibaba", {{"audioUrl", "https://example.com/voice.ogg"}}}}}}));
    EXPECT_CODE(diags, "media_format_suspect", "/providerOptions/alibaba/audioUrl");
}

TEST(WanSeed001, AudioUrlMustBeAUrl) {
    std::vector<uint8_t> wav = {'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'A', 'V', 'E'};
    auto diags = check(wan({{"providerOptions",
                             {{"alibaba", {{"audioUrl", "data:audio/wav;base64," + vg::encodeBase64(wav.data(), wav.size())}}}}}}));
    EXPECT_CODE(diags, "media_data_url_not_allowed", "/providerOptions/alibaba/audioUrl");
}

json grok(json extra = json::object()) {
    json body = {{"model", "xai/grok-imagine-video"},
                 {"prompt", "The cat slowly turns its head and blinks"},
                 {"image", "https://example.com/cat.png"}};
    body.update(extra);
    return body;
}

TEST(GrokSeed001, Duration1To15) {
    EXPECT_VALID(check(grok({{"duration", 1}})));
    EXPECT_VALID(check(grok({{"duration", 15}})));
    EXPECT_CODE(check(grok({{"duration", 16}})), "out_of_range", "/duration");
}

TEST(GrokSeed001, Resolution480pOr720p) {
    EXPECT_VALID(check(grok({{"resolution", "720p"}})));
    EXPECT_CODE(check(grok({{"resolution", "1080p"}})), "resolution_not_offered", "/resolution");
}

//-----------------------------------------------------------------------------
// Route limits: jobs API (seed 004), creative hub (seed 003), unified (seed 002)
//-----------------------------------------------------------------------------

TEST(JobsSeed004, PromptOneTo4000) {
    json body = {{"model", "veo-3.1"}, {"prompt", std::string(4000, 'p')}};
    EXPECT_FALSE(find(check(body, "jobs"), "too_long", "/prompt"));
    body["prompt"] = std::string(4001, 'p');
    EXPECT_CODE(check(body, "jobs"), "too_long", "/prompt");
    body["prompt"] = "";
    EXPECT_CODE(check(body, "jobs"), "too_short", "/prompt");
}

TEST(JobsSeed004, WebhookEvents) {
    json body = {{"model", "kling-2.6"},
                 {"prompt", "a fox"},
                 {"webhook", {{"url", "https://example.com/hook"}, {"events", {"progress", "completed", "failed"}}}}};
    auto diags = check(body, "jobs");
    EXPECT_VALID(diags);
    EXPECT_FALSE(find(diags, "option_ignored", "/webhook")) << describe(diags);
    body["webhook"]["events"] = {"completed", "started"};
    EXPECT_CODE(check(body, "jobs"), "webhook_event_unknown", "/webhook/events/1");
    body["webhook"] = {{"url", "ftp://example.com"}};
    EXPECT_CODE(check(body, "jobs"), "webhook_url_invalid", "/webhook/url");
}

TEST(CreativeHubSeed003, DurationAspectAndPrompt) {
    json body = {{"model", "luma_ray3"}, {"prompt", "A jogger on a misty mountain trail"}, {"duration", 6},
                 {"aspectRatio", "9:16"}};
    EXPECT_VALID(check(body, "creative-hub"));
    body["duration"] = 12;
    EXPECT_CODE(check(body, "creative-hub"), "out_of_range", "/duration");
    body["duration"] = 6;
    body["aspectRatio"] = "4:3";
    EXPECT_CODE(check(body, "creative-hub"), "aspect_ratio_not_offered", "/aspectRatio");
    body["aspectRatio"] = "1:1";
    body["prompt"] = std::string(2001, 'p');
    EXPECT_CODE(check(body, "creative-hub"), "too_long", "/prompt");
}

TEST(UnifiedSeed002, AspectRatios) {
    // Grok lists no ratios of its own: only the route's list applies.
    json body = {{"model", "xai/grok-imagine-video"}, {"prompt", "a product shot"}, {"aspectRatio", "4:3"}};
    EXPECT_FALSE(find(check(body, "unified"), "aspect_ratio_not_offered"));
    body["aspectRatio"] = "21:9";
    EXPECT_CODE(check(body, "unified"), "aspect_ratio_not_offered", "/aspectRatio");
}

//-----------------------------------------------------------------------------
// The catalog's own examples all validate
//-----------------------------------------------------------------------------

TEST(Catalog, EveryModelsExampleRequestIsValidInEveryMode) {
    for (const vg::Model& model : vg::builtinCatalog().models) {
        for (vg::Mode mode : model.modes) {
            for (uint32_t variant = 0; variant < 3; ++variant) {
                auto diags = vg::validateRequest(vg::exampleRequest(model, mode, variant), vg::builtinCatalog());
                EXPECT_FALSE(vg::hasErrors(diags)) << model.id << " " << vg::modeName(mode) << "\n" << describe(diags);
            }
        }
    }
}

}  // namespace

// ---- Wrong values name what is allowed, for every enum, range and promoted option -------------
// Each loop walks the whole catalog, so a new model or parameter is covered without a new test.

namespace {

// The model's t2v (or first) example with `value` at `path`.
json exampleWith(const vg::Model& model, const std::string& path, const json& value) {
    const vg::Mode mode = model.supports(vg::Mode::T2V) ? vg::Mode::T2V : model.modes.front();
    json body = vg::exampleRequest(model, mode).body;
    body[json::json_pointer(path)] = value;
    return body;
}

// A value of another JSON type than every allowed one.
json wrongTypeFor(const std::vector<json>& values) {
    const bool anyString = std::any_of(values.begin(), values.end(), [](const json& v) { return v.is_string(); });
    return anyString ? json(true) : json("wrong");
}

}  // namespace

TEST(ValueMessages, EveryEnumRefusesAnotherTypeListingTheAllowedValues) {
    size_t checked = 0;
    for (const vg::Model& model : vg::builtinCatalog().models) {
        for (const vg::ParamSpec& spec : model.params) {
            if (spec.values.empty() || !spec.unsupported.empty() || !spec.modes.empty() || !spec.requiredIn.empty()) continue;
            const vg::Diagnostics d = check(exampleWith(model, spec.path, wrongTypeFor(spec.values)));
            const vg::Diagnostic* wrong = find(d, "wrong_type", spec.path);
            ASSERT_NE(wrong, nullptr) << model.id << " " << spec.path << "\n" << describe(d);
            for (const json& allowed : spec.values)
                EXPECT_NE(wrong->message.find(allowed.dump()), std::string::npos) << model.id << " " << wrong->message;
            ++checked;
        }
    }
    EXPECT_GT(checked, 25u);  // 33 enums today
}

TEST(ValueMessages, EveryRangeRefusesAStringGivingTheRange) {
    size_t checked = 0;
    for (const vg::Model& model : vg::builtinCatalog().models) {
        for (const vg::ParamSpec& spec : model.params) {
            if (!spec.values.empty() || !(spec.min || spec.max) || !spec.unsupported.empty() || !spec.modes.empty()) continue;
            if (spec.type != vg::ValueType::Number && spec.type != vg::ValueType::Integer) continue;
            const vg::Diagnostics d = check(exampleWith(model, spec.path, "wrong"));
            const vg::Diagnostic* wrong = find(d, "wrong_type", spec.path);
            ASSERT_NE(wrong, nullptr) << model.id << " " << spec.path << "\n" << describe(d);
            const std::string bound = vg::formatNumber(spec.min ? *spec.min : *spec.max);
            EXPECT_NE(wrong->message.find(bound), std::string::npos) << model.id << " " << wrong->message;
            ++checked;
        }
    }
    EXPECT_GT(checked, 3u);  // 5 ranges today
}

// Kling's sound is the request's audio written "on"/"off": a value that maps to neither used to be
// "not a parameter ... ignored", and the job ran without the sound asked for.
TEST(ValueMessages, APromotedOptionWithAValueThatMapsToNothingIsAnErrorNamingTheValues) {
    size_t checked = 0;
    for (const vg::Model& model : vg::builtinCatalog().models) {
        for (const vg::Promotion& promotion : model.promotions) {
            if (promotion.valueMap.empty() || promotion.option.rfind("/providerOptions/", 0) != 0) continue;
            std::vector<json> allowed;
            for (const auto& [member, option] : promotion.valueMap) allowed.push_back(option);
            for (const json& value : {wrongTypeFor(allowed), json("maybe")}) {
                if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) continue;
                const vg::Diagnostics d = check(exampleWith(model, promotion.option, value));
                EXPECT_TRUE(vg::hasErrors(d)) << model.id << " " << promotion.option << " " << value << "\n" << describe(d);
                EXPECT_EQ(find(d, "option_ignored", promotion.option), nullptr) << model.id << "\n" << describe(d);
                for (const vg::Diagnostic& diagnostic : d) {
                    if (diagnostic.path != promotion.option) continue;
                    for (const json& option : allowed)
                        EXPECT_NE(diagnostic.message.find(option.dump()), std::string::npos) << diagnostic.message;
                }
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 0u);
}

// n counts videos: 0 or fewer is never a request, whatever the model; 1 is what every model makes,
// so it is not worth a warning on a model that takes no n (the AI SDK always sends n: 1).
TEST(ValueMessages, NBelowOneIsAnErrorOnEveryModelAndOneIsNeverWarnedAbout) {
    for (const vg::Model& model : vg::builtinCatalog().models) {
        for (const json& count : {json(0), json(-1)}) {
            const vg::Diagnostics d = check(exampleWith(model, "/n", count));
            EXPECT_TRUE(find(d, "out_of_range", "/n") || find(d, "n_not_offered", "/n")) << model.id << "\n" << describe(d);
        }
        const vg::Diagnostics one = check(exampleWith(model, "/n", 1));
        for (const vg::Diagnostic& diagnostic : one) EXPECT_NE(diagnostic.path, "/n") << model.id << "\n" << describe(one);
    }
}

// A misspelt provider option gets a "did you mean", as a misspelt top-level field does.
TEST(ValueMessages, AMisspeltProviderOptionSuggestsTheModelsOwn) {
    size_t checked = 0;
    for (const vg::Model& model : vg::builtinCatalog().models) {
        if (!model.limitsKnown) continue;
        const std::string prefix = "/providerOptions/" + model.provider + "/";
        for (const vg::ParamSpec& spec : model.params) {
            const std::string name = spec.path.substr(std::min(spec.path.size(), prefix.size()));
            if (spec.path.rfind(prefix, 0) != 0 || name.find('/') != std::string::npos || name.size() < 6 ||
                !spec.unsupported.empty())
                continue;
            const std::string typo = name.substr(0, name.size() - 1);  // the last letter left out
            const vg::Diagnostics d = check(exampleWith(model, prefix + typo, 1));
            const vg::Diagnostic* ignored = find(d, "option_ignored", prefix + typo);
            ASSERT_NE(ignored, nullptr) << model.id << " " << typo << "\n" << describe(d);
            EXPECT_NE(ignored->message.find("did you mean " + name + "?"), std::string::npos) << ignored->message;
            ++checked;
            break;
        }
    }
    EXPECT_GT(checked, 3u);
}

// An input of a mode the model lacks is an error on every model (seed 002: "If the selected model
// does not support video input, the provider returns a parameter error"), not an ignored field.
TEST(SeedRules, AnInputOfAModeTheModelLacksIsAnError) {
    size_t checked = 0;
    for (const vg::Model& model : vg::builtinCatalog().models) {
        if (model.supports(vg::Mode::V2V)) continue;
        for (const vg::Mode mode : model.modes) {
            json body = vg::exampleRequest(model, mode).body;
            body["mode"] = vg::modeName(mode);  // as a mode-specific id says it: the video cannot move it
            body["video"] = "https://example.com/clip.mp4";
            const vg::Diagnostics d = check(body);
            const vg::Diagnostic* refused = find(d, "mode_not_supported", "/video");
            ASSERT_NE(refused, nullptr) << model.id << " " << vg::modeName(mode) << "\n" << describe(d);
            EXPECT_NE(refused->message.find("video editing"), std::string::npos) << refused->message;
            EXPECT_EQ(refused->severity, vg::Severity::Error);
            ++checked;
        }
    }
    EXPECT_GT(checked, 20u);
    // A model that edits video takes it.
    json veo = {{"model", "google/veo-3.1"}, {"prompt", "make it snow"}, {"video", "https://example.com/clip.mp4"}};
    EXPECT_EQ(find(check(veo), "mode_not_supported"), nullptr) << describe(check(veo));
}

// One prompt gets one length limit: the model's, when the route's is looser (jobs: 4000, Kling 2500).
TEST(SeedRules, OneValueGetsOneLimit) {
    const json body = {{"model", "klingai/kling-v2.6"}, {"prompt", std::string(4001, 'x')}};
    const vg::Diagnostics d = check(body, "jobs");
    ASSERT_EQ(d.size(), 1u) << describe(d);
    EXPECT_EQ(d[0].code, "too_long");
    EXPECT_NE(d[0].message.find("at most 2500"), std::string::npos) << d[0].message;
    // Within the model's limit and over the route's: the route's own limit speaks.
    const json luma = {{"model", "luma/ray-3"}, {"prompt", std::string(2001, 'x')}};
    const vg::Diagnostics route = check(luma, "creative-hub");
    ASSERT_NE(find(route, "too_long", "/prompt"), nullptr) << describe(route);
    EXPECT_NE(find(route, "too_long", "/prompt")->message.find("at most 2000"), std::string::npos);
}

// A route's own required field is required whatever the model needs (seed 004: prompt 1-4000).
TEST(SeedRules, ARoutesRequiredFieldIsRequired) {
    const json flf = {{"model", "klingai/kling-v2.6"},
                      {"image", "https://example.com/a.png"},
                      {"lastFrame", "https://example.com/b.png"}};
    EXPECT_VALID(check(flf));
    const vg::Diagnostics jobs = check(flf, "jobs");
    const vg::Diagnostic* missing = find(jobs, "input_missing", "/prompt");
    ASSERT_NE(missing, nullptr) << describe(jobs);
    EXPECT_NE(missing->message.find("jobs requests need prompt"), std::string::npos) << missing->message;
}

// Array items are named by their position from 1 and by what the catalog calls them.
TEST(ValueMessages, ArrayItemsAreNamedByPosition) {
    json body = {{"model", "klingai/kling-v3.0"}, {"prompt", "x"}, {"duration", 10}};
    body["providerOptions"]["klingai"] = {{"multiShot", true},
                                          {"shotType", "customize"},
                                          {"multiPrompt", json::array({{{"index", 1}, {"duration", "5"}},
                                                                       {{"index", 2}, {"prompt", "b"}, {"duration", "5"}}})}};
    const vg::Diagnostics d = check(body);
    const vg::Diagnostic* missing = find(d, "missing_member");
    ASSERT_NE(missing, nullptr) << describe(d);
    EXPECT_EQ(missing->message.rfind("shot 1 needs prompt", 0), 0u) << missing->message;
    // Without an itemName: the array's field and the position.
    json wan = vg::exampleRequest(*vg::builtinCatalog().byId("alibaba/wan-v2.6-flash"), vg::Mode::R2V).body;
    wan["references"].push_back(json::object());
    const vg::Diagnostics refs = check(wan);
    bool named = false;
    for (const vg::Diagnostic& diagnostic : refs) named |= diagnostic.message.find("reference 2") != std::string::npos;
    EXPECT_TRUE(named) << describe(refs);
}
