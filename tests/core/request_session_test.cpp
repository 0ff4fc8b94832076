// The request session (issue 10): typed edits on one canonical request, answers cached per edit,
// and mode or model changes that keep every member the person made.
#include "api/api.h"
#include "catalog/catalog.h"
#include "request/request_session.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vg {
namespace {

using test::model;

std::vector<std::string> keptPaths(const RequestSession& session) {
    std::vector<std::string> paths;
    for (const KeptMember& kept : session.keptAside()) paths.push_back(kept.path);
    std::sort(paths.begin(), paths.end());
    return paths;
}

bool hasDiagnostic(const Diagnostics& diagnostics, const std::string& path, const std::string& code) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [&](const Diagnostic& d) { return d.path == path && d.code == code; });
}

RequestSession klingTextToVideo() {
    RequestSession session(builtinCatalog());
    session.reset({{"model", "klingai/kling-v2.6"},
                   {"mode", "t2v"},
                   {"prompt", "a lighthouse at dusk"},
                   {"negativePrompt", "blur"}});
    return session;
}

// Kling text-to-video after `image` was given in image-to-video: the image waits aside.
RequestSession imageKeptAside(const std::string& image) {
    RequestSession session = klingTextToVideo();
    session.changeMode(Mode::I2V);
    session.set("/image", image);
    session.changeMode(Mode::T2V);
    EXPECT_EQ(keptPaths(session), std::vector<std::string>{"/image"});
    return session;
}

TEST(RequestSession, ImageToVideoWithoutImageStaysImageToVideoAndKeepsNegativePrompt) {
    RequestSession session = klingTextToVideo();
    session.changeMode(Mode::I2V);
    EXPECT_EQ(session.mode(), Mode::I2V);
    EXPECT_EQ(session.body().value("mode", ""), "i2v");
    EXPECT_EQ(session.body().value("negativePrompt", ""), "blur");
    EXPECT_TRUE(hasDiagnostic(session.diagnostics(Dialect::Gateway), "/image", "input_missing"));
    const Diagnostics& found = session.diagnostics(Dialect::Gateway);
    EXPECT_EQ(std::count_if(found.begin(), found.end(), [](const Diagnostic& d) { return d.path == "/image"; }), 1);
    for (const Diagnostic& d : found) {  // the message says what to do, not only what is missing
        if (d.path == "/image") {
            EXPECT_NE(d.message.find("add the image to animate"), std::string::npos) << d.message;
        }
    }

    session.changeMode(Mode::T2V);
    EXPECT_EQ(session.mode(), Mode::T2V);
    EXPECT_EQ(session.body().value("negativePrompt", ""), "blur");
    EXPECT_TRUE(session.keptAside().empty());
}

TEST(RequestSession, MembersOtherModesUseAreKeptAsideAndComeBack) {
    RequestSession session = klingTextToVideo();
    session.changeMode(Mode::I2V);
    session.set("/image", "https://example.com/first.png");
    session.set("/providerOptions/klingai/staticMask", "https://example.com/mask.png");
    const json before = session.body();

    session.changeMode(Mode::T2V);
    EXPECT_EQ(keptPaths(session), (std::vector<std::string>{"/image", "/providerOptions/klingai/staticMask"}));
    EXPECT_EQ(session.value("/image"), nullptr);
    EXPECT_FALSE(session.body().contains("providerOptions")) << "an emptied namespace goes with its member";
    EXPECT_EQ(session.body().value("negativePrompt", ""), "blur");
    EXPECT_TRUE(session.built(Dialect::Gateway).http.has_value());

    session.changeMode(Mode::I2V);
    EXPECT_EQ(session.body(), before);
    EXPECT_TRUE(session.keptAside().empty());
}

TEST(RequestSession, ANewValueWinsOverTheKeptOne) {
    RequestSession session = imageKeptAside("https://example.com/old.png");
    session.set("/image", "https://example.com/new.png");  // implies image-to-video again
    EXPECT_TRUE(session.keptAside().empty());
    EXPECT_EQ(session.body().value("image", ""), "https://example.com/new.png");
}

TEST(RequestSession, ClearingTheImageKeepsCameraControl) {
    RequestSession session = klingTextToVideo();
    const json camera = {{"type", "simple"}, {"config", {{"zoom", 5}}}};
    session.changeMode(Mode::I2V);
    session.applyBatch({{"/image", json("https://example.com/first.png")}, {"/providerOptions/klingai/cameraControl", camera}});
    session.clear("/image");
    EXPECT_EQ(session.mode(), Mode::I2V);
    ASSERT_NE(session.value("/providerOptions/klingai/cameraControl"), nullptr);
    EXPECT_EQ(*session.value("/providerOptions/klingai/cameraControl"), camera);
    EXPECT_EQ(session.body().value("negativePrompt", ""), "blur");
}

TEST(RequestSession, ClearingTheImageOfARequestWithoutModeKeepsImageToVideo) {
    RequestSession session(builtinCatalog());
    ASSERT_TRUE(session.loadText(R"({"model":"klingai/kling-v2.6","prompt":{"image":"https://example.com/a.png","text":"a fox"},
                                    "providerOptions":{"klingai":{"cameraControl":{"type":"simple","config":{"zoom":5}}}}})",
                                 Dialect::AiSdk).usable);
    ASSERT_EQ(session.mode(), Mode::I2V);
    session.clear("/image");
    EXPECT_EQ(session.mode(), Mode::I2V);
    EXPECT_NE(session.value("/providerOptions/klingai/cameraControl"), nullptr);
    EXPECT_TRUE(hasDiagnostic(session.diagnostics(Dialect::Jobs), "/image", "input_missing"));
}

TEST(RequestSession, ModelSwitchAndBackRestoresProviderOptions) {
    RequestSession session = klingTextToVideo();
    session.set("/providerOptions/klingai/cameraControl", {{"type", "simple"}, {"config", {{"pan", 3}}}});
    const json before = session.body();

    session.changeModel(model("google/veo-3.1"));
    EXPECT_EQ(session.body().value("model", ""), "google/veo-3.1");
    EXPECT_EQ(session.body().value("prompt", ""), "a lighthouse at dusk");
    EXPECT_EQ(session.body().value("negativePrompt", ""), "blur");
    EXPECT_FALSE(session.body().contains("providerOptions"));
    EXPECT_EQ(keptPaths(session), std::vector<std::string>{"/providerOptions/klingai/cameraControl"});

    session.changeModel(model("klingai/kling-v2.6"));
    EXPECT_EQ(session.body(), before);
    EXPECT_TRUE(session.keptAside().empty());
}

TEST(RequestSession, AModelWithoutTheModeGetsItsFirstMode) {
    RequestSession session = klingTextToVideo();
    session.changeModel(model("midjourney/video"));  // image-to-video only
    EXPECT_EQ(session.mode(), Mode::I2V);
    EXPECT_EQ(session.body().value("prompt", ""), "a lighthouse at dusk");
}

TEST(RequestSession, EveryEditInvalidatesTheCaches) {
    RequestSession session = klingTextToVideo();
    const uint64_t start = session.revision();
    const BuildOutcome& first = session.built(Dialect::Gateway);
    EXPECT_EQ(&first, &session.built(Dialect::Gateway)) << "asked twice, built once";
    ASSERT_TRUE(first.http);
    EXPECT_EQ(first.http->body.value("prompt", ""), "a lighthouse at dusk");
    EXPECT_FALSE(hasErrors(session.diagnostics(Dialect::Gateway)));
    const std::string text = session.text(Dialect::Gateway);

    session.set("/prompt", "a harbour at dawn");
    EXPECT_EQ(session.revision(), start + 1);
    EXPECT_EQ(session.built(Dialect::Gateway).http->body.value("prompt", ""), "a harbour at dawn");
    EXPECT_NE(session.text(Dialect::Gateway), text);

    session.set("/duration", 7);  // Kling offers 5 and 10 seconds
    EXPECT_EQ(session.revision(), start + 2);
    EXPECT_TRUE(hasErrors(session.diagnostics(Dialect::Gateway)));
    session.clear("/duration");
    EXPECT_FALSE(hasErrors(session.diagnostics(Dialect::Gateway)));

    session.applyBatch({{"/seed", json(7)}, {"/aspectRatio", json("9:16")}, {"/negativePrompt", std::nullopt}});
    EXPECT_EQ(session.revision(), start + 4) << "a batch is one edit";
    EXPECT_EQ(session.built(Dialect::Gateway).http->body.value("seed", 0), 7);
    EXPECT_FALSE(session.body().contains("negativePrompt"));
}

TEST(RequestSession, TextIsWhatVgenConvertAndBuildPrint) {
    const std::string input =
        R"({"model":"klingai/kling-v2.6-t2v","prompt":"a fox","duration":5,"providerOptions":{"klingai":{"negativePrompt":"blur"}}})";
    RequestSession session(builtinCatalog());
    const TextLoad load = session.loadText(input, Dialect::AiSdk);
    ASSERT_TRUE(load.read && load.usable);
    for (Dialect dialect : {Dialect::Gateway, Dialect::Jobs, Dialect::AiSdk}) {
        const ApiResult converted = apiConvert(input, "aisdk", dialectName(dialect));
        ASSERT_EQ(converted.exitCode, 0) << converted.notes;
        EXPECT_EQ(session.text(dialect) + "\n", converted.output) << dialectName(dialect);
        const ApiResult built = apiBuild(input, "aisdk", dialectName(dialect));
        EXPECT_EQ(session.built(dialect).http->toJson().dump(2) + "\n", built.output) << dialectName(dialect);
    }
}

TEST(RequestSession, LoadedTextPointsIntoTheTextUntilTheFirstEdit) {
    RequestSession session(builtinCatalog());
    const TextLoad load = session.loadText(R"({"model":"openai/sora-2","prompt":"a fox","seconds":"7"})", std::nullopt);
    ASSERT_TRUE(load.usable);
    EXPECT_EQ(load.dialect, Dialect::OpenAI);
    const Diagnostics& read = session.diagnostics(Dialect::OpenAI);
    const auto seconds = std::find_if(read.begin(), read.end(), [](const Diagnostic& d) { return d.path == "/seconds"; });
    ASSERT_NE(seconds, read.end()) << "7 seconds is not a Sora duration, said where the text wrote it";
    const std::string code = seconds->code;
    session.set("/prompt", "a fox at night");
    EXPECT_TRUE(hasDiagnostic(session.diagnostics(Dialect::OpenAI), "/duration", code))
        << "after an edit the request is the session's own: canonical paths";
}

TEST(RequestSession, UnreadableTextKeepsTheRequestAndSaysWhy) {
    RequestSession session = klingTextToVideo();
    const json before = session.body();
    const uint64_t revision = session.revision();
    const TextLoad broken = session.loadText(R"({"model": "klingai/kling-v2.6", "prompt": )", std::nullopt);
    EXPECT_FALSE(broken.read);
    EXPECT_NE(broken.problem.find("not readable JSON"), std::string::npos) << broken.problem;
    ASSERT_EQ(broken.diagnostics.size(), 1u);
    EXPECT_EQ(broken.diagnostics[0].code, "invalid_json");
    const TextLoad unknown = session.loadText(R"({"hello": 1})", std::nullopt);
    EXPECT_FALSE(unknown.read);
    EXPECT_NE(unknown.problem.find("--dialect"), std::string::npos) << unknown.problem;
    EXPECT_EQ(session.body(), before);
    EXPECT_EQ(session.revision(), revision);
}

TEST(RequestSession, LoadingTextKeepsMembersSetAsideUntilTheTextHasTheirOwn) {
    RequestSession session = imageKeptAside("https://example.com/first.png");
    ASSERT_TRUE(session.loadText(R"({"model":"klingai/kling-v2.6","prompt":"typed in the editor"})", Dialect::AiSdk).usable);
    EXPECT_EQ(keptPaths(session), std::vector<std::string>{"/image"});
    session.changeMode(Mode::I2V);
    EXPECT_EQ(session.body().value("image", ""), "https://example.com/first.png");
    EXPECT_EQ(session.body().value("prompt", ""), "typed in the editor");
}

TEST(RequestSession, InsertPromptTagPutsTheTagAtTheCursor) {
    RequestSession session = klingTextToVideo();
    const size_t cursor = session.insertPromptTag("<<<voice_1>>>", 4);  // after "a li"
    EXPECT_EQ(session.body().value("prompt", ""), "a li<<<voice_1>>>ghthouse at dusk");
    EXPECT_EQ(cursor, 4 + std::string("<<<voice_1>>>").size());
}

}  // namespace
}  // namespace vg
