// The canonical request's member table (request_members.h) is the one list validation, the
// catalog loader and mode inference read: these tests pin that they agree with it.
#include "catalog/catalog.h"
#include "request/request.h"
#include "request/request_members.h"
#include "request/validate.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <map>
#include <set>
#include <string>

namespace {

using vg::json;

std::set<std::string> names(const std::vector<const vg::RequestMember*>& members) {
    std::set<std::string> out;
    for (const vg::RequestMember* member : members) out.insert(member->name);
    return out;
}

// A field's words come from one place: a member's row, or a provider option's camelCase name with
// its acronyms and its unit suffix; the catalog's help says what it does.
TEST(FieldWords, MembersAndProviderOptionsReadAsWords) {
    struct Case {
        const char* path;
        const char* help;  // the catalog's help line, "" for none
        const char* label;
        const char* unit;
        const char* meaning;
    };
    const Case cases[] = {
        {"/duration", "", "Duration", "s", "how long the video lasts"},
        {"/negativePrompt", "", "Negative prompt", "", "what the video should not show"},
        {"/providerOptions/klingai/cfgScale", "how closely the video follows the prompt", "CFG scale", "",
         "how closely the video follows the prompt"},
        {"/providerOptions/klingai/pollIntervalMs", "", "Poll interval", "ms", ""},
        {"/providerOptions/alibaba/audioUrl", "", "Audio URL", "", ""},
        {"/providerOptions/klingai/cameraControl", "", "Camera control", "", ""},
    };
    for (const Case& c : cases) {
        vg::ParamSpec spec;
        spec.path = c.path;
        spec.help = c.help;
        const vg::FieldWords words = vg::fieldWords(spec);
        EXPECT_EQ(words.label, c.label) << c.path;
        EXPECT_EQ(words.unit, c.unit) << c.path;
        EXPECT_EQ(words.meaning, c.meaning) << c.path;
    }
}

TEST(RequestMembers, NamesAreUniqueAndLabelled) {
    std::set<std::string> seen;
    for (const vg::RequestMember& member : vg::requestMembers()) {
        EXPECT_TRUE(seen.insert(member.name).second) << member.name << " is listed twice";
        EXPECT_STRNE(member.label, "") << member.name;
        EXPECT_STRNE(member.meaning, "") << member.name;
        // An input says what to do when it is missing; other members are never "missing".
        EXPECT_EQ(member.inputOf.empty(), std::string(member.toAdd).empty()) << member.name;
    }
    EXPECT_EQ(vg::requestMember("negativePrompt")->type, vg::ValueType::String);
    EXPECT_EQ(vg::requestMember("negativeprompt"), nullptr);  // members are case-sensitive
}

TEST(RequestMembers, EachModeNeedsItsInputs) {
    EXPECT_EQ(names(vg::modeInputs(vg::Mode::T2V)), (std::set<std::string>{"prompt"}));
    EXPECT_EQ(names(vg::modeInputs(vg::Mode::I2V)), (std::set<std::string>{"image"}));
    EXPECT_EQ(names(vg::modeInputs(vg::Mode::FLF)), (std::set<std::string>{"image", "lastFrame"}));
    EXPECT_EQ(names(vg::modeInputs(vg::Mode::R2V)), (std::set<std::string>{"references"}));
    EXPECT_EQ(names(vg::modeInputs(vg::Mode::V2V)), (std::set<std::string>{"video"}));
}

// A request holding exactly the inputs of a mode implies that mode; empty values imply nothing.
TEST(RequestMembers, InputsImplyTheirMode) {
    const std::map<std::string, json> sample = {{"prompt", "a fox"},
                                                {"image", "https://example.com/a.png"},
                                                {"lastFrame", "https://example.com/b.png"},
                                                {"references", json::array({{{"url", "https://example.com/c.png"}}})},
                                                {"video", "https://example.com/d.mp4"}};
    for (vg::Mode mode : vg::kAllModes) {
        json body = json::object();
        for (const vg::RequestMember* input : vg::modeInputs(mode)) body[input->name] = sample.at(input->name);
        EXPECT_EQ(vg::inferMode(body), mode) << body.dump();
    }
    EXPECT_EQ(vg::inferMode({{"image", ""}, {"prompt", "a fox"}}), vg::Mode::T2V);
    EXPECT_EQ(vg::inferMode({{"video", "https://example.com/d.mp4"}, {"image", "https://example.com/a.png"}}), vg::Mode::V2V);
}

// Validation knows exactly the table's members: each is accepted by name, anything else is unknown.
TEST(RequestMembers, ValidationKnowsExactlyTheTable) {
    const vg::Model& model = vg::builtinCatalog().models.front();
    for (const vg::RequestMember& member : vg::requestMembers()) {
        vg::Request request;
        request.body = {{"model", model.id}, {"prompt", "a fox"}, {member.name, nullptr}};
        for (const vg::Diagnostic& d : vg::validateRequest(request, vg::builtinCatalog()))
            EXPECT_NE(d.code, "unknown_field") << member.name << ": " << d.message;
    }
    vg::Request request;
    request.body = {{"model", model.id}, {"prompt", "a fox"}, {"negative_prompt", "blur"}};
    bool unknown = false;
    for (const vg::Diagnostic& d : vg::validateRequest(request, vg::builtinCatalog()))
        unknown = unknown || (d.code == "unknown_field" && d.path == "/negative_prompt");
    EXPECT_TRUE(unknown);
}

// A catalog param sits under a member of the table (the loader refuses others: catalog_test).
TEST(RequestMembers, CatalogParamsStartWithAMember) {
    for (const vg::Model& model : vg::builtinCatalog().models) {
        for (const vg::ParamSpec& spec : model.params) {
            const std::string member = spec.path.substr(1, spec.path.find('/', 1) - 1);
            EXPECT_NE(vg::requestMember(member), nullptr) << model.id << " " << spec.path;
        }
    }
}

// Validation reads each mode's inputs from the catalog (its "inputs" template, refined per model);
// mode inference reads them from the member table. The two agree: every model that offers a mode
// requires at least the table's inputs for it, so a request inferred into a mode is checked for them.
TEST(RequestMembers, EveryModelRequiresTheInputsOfItsModes) {
    for (const vg::Model& model : vg::builtinCatalog().models) {
        for (vg::Mode mode : vg::kAllModes) {
            if (!model.supports(mode)) continue;
            for (const vg::RequestMember* input : vg::modeInputs(mode)) {
                const vg::ParamSpec* spec = model.param(std::string("/") + input->name);
                ASSERT_NE(spec, nullptr) << model.id << " has no " << input->name;
                EXPECT_NE(std::find(spec->requiredIn.begin(), spec->requiredIn.end(), mode), spec->requiredIn.end())
                    << model.id << " does not require " << input->name << " for " << vg::modeName(mode);
            }
        }
    }
}

}  // namespace
