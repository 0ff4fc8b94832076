// The compiled check (request/compiled_check.h) against the full path (checkText: parse, then
// validateRequest) on every model x mode x dialect the catalog has, and on each of those payloads
// with one field changed in every way a person gets one wrong: wherever the compiled check answers,
// its verdict, diagnostics, paths and messages are the full path's, byte for byte.
#include "api/api.h"
#include "catalog/example_request.h"
#include "dialects/dialect.h"
#include "request/compiled_check.h"
#include "request/request_session.h"
#include "text/text_position.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace vg {
namespace {

struct Payload {
    Dialect dialect;
    std::string text;
};

// What a person reads of a verdict: the dialect, every diagnostic's severity, path, code and
// message. `dialect` "" has the full path tell the dialect.
std::string fullPathAnswer(const std::string& text, std::string_view dialect) {
    RequestSession session(builtinCatalog());
    const TextCheck checked = checkText(session, text, dialect);
    return std::to_string(checked.exitCode) + " " + checked.dialectName + " " + checked.modelLabel + "\n" +
           test::describe(checked.diagnostics);
}

std::string compiledAnswer(const CompiledVerdict& verdict) {
    const bool invalid = std::any_of(verdict.diagnostics.begin(), verdict.diagnostics.end(),
                                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
    return std::to_string(invalid ? 1 : 0) + " " + dialectName(verdict.dialect) + " " + verdict.model->id + "\n" +
           test::describe(verdict.diagnostics);
}

// Every example request of the catalog (three variants a mode: low, high and middle of the ranges,
// different enum values), built for every dialect that carries it.
std::vector<Payload> examplePayloads() {
    std::vector<Payload> payloads;
    for (const Model& model : builtinCatalog().models)
        for (Mode mode : model.modes)
            for (uint32_t variant = 0; variant < 3; ++variant)
                for (Dialect dialect : kAllDialects) {
                    const BuildOutcome built = buildRequest(dialect, exampleRequest(model, mode, variant), builtinCatalog());
                    if (!built.http) continue;
                    payloads.push_back({dialect, dialect == Dialect::Gateway ? built.http->toJson().dump() : built.http->body.dump()});
                }
    return payloads;
}

// The values a field gets wrong, by what it holds now: a number just past the usual limits, off
// its step, of another type; a string empty, too long, in the wrong case, a URL of another format.
std::vector<json> wrongValuesFor(const json& value) {
    std::vector<json> wrong = {nullptr, true, "", json::object(), json::array()};
    if (value.is_number()) {
        const double number = value.get<double>();
        for (double changed : {number + 1, number - 1, number * 2 + 1, number + 0.5, -1.0, 0.0, 1e9}) wrong.push_back(changed);
        wrong.push_back(static_cast<long long>(number) + 1);
        wrong.push_back(std::to_string(static_cast<long long>(number)));
    } else if (value.is_string()) {
        const std::string text = value.get<std::string>();
        std::string upper = text;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (const std::string& changed :
             {upper, "unlisted-" + text, text + std::string(5000, 'a'), std::string("https://example.com/clip.gif"),
              std::string("https://example.com/still.png"), std::string("ftp://example.com/x.png"),
              std::string("data:image/png;base64,iVBORw0KGgo="), std::string("<<<voice_2>>> ") + text,
              std::string("1280x720"), std::string("720p"), std::string("adaptive"), std::string("9:16"), std::string("on"),
              std::string("off"), std::string("8"), std::string("caf\u00e9 \u6771\u4eac")})
            wrong.push_back(changed);
        wrong.push_back(5);
    } else if (value.is_boolean()) {
        wrong.push_back(!value.get<bool>());
        wrong.push_back(value.get<bool>() ? "true" : "false");
    }
    return wrong;
}

// Calls `visit` with the pointer of every plain value in `document`, in objects and arrays.
void eachLeaf(const json& document, const std::string& at, const std::function<void(const std::string&)>& visit) {
    if (document.is_object()) {
        for (auto it = document.begin(); it != document.end(); ++it) eachLeaf(*it, at + "/" + it.key(), visit);
    } else if (document.is_array()) {
        for (size_t i = 0; i < document.size(); ++i) eachLeaf(document[i], at + "/" + std::to_string(i), visit);
    } else {
        visit(at);
    }
}

// Diagnostics the compiled check places itself (from its leaves) are where a second reading of
// the text by pointer places them, so their line and column are the full path's.
void expectPlacedAsByPointer(const CompiledVerdict& verdict, const std::string& text) {
    for (const Diagnostic& d : verdict.diagnostics) {
        if (!d.byteOffset) continue;
        EXPECT_EQ(*d.byteOffset, pointerOffset(text, d.path)) << d.path << " in " << text;
    }
}

// Asked as its dialect and with the dialect left to tell (vgen validate without --dialect).
void expectSameAnswer(const Payload& payload, size_t& answered) {
    const std::optional<CompiledVerdict> verdict = checkCompiled(payload.text, payload.dialect, builtinCatalog());
    if (verdict) {
        ++answered;
        EXPECT_EQ(compiledAnswer(*verdict), fullPathAnswer(payload.text, dialectName(payload.dialect)))
            << dialectName(payload.dialect) << " " << payload.text;
        expectPlacedAsByPointer(*verdict, payload.text);
    }
    if (const std::optional<CompiledVerdict> told = checkCompiled(payload.text, std::nullopt, builtinCatalog())) {
        EXPECT_EQ(compiledAnswer(*told), fullPathAnswer(payload.text, "")) << "dialect told, " << payload.text;
        expectPlacedAsByPointer(*told, payload.text);
    }
}

TEST(CompiledCheck, AnswersTheExamplePayloadsOfEveryDialectAsTheFullPathDoes) {
    const std::vector<Payload> payloads = examplePayloads();
    ASSERT_GT(payloads.size(), 300u);
    size_t answered = 0;
    for (const Payload& payload : payloads) expectSameAnswer(payload, answered);
    // The check is there to be used: the catalog's own example requests are what pipelines send.
    EXPECT_GE(answered * 10, payloads.size() * 8) << answered << " of " << payloads.size() << " answered";
    for (Dialect dialect : kAllDialects) {
        size_t ofDialect = 0, answeredOfDialect = 0;
        for (const Payload& payload : payloads) {
            if (payload.dialect != dialect) continue;
            ++ofDialect;
            answeredOfDialect += checkCompiled(payload.text, dialect, builtinCatalog()).has_value();
        }
        EXPECT_GT(answeredOfDialect, 0u) << dialectName(dialect) << ": none of " << ofDialect << " answered";
    }
}

TEST(CompiledCheck, AnswersEveryWrongFieldAsTheFullPathDoes) {
    size_t answered = 0, tried = 0, invalidAnswered = 0;
    const std::vector<Payload> payloads = examplePayloads();
    for (size_t i = 0; i < payloads.size(); i += 3) {  // a third of them: every model and dialect, in a few seconds
        const Payload& payload = payloads[i];
        const json document = json::parse(payload.text);
        eachLeaf(document, "", [&](const std::string& pointer) {
            const json::json_pointer at(pointer);
            for (const json& wrong : wrongValuesFor(document[at])) {
                json changed = document;
                changed[at] = wrong;
                ++tried;
                const size_t before = answered;
                expectSameAnswer({payload.dialect, changed.dump()}, answered);
                if (answered > before && checkCompiled(changed.dump(), payload.dialect, builtinCatalog())->diagnostics.size())
                    ++invalidAnswered;
            }
            json without = document;
            json& parent = without[at.parent_pointer()];
            if (parent.is_array()) parent.erase(std::stoul(at.back()));
            else parent.erase(at.back());
            ++tried;
            expectSameAnswer({payload.dialect, without.dump()}, answered);
            for (const char* name : {"unexpectedField", ""}) {  // "" once made the check's tree an array
                json extra = document;
                if (extra[at.parent_pointer()].is_object()) extra[at.parent_pointer()][name] = 1;
                else extra[at.parent_pointer()].push_back("unexpected item");
                ++tried;
                expectSameAnswer({payload.dialect, extra.dump()}, answered);
            }
        });
    }
    // Most wrong values are plain values the tables judge; the validator words the answer.
    EXPECT_GT(invalidAnswered, tried / 10) << invalidAnswered << " of " << tried;
}

// A server fed made-up field names keeps its tables bounded and its answers right past the bound.
TEST(CompiledCheck, AnswersRightPastWhatItsTablesKeep) {
    size_t answered = 0;
    for (int i = 0; i < 1500; ++i) {
        const std::string text = R"({"model":"klingai/kling-v2.6-t2v","prompt":"a fox","providerOptions":{"klingai":{"made)" +
                                 std::to_string(i) + R"(Up":)" + std::to_string(i) + "}}}";
        if (i % 100 == 0 || i >= 1490) expectSameAnswer({Dialect::AiSdk, text}, answered);
        else checkCompiled(text, Dialect::AiSdk, builtinCatalog());  // fills the tables
    }
    EXPECT_GT(answered, 0u);
}

// The AI SDK's frame images (AI SDK and gateway dialects), changed in every way their items can be
// written: the compiled check reads them as parseFrameImage does, or leaves them to the full path.
TEST(CompiledCheck, ReadsFrameImagesAsTheParseDoes) {
    size_t answered = 0, payloadsWithFrames = 0, originalsAnswered = 0;
    for (const Payload& payload : examplePayloads()) {
        json document = json::parse(payload.text);
        json& body = document.contains("body") ? document["body"] : document;
        if (!body.contains("frameImages")) continue;
        ++payloadsWithFrames;
        const size_t before = answered;
        expectSameAnswer(payload, answered);
        originalsAnswered += answered > before;
        const json frames = body["frameImages"];
        const json image = frames[0]["image"];
        const json fileObject = {{"type", "url"}, {"url", "https://example.com/other.png"}};
        const std::vector<json> variants = {
            json::array({{{"frameType", "first_frame"}, {"image", image}}, {{"frameType", "last_frame"}, {"image", image}}}),
            json::array({{{"frameType", "last_frame"}, {"image", image}}, {{"frameType", "last_frame"}, {"image", 5}}}),
            json::array({{{"frameType", "last_frame"}}}),
            json::array({{{"frameType", 1}, {"image", image}}, frames[0]}),
            json::array({"last_frame", frames[0]}),
            json::array({json::array({1}), frames[0]}),
            json::array({{{"frameType", "last_frame"}, {"image", image}, {"note", "kept aside"}}}),
            json::array({{{"frameType", {{"kind", "last_frame"}}}, {"image", image}}}),
            json::array({{{"frameType", "last_frame"}, {"image", fileObject}}}),
            json::array({{{"frameType", "last_frame"}, {"image", {{"type", "file"}, {"data", "iVBORw0KGgo="}, {"mediaType", "image/png"}}}}}),
            json::array({{{"frameType", "last_frame"}, {"image", {{"type", "url"}}}}}),
            json::array({{{"frameType", "last_frame"}, {"image", {{"type", "url"}, {"url", {{"deeper", "x"}}}}}}}),
            json::array({{{"frameType", "last_frame"}, {"image", json::array({"https://example.com/a.png"})}}}),
            json::array({{{"frameType", "first_frame"}, {"image", "https://example.com/first.png"}}}),
            json::array({{{"frameType", "middle_frame"}, {"image", image}}}),
            json("last_frame"),
            json::object({{"frameType", "last_frame"}}),
        };
        for (const json& variant : variants) {
            body["frameImages"] = variant;
            expectSameAnswer({payload.dialect, document.dump()}, answered);
        }
    }
    ASSERT_GT(payloadsWithFrames, 0u);
    // What pipelines send is answered here: the frame images are no reason to take the full path.
    EXPECT_EQ(originalsAnswered, payloadsWithFrames);
    EXPECT_GT(answered, payloadsWithFrames * 6);
}

// Line and column come from where the reader saw each value: through indentation, escapes and
// characters of several bytes before it, at the value's first byte as pointerOffset has it.
TEST(CompiledCheck, PlacesItsDiagnosticsAtTheValuesItRead) {
    const std::string text = "{\n  \"model\": \"klingai/kling-v2.6-t2v\",\n"
                             "  \"prompt\": \"caf\u00e9 \\\"fox\\\" \\u6771\",\n"
                             "  \"providerOptions\": {\n    \"klingai\": {\n      \"mode\": \"turbo\"\n    }\n  },\n"
                             "  \"duration\":   11\n}";
    const std::optional<CompiledVerdict> verdict = checkCompiled(text, Dialect::AiSdk, builtinCatalog());
    ASSERT_TRUE(verdict) << text;
    std::vector<std::string> placed;
    for (const Diagnostic& d : verdict->diagnostics) {
        ASSERT_TRUE(d.byteOffset) << d.path;
        EXPECT_EQ(*d.byteOffset, pointerOffset(text, d.path)) << d.path;
        placed.push_back(d.path + " " + text.substr(*d.byteOffset, 4));
    }
    EXPECT_EQ(placed, (std::vector<std::string>{"/duration 11\n}", "/providerOptions/klingai/mode \"tur"}));
}

TEST(CompiledCheck, LeavesWhatOnlyTheFullPathCanSayToIt) {
    const auto answers = [](Dialect dialect, const std::string& text) {
        return checkCompiled(text, dialect, builtinCatalog()).has_value();
    };
    const std::string kling = R"({"model":"klingai/kling-v2.6-t2v","prompt":"a fox")";
    EXPECT_TRUE(answers(Dialect::AiSdk, kling + "}"));
    EXPECT_FALSE(answers(Dialect::AiSdk, kling + ",\"prompt\":\"again\"}")) << "a duplicate key";
    EXPECT_FALSE(answers(Dialect::AiSdk, kling)) << "not JSON";
    EXPECT_FALSE(answers(Dialect::AiSdk, kling + ",\"providerOptions\":{}}")) << "an empty object";
    EXPECT_FALSE(answers(Dialect::AiSdk, kling + ",\"frameImages\":[]}")) << "an array";
    EXPECT_FALSE(answers(Dialect::AiSdk, R"({"model":"no-such-model","prompt":"a fox"})")) << "an unknown model";
    EXPECT_FALSE(answers(Dialect::AiSdk, kling + ",\"providerOptions\":{\"vertex\":{\"x\":1}}}")) << "another namespace";
    EXPECT_FALSE(answers(Dialect::Gateway, kling + "}")) << "the gateway's model is in a header";
}

}  // namespace
}  // namespace vg
