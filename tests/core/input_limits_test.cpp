// Tests for the input-limits table (input_limits.h) and what it bounds: every number agrees with
// the catalog it is derived from, the table is printed as it is, reports list a bounded number of
// diagnostics, and a large request gets a small answer (issue 9, finding 3).
#include "request/input_limits.h"

#include "api/api.h"
#include "catalog/catalog.h"
#include "request/diagnostics.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>

namespace vg {
namespace {

// Calls `visit` with every ParamSpec of the catalog, nested items and properties included.
template <typename Visit>
void forEachSpec(const ParamSpec& spec, Visit& visit) {
    visit(spec);
    if (spec.items) forEachSpec(*spec.items, visit);
    for (const ParamSpec& property : spec.properties) forEachSpec(property, visit);
}
template <typename Visit>
void forEachSpec(Visit visit) {
    const Catalog& catalog = builtinCatalog();
    for (const Model& model : catalog.models)
        for (const ParamSpec& spec : model.params) forEachSpec(spec, visit);
    for (const DialectLimits& route : catalog.dialectLimits)
        for (const ParamSpec& spec : route.params) forEachSpec(spec, visit);
}

TEST(InputLimits, NamesAreUniqueSnakeCaseAndEveryEntryExplainsItself) {
    std::set<std::string_view> names;
    for (const InputLimit& limit : kInputLimits) {
        EXPECT_TRUE(names.insert(limit.name).second) << limit.name;
        EXPECT_EQ(limit.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string_view::npos) << limit.name;
        EXPECT_GT(limit.value, 0u) << limit.name;
        EXPECT_FALSE(limit.unit.empty()) << limit.name;
        EXPECT_GT(limit.why.size(), 20u) << limit.name;
    }
}

TEST(InputLimits, AgreeWithTheCatalogTheyAreDerivedFrom) {
    size_t largestMedia = 0, longestItems = 0, longestPrompt = 0, longestName = 0, mostFields = 0;
    forEachSpec([&](const ParamSpec& spec) {
        if (spec.media && spec.media->maxBytes) largestMedia = std::max(largestMedia, *spec.media->maxBytes);
        if (spec.type == ValueType::Array && spec.maxLength) longestItems = std::max(longestItems, *spec.maxLength);
        if (spec.path == "/prompt" && spec.maxLength) longestPrompt = std::max(longestPrompt, *spec.maxLength);
        for (const ParamSpec& property : spec.properties) longestName = std::max(longestName, property.path.size() - 1);
    });
    for (const Model& model : builtinCatalog().models) {
        mostFields = std::max(mostFields, model.params.size());
        for (const ParamSpec& spec : model.params) {
            const size_t slash = spec.path.rfind('/');
            longestName = std::max(longestName, spec.path.size() - slash - 1);
        }
    }
    for (const Model& model : builtinCatalog().models)
        for (const RuleSpec& rule : model.rules)
            if (rule.kind == "trajectory_points") longestItems = std::max<size_t>(longestItems, rule.args.value("max", 0));

    const size_t dataUrlPrefix = 64;  // "data:audio/mpeg;base64," and the like
    EXPECT_GE(kStringBytes.value, (largestMedia + 2) / 3 * 4 + dataUrlPrefix);
    EXPECT_GE(kBodyBytes.value, kStringBytes.value);
    EXPECT_GE(kAnswerBytes.value, kBodyBytes.value);
    EXPECT_GE(kAnswerValues.value, kJsonValues.value);
    EXPECT_GE(kUploadBytes.value, largestMedia);
    EXPECT_GE(kArrayItems.value, longestItems);
    EXPECT_GE(kPromptCharacters.value, longestPrompt);
    EXPECT_GE(kKeyBytes.value, longestName);
    EXPECT_GE(kObjectMembers.value, mostFields);
    EXPECT_GT(largestMedia, 0u);
    EXPECT_GT(longestItems, 0u);
}

TEST(InputLimits, ApiLimitsPrintsTheTable) {
    const ApiResult result = apiLimits(true);
    EXPECT_EQ(result.exitCode, 0);
    const nlohmann::json table = nlohmann::json::parse(result.output);
    ASSERT_EQ(table.size(), kInputLimits.size());
    for (size_t i = 0; i < kInputLimits.size(); ++i) {
        EXPECT_EQ(table[i]["name"], std::string(kInputLimits[i].name));
        EXPECT_EQ(table[i]["value"], kInputLimits[i].value);
        EXPECT_EQ(table[i]["unit"], std::string(kInputLimits[i].unit));
        EXPECT_EQ(table[i]["why"], std::string(kInputLimits[i].why));
    }
    const ApiResult text = apiLimits(false);
    EXPECT_NE(text.output.find("body_bytes  "), std::string::npos) << text.output;
    EXPECT_NE(text.output.find(std::to_string(kBodyBytes.value) + " bytes\n    " + std::string(kBodyBytes.why)),
              std::string::npos);
}

TEST(InputLimits, ReportsShowALimitedNumberOfDiagnosticsErrorsFirst) {
    Diagnostics many;
    for (int i = 0; i < 150; ++i) many.push_back(makeWarning("/w" + std::to_string(i), Code::UnknownField, "w"));
    many.push_back(makeError("/e", Code::TooLong, "e"));
    const Diagnostics shown = shownDiagnostics(many);
    ASSERT_EQ(shown.size(), kDiagnostics.value);
    EXPECT_EQ(shown.front().path, "/e");
    EXPECT_EQ(shown.back().code, "more_problems");
    EXPECT_EQ(shown.back().severity, Severity::Warning);  // the error is among those shown
    EXPECT_EQ(shown.back().message,
              "52 more problems not shown (a report lists 100, limit diagnostics): fix these first, then check again");
    many.push_back(makeError("/e2", Code::TooLong, "e"));
    many.insert(many.begin(), 100, makeError("/first", Code::TooLong, "x"));
    EXPECT_EQ(shownDiagnostics(many).back().severity, Severity::Error);
    const Diagnostics few(5, makeWarning("", Code::UnknownField, "x"));
    EXPECT_EQ(shownDiagnostics(few).size(), 5u);
}

// What made a 2.3 MB request get a 30 MB answer: one diagnostic per unknown field or per array
// element, each quoting what was sent. Answers are now bounded whatever the request holds.
TEST(InputLimits, LargeRequestsGetSmallAnswers) {
    const auto request = [](nlohmann::json extra) {
        nlohmann::json body = {{"model", "klingai/kling-v2.6-i2v"},
                               {"prompt", {{"image", "https://example.com/cat.png"}, {"text", "x"}}},
                               {"duration", 5}};
        body.update(extra);
        return body.dump();
    };
    nlohmann::json manyFields = nlohmann::json::object(), manyOptions = nlohmann::json::object();
    for (size_t i = 0; i + 10 < kObjectMembers.value; ++i) manyFields["f" + std::string(200, 'x') + std::to_string(i)] = 1;
    manyOptions["providerOptions"] = {{"klingai", manyFields}};
    nlohmann::json voices = nlohmann::json::array();
    for (size_t i = 0; i < kArrayItems.value; ++i) voices.push_back({{"voice_id" + std::string(200, 'v'), i}});
    const std::string longText(2 * kMiB, 'k');
    const std::vector<std::pair<std::string, std::string>> inputs = {
        {"unknown fields", request(manyFields)},
        {"unknown provider options", request(manyOptions)},
        {"a long voice list", request({{"providerOptions", {{"klingai", {{"voiceList", voices}}}}}})},
        {"a long enum value", request({{"duration", longText}})},
        {"a long model name", request({{"model", longText}})},
        {"a long media value", request({{"prompt", {{"image", longText + "!"}, {"text", "x"}}}})},
    };
    for (const auto& [name, input] : inputs) {
        const ApiResult json = apiValidate(input, "aisdk", true);
        const ApiResult text = apiValidate(input, "aisdk", false);
        EXPECT_LT(json.output.size() + json.notes.size(), 256u * 1024u) << name << ": " << json.output.substr(0, 500);
        EXPECT_LT(text.output.size() + text.notes.size(), 256u * 1024u) << name;
        EXPECT_LE(nlohmann::json::parse(json.output)["diagnostics"].size(), kDiagnostics.value) << name;
    }
}

TEST(InputLimits, PromptOfAModelWithoutALimitIsHeldToTheTable) {
    const auto validate = [](size_t length) {
        const nlohmann::json body = {{"model", "sora-2"}, {"prompt", std::string(length, 'p')}};
        return nlohmann::json::parse(apiValidate(body.dump(), "openai", true).output);
    };
    EXPECT_TRUE(validate(kPromptCharacters.value)["valid"]) << validate(kPromptCharacters.value).dump(2);
    const nlohmann::json refused = validate(kPromptCharacters.value + 1);
    EXPECT_FALSE(refused["valid"]);
    ASSERT_EQ(refused["diagnostics"].size(), 1u) << refused.dump(2);
    EXPECT_EQ(refused["diagnostics"][0]["code"], "too_long");
    EXPECT_NE(refused["diagnostics"][0]["message"].get<std::string>().find("(limit prompt_characters)"),
              std::string::npos);
}

}  // namespace
}  // namespace vg
