// The model catalog: the built-in data (every model the seeds name, with sourced limits) and the
// loader (template merge, malformed data refused with a message naming the entry).
#include "catalog/catalog.h"
#include "dialects/dialect.h"
#include "dialects/schema.h"
#include "request/request.h"
#include "request/request_members.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace vg {
namespace {

using test::catalog;
using test::model;

const ParamSpec& param(const std::string& anyId, const std::string& path) {
    const ParamSpec* spec = model(anyId).param(path);
    if (!spec) throw std::runtime_error(anyId + " has no spec at " + path);
    return *spec;
}

// Every name must resolve, be used in `dialect` (an alias, not only the canonical id) and be
// routable there or not, as the seed says.
void expectNamed(const std::vector<std::string>& ids, const std::string& dialect, bool routable = true) {
    for (const std::string& id : ids) {
        AliasMatch match = catalog().resolve(id);
        ASSERT_NE(match.model, nullptr) << id;
        ASSERT_NE(match.alias, nullptr) << id << " resolves only as a canonical id";
        const auto& dialects = match.alias->dialects;
        EXPECT_TRUE(dialects.empty() || std::find(dialects.begin(), dialects.end(), dialect) != dialects.end())
            << id << " is not an id of dialect " << dialect;
        EXPECT_EQ(match.alias->routable, routable) << id;
    }
}

// ---- the built-in catalog ---------------------------------------------------------------------

TEST(Catalog, BuiltinLoadsWithEverySource) {
    EXPECT_GE(catalog().models.size(), 30u);
    for (const char* source : {"seed 000", "seed 001", "seed 002", "seed 003", "seed 004", "openai-videos", "vertex-veo", "kling-api"})
        EXPECT_EQ(catalog().sources.count(source), 1u) << source;
}

TEST(CatalogSeed000, EveryModelNamedResolves) {
    expectNamed({"klingai/kling-v2.6-t2v", "google/veo-3.1-generate-001", "klingai/kling-v2.6-i2v",
                 "klingai/kling-v3.0-i2v-imagelastFrame", "alibaba/wan-v2.6-r2v-flash", "xai/grok-imagine-video"},
                "gateway");
}

TEST(CatalogSeed001, EveryModelNamedResolves) {
    expectNamed({"google/veo-3.1-generate-001", "google/veo-3.1-fast-generate-001", "google/veo-3.0-generate-001",
                 "google/veo-3.0-fast-generate-001", "klingai/kling-v3.0-i2v", "klingai/kling-v2.6-i2v",
                 "klingai/kling-v2.5-turbo-i2v", "alibaba/wan-v2.6-i2v", "alibaba/wan-v2.6-i2v-flash",
                 "xai/grok-imagine-video"},
                "aisdk");
}

TEST(CatalogSeed002, EveryModelNamedResolves) { expectNamed({"klingai/kling-v3.0-t2v"}, "unified"); }

TEST(CatalogSeed003, RoutableAndStudioOnlyProviders) {
    expectNamed({"luma_ray3", "runway_gen4"}, "creative-hub", true);
    expectNamed({"kling_2_6", "kling_3_0", "veo_3_1", "seedance_pro"}, "creative-hub", false);
    const Alias* kling = catalog().resolve("kling_2_6").alias;
    EXPECT_NE(kling->refusal.find("luma_ray3"), std::string::npos);
}

TEST(CatalogSeed004, EveryModelNamedResolves) {
    expectNamed({"grok-imagine-video", "hailuo-02", "hailuo-2.3", "hailuo-2.3-fast", "luma-ray-2", "luma-ray-flash-2",
                 "kling-2.1", "kling-2.1-master", "kling-2.5-turbo-pro", "kling-2.6", "kling-3.0", "midjourney-video",
                 "runway-gen4-turbo", "runway-gen4.5", "seedance-1-lite", "seedance-1-pro", "seedance-1-pro-fast",
                 "seedance-1.5-pro", "seedance-2", "seedance-2-fast", "sora-2", "sora-2-pro", "veo-2", "veo-3",
                 "veo-3-fast", "veo-3.1", "veo-3.1-fast", "wan-2.5", "wan-2.5-fast", "wan-2.6", "wan-2.6-flash"},
                "jobs");
}

TEST(CatalogOpenAIVideos, SoraIds) { expectNamed({"sora-2", "sora-2-pro"}, "openai"); }

TEST(Catalog, NamesOfOneModelResolveToOneEntry) {
    EXPECT_EQ(&model("kling-2.6"), &model("klingai/kling-v2.6-t2v"));
    EXPECT_EQ(&model("kling_2_6"), &model("klingai/kling-v2.6-i2v"));
    EXPECT_EQ(&model("klingai/kling-v3.0-i2v-imagelastFrame"), &model("klingai/kling-v3.0-t2v"));
    EXPECT_EQ(&model("kling-2.5-turbo-pro"), &model("klingai/kling-v2.5-turbo-i2v"));
    EXPECT_EQ(&model("seedance_pro"), &model("seedance-1-pro"));
    EXPECT_EQ(&model("veo_3_1"), &model("google/veo-3.1-generate-001"));
    EXPECT_EQ(&model("alibaba/wan-v2.6-r2v-flash"), &model("wan-2.6-flash"));
    EXPECT_NE(&model("runway_gen4"), &model("runway-gen4-turbo"));
}

TEST(Catalog, LimitsUnknownOnlyWithANote) {
    for (const Model& m : catalog().models) {
        EXPECT_FALSE(m.notes.empty()) << m.id;
        if (!m.limitsKnown) {
            EXPECT_NE(m.notes.find("seed"), std::string::npos) << m.id;
        }
    }
    EXPECT_FALSE(model("hailuo-02").limitsKnown);
    EXPECT_TRUE(model("kling-2.6").limitsKnown);
}

// ---- aliases per dialect and mode -------------------------------------------------------------

TEST(CatalogSeed000, AliasModesSplitKlingGatewayIds) {
    const Model& kling = model("kling-2.6");
    EXPECT_EQ(catalog().resolve("klingai/kling-v2.6-t2v").alias->modes, std::vector<Mode>{Mode::T2V});
    EXPECT_EQ(catalog().aliasFor(kling, "gateway", Mode::T2V)->id, "klingai/kling-v2.6-t2v");
    EXPECT_EQ(catalog().aliasFor(kling, "gateway", Mode::I2V)->id, "klingai/kling-v2.6-i2v");
    EXPECT_EQ(catalog().aliasFor(kling, "gateway", Mode::FLF)->id, "klingai/kling-v2.6-i2v");
    EXPECT_EQ(catalog().aliasFor(kling, "jobs", Mode::I2V)->id, "kling-2.6");
    EXPECT_EQ(catalog().aliasFor(model("kling-3.0"), "aisdk", Mode::FLF)->id, "klingai/kling-v3.0-i2v-imagelastFrame");
    EXPECT_EQ(catalog().aliasFor(model("kling-3.0"), "aisdk", Mode::I2V)->id, "klingai/kling-v3.0-i2v");
}

TEST(CatalogSeed003, CreativeHubCarriesOnlyItsTwoProviders) {
    EXPECT_EQ(catalog().aliasFor(model("kling-2.6"), "creative-hub", Mode::T2V), nullptr);
    EXPECT_EQ(catalog().aliasFor(model("luma_ray3"), "creative-hub", Mode::I2V)->id, "luma_ray3");
    EXPECT_EQ(catalog().aliasFor(model("hailuo-02"), "creative-hub", Mode::T2V), nullptr);
}

TEST(CatalogSeed004, Veo31LastFrameOnlyThroughTheJobsId) {
    const Model& veo = model("veo-3.1");
    EXPECT_TRUE(veo.supports(Mode::FLF));
    EXPECT_EQ(catalog().aliasFor(veo, "gateway", Mode::FLF), nullptr);  // seed 000: Veo has no flf there
    EXPECT_EQ(catalog().aliasFor(veo, "jobs", Mode::FLF)->id, "veo-3.1");
    EXPECT_EQ(param("veo-3.1", "/lastFrame").source, "seed 004");
    EXPECT_FALSE(param("veo-3.1", "/lastFrame").note.empty());
}

TEST(Catalog, NearestIdsSuggestCloseNames) {
    auto near = catalog().nearestIds("kling-2.7");
    EXPECT_NE(std::find(near.begin(), near.end(), "kling-2.6"), near.end());
    auto upper = catalog().nearestIds("VEO-3.1");
    EXPECT_EQ(upper.at(0), "veo-3.1");
    EXPECT_TRUE(catalog().nearestIds("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").empty());
}

// Issue 9, finding 2: every id was compared in full with whatever the client sent (about 5 s of
// CPU per MB of model name). A name longer than any id by more than a typo adds gets no suggestion.
TEST(Catalog, NearestIdsIgnoreNamesNoTypoMakes) {
    const std::string id = "google/veo-3.1-fast-generate-001";
    EXPECT_EQ(catalog().nearestIds(id + "-preview").at(0), id);
    EXPECT_TRUE(catalog().nearestIds(id + "-preview-edition-of-2026").empty());
    EXPECT_TRUE(catalog().nearestIds(std::string(1u << 20, 'k')).empty());
}

// ---- sourced limits ---------------------------------------------------------------------------

TEST(Catalog, EveryRuleKindIsImplemented) {
    // The kinds rules.cpp implements (kept here so this test stands without it).
    const std::set<std::string> kinds{"exclusive",         "requires",       "camera_control",
                                      "shot_durations_sum", "trajectory_points", "same_resolution",
                                      "voice_tags",         "warn_when_present"};
    for (const Model& m : catalog().models)
        for (const RuleSpec& rule : m.rules) {
            EXPECT_EQ(kinds.count(rule.kind), 1u) << m.id << ": " << rule.kind;
            EXPECT_EQ(catalog().sources.count(rule.source), 1u) << m.id << ": " << rule.kind;
        }
}

bool hasLimits(const ParamSpec& spec) {
    return !spec.values.empty() || spec.min || spec.max || spec.step || spec.minLength || spec.maxLength ||
           !spec.requiredIn.empty() || !spec.unsupported.empty() || spec.media || spec.closed;
}

void expectSourced(const ParamSpec& spec, const std::string& where) {
    if (hasLimits(spec)) {
        EXPECT_EQ(catalog().sources.count(spec.source), 1u) << where << spec.path;
    }
    if (spec.items) expectSourced(*spec.items, where + spec.path + "/*");
    for (const ParamSpec& property : spec.properties) expectSourced(property, where + spec.path);
}

TEST(Catalog, EveryLimitNamesItsSeed) {
    for (const Model& m : catalog().models)
        for (const ParamSpec& spec : m.params) expectSourced(spec, m.id + " ");
    for (const DialectLimits& limits : catalog().dialectLimits)
        for (const ParamSpec& spec : limits.params) expectSourced(spec, limits.dialect + " ");
}

// ---- words for people ---------------------------------------------------------------------------

// A source key ("seed 001", "Seed 004") in `text`, or "".
std::string sourceKeyIn(const std::string& text) {
    for (const auto& [key, title] : catalog().sources) {
        std::string capitalized = key;
        capitalized[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
        if (text.find(key) != std::string::npos || text.find(capitalized) != std::string::npos) return key;
    }
    return "";
}

void expectNoSourceKey(const ParamSpec& spec, const std::string& where) {
    for (const std::string* text : {&spec.note, &spec.help, &spec.unsupported})
        EXPECT_EQ(sourceKeyIn(*text), "") << where << spec.path << ": " << *text;
    if (spec.items) expectNoSourceKey(*spec.items, where + spec.path + "/*");
    for (const ParamSpec& property : spec.properties) expectNoSourceKey(property, where + spec.path);
}

// What reaches a person outside the model reference (form tooltips, diagnostics, a route's refusal)
// names no document by our key: the key is in `source`, and only the model reference shows it, as
// the document's title.
TEST(Catalog, TextsForPeopleNameNoSourceKey) {
    for (const Model& m : catalog().models) {
        for (const ParamSpec& spec : m.params) expectNoSourceKey(spec, m.id + " ");
        for (const RuleSpec& rule : m.rules)
            for (const char* argument : {"why", "message"})
                EXPECT_EQ(sourceKeyIn(rule.args.value(argument, "")), "") << m.id << ": " << rule.kind << " " << argument;
        for (const Alias& alias : m.aliases) EXPECT_EQ(sourceKeyIn(alias.refusal), "") << alias.id << ": " << alias.refusal;
    }
    for (const DialectLimits& limits : catalog().dialectLimits)
        for (const ParamSpec& spec : limits.params) expectNoSourceKey(spec, limits.dialect + " ");
}

// `vgen schema` is read by people and by tools that show its descriptions: the documents a limit
// comes from are cited by their titles there too.
TEST(Catalog, SchemasCiteDocumentsByTitle) {
    for (Dialect dialect : kAllDialects)
        for (const Model& m : catalog().models) {
            const std::string text = schemaFor(dialect, m, catalog()).dump();
            EXPECT_EQ(sourceKeyIn(text), "") << dialectName(dialect) << " " << m.id;
        }
    const Model* kling = catalog().resolve("klingai/kling-v2.6-t2v").model;
    ASSERT_NE(kling, nullptr);
    EXPECT_NE(schemaFor(Dialect::AiSdk, *kling, catalog()).dump().find(catalog().sourceTitle("seed 001")), std::string::npos);
}

// Model notes tell how the catalog read its documents; the model reference shows them with each key
// written as the document's title.
TEST(Catalog, NamingSourcesWritesEachKeyAsItsTitle) {
    const std::string& title = catalog().sources.at("seed 004");
    EXPECT_EQ(catalog().sourceTitle("seed 004"), title);
    EXPECT_EQ(catalog().sourceTitle("no such key"), "no such key");
    EXPECT_EQ(catalog().namingSources("Seed 004: fast; seed 004's table"),
              "\"" + title + "\": fast; \"" + title + "\"'s table");
    for (const Model& m : catalog().models)
        EXPECT_EQ(sourceKeyIn(catalog().namingSources(m.notes)), "") << m.id;
}

// Every field the form shows has a label and one line on what it does, from the catalog entry or the
// request member: a new entry's fields read right without code.
TEST(Catalog, EveryFieldOfTheFormSaysWhatItIs) {
    for (const Model& m : catalog().models)
        for (const ParamSpec& spec : m.params) {
            if (!spec.unsupported.empty()) continue;
            const FieldWords words = fieldWords(spec);
            EXPECT_NE(words.label, "") << m.id << " " << spec.path;
            EXPECT_NE(words.meaning, "") << m.id << " " << spec.path;
        }
}

TEST(KlingApi, AspectRatiosAreListedWithTheirSource) {
    for (const char* id : {"kling-2.6", "kling-3.0", "kling-2.5-turbo-pro"}) {
        const ParamSpec& ratio = param(id, "/aspectRatio");
        EXPECT_EQ(ratio.values, (std::vector<json>{"16:9", "9:16", "1:1"})) << id;
        EXPECT_EQ(ratio.defaultValue, "16:9") << id;
        EXPECT_EQ(ratio.source, "kling-api") << id;
    }
}

TEST(KlingSeed001, DurationsPerVersion) {
    EXPECT_EQ(param("kling-2.6", "/duration").values, (std::vector<json>{5, 10}));
    const ParamSpec& v3 = param("kling-3.0", "/duration");
    EXPECT_EQ(v3.type, ValueType::Integer);
    EXPECT_EQ(v3.min, 3.0);
    EXPECT_EQ(v3.max, 15.0);
    EXPECT_EQ(v3.defaultValue, 5);
}

TEST(KlingSeed001, VersionGatedOptions) {
    EXPECT_FALSE(param("kling-2.6", "/providerOptions/klingai/cfgScale").unsupported.empty());
    EXPECT_EQ(param("kling-3.0", "/providerOptions/klingai/cfgScale").max, 1.0);
    EXPECT_NE(param("kling-2.5-turbo-pro", "/audio").unsupported.find("v2.6+"), std::string::npos);
    EXPECT_TRUE(param("kling-2.6", "/audio").unsupported.empty());
    EXPECT_FALSE(param("kling-2.6", "/providerOptions/klingai/multiShot").unsupported.empty());
    EXPECT_EQ(param("kling-3.0", "/providerOptions/klingai/elementList").maxLength, 3u);
    EXPECT_EQ(param("kling-2.6", "/providerOptions/klingai/voiceList").maxLength, 2u);
    EXPECT_EQ(param("kling-2.6", "/providerOptions/klingai/dynamicMasks").maxLength, 6u);
}

TEST(KlingSeed001, VoiceListConflictIsFlaggedOnV26) {
    auto isConflictWarning = [](const RuleSpec& rule) {
        return rule.kind == "warn_when_present" && rule.args.value("code", "") == "seed_conflict";
    };
    const auto& v26 = model("kling-2.6").rules;
    const auto& v30 = model("kling-3.0").rules;
    EXPECT_TRUE(std::any_of(v26.begin(), v26.end(), isConflictWarning));
    EXPECT_FALSE(std::any_of(v30.begin(), v30.end(), isConflictWarning));
    EXPECT_NE(param("kling-2.6", "/providerOptions/klingai/voiceList").note.find("voice section"), std::string::npos);
}

TEST(KlingSeed001, InputImageRequirements) {
    const MediaRules& media = *param("klingai/kling-v2.6-i2v", "/image").media;
    EXPECT_FALSE(media.dataUrlAllowed);
    EXPECT_TRUE(media.rawBase64Allowed);
    EXPECT_EQ(media.maxBytes, 10485760u);
    EXPECT_EQ(media.minSide, 300);
    EXPECT_EQ(media.minAspect, 0.4);
    EXPECT_EQ(media.maxAspect, 2.5);
    EXPECT_EQ(param("kling-2.6", "/image").requiredIn, (std::vector<Mode>{Mode::I2V, Mode::FLF}));
}

TEST(KlingSeed001, PromotionsMapSoundAndMode) {
    const auto& promotions = model("kling-3.0").promotions;
    auto sound = std::find_if(promotions.begin(), promotions.end(), [](const Promotion& p) { return p.field == "/audio"; });
    ASSERT_NE(sound, promotions.end());
    EXPECT_EQ(sound->option, "/providerOptions/klingai/sound");
    EXPECT_EQ(sound->valueMap.at(0), (std::pair<json, json>{true, "on"}));
    EXPECT_EQ(promotions.size(), 4u);
}

TEST(VeoSeed001, DurationsResolutionAndOptions) {
    EXPECT_EQ(param("google/veo-3.1-generate-001", "/duration").values, (std::vector<json>{4, 6, 8}));
    EXPECT_EQ(param("google/veo-3.1-generate-001", "/duration").defaultValue, 8);
    EXPECT_EQ(param("veo-3", "/resolution").values, (std::vector<json>{"720p", "1080p"}));
    EXPECT_EQ(param("veo-3.1", "/providerOptions/vertex/personGeneration").defaultValue, "allow_adult");
    EXPECT_EQ(param("veo-3.1", "/providerOptions/vertex/resizeMode").modes, (std::vector<Mode>{Mode::I2V, Mode::FLF}));
    // Veo 3.0 has no flf, so the resize mode narrows to i2v rather than naming a mode it lacks.
    EXPECT_EQ(param("veo-3", "/providerOptions/vertex/resizeMode").modes, std::vector<Mode>{Mode::I2V});
    // No seed gives Veo an aspect ratio; Vertex AI's reference does (the frame resizeMode fits to).
    EXPECT_EQ(param("veo-3.1", "/aspectRatio").values, (std::vector<json>{"16:9", "9:16"}));
    EXPECT_EQ(param("veo-3.1", "/aspectRatio").source, "vertex-veo");
}

TEST(WanSeed001, UrlOnlyImagesAndAudioDefaults) {
    const MediaRules& image = *param("alibaba/wan-v2.6-i2v", "/image").media;
    EXPECT_FALSE(image.dataUrlAllowed);
    EXPECT_FALSE(image.rawBase64Allowed);
    EXPECT_EQ(param("wan-2.6", "/audio").defaultValue, true);
    EXPECT_EQ(param("wan-2.6-flash", "/audio").defaultValue, false);
    EXPECT_EQ(param("wan-2.6", "/negativePrompt").maxLength, 500u);
    const MediaRules& audio = *param("wan-2.6", "/providerOptions/alibaba/audioUrl").media;
    EXPECT_EQ(audio.maxSeconds, 30.0);
    EXPECT_EQ(audio.maxBytes, 15728640u);
    EXPECT_FALSE(model("wan-2.6").param("/lastFrame"));  // Wan 2.6 has no flf: the template's spec is dropped
}

TEST(GrokSeed001, DurationAndResolution) {
    EXPECT_EQ(param("xai/grok-imagine-video", "/duration").max, 15.0);
    EXPECT_EQ(param("grok-imagine-video", "/resolution").defaultValue, "480p");
}

TEST(SoraOpenAIVideos, SecondsAndSizes) {
    EXPECT_EQ(param("sora-2", "/duration").values, (std::vector<json>{4, 8, 12}));
    EXPECT_EQ(param("sora-2", "/resolution").values.size(), 2u);
    EXPECT_EQ(param("sora-2-pro", "/resolution").values.size(), 4u);
}

TEST(DialectSeed004, JobsPromptAndWebhookEvents) {
    const DialectLimits* jobs = catalog().limitsFor("jobs");
    ASSERT_NE(jobs, nullptr);
    EXPECT_EQ(jobs->webhookEvents, (std::vector<std::string>{"progress", "completed", "failed"}));
    ASSERT_EQ(jobs->params.size(), 1u);
    EXPECT_EQ(jobs->params[0].maxLength, 4000u);
    EXPECT_EQ(jobs->params[0].minLength, 1u);
}

TEST(DialectSeed003, CreativeHubLimits) {
    const DialectLimits* hub = catalog().limitsFor("creative-hub");
    ASSERT_NE(hub, nullptr);
    auto spec = [&](const std::string& path) {
        return *std::find_if(hub->params.begin(), hub->params.end(), [&](const ParamSpec& s) { return s.path == path; });
    };
    EXPECT_EQ(spec("/prompt").maxLength, 2000u);
    EXPECT_EQ(spec("/duration").min, 2.0);
    EXPECT_EQ(spec("/duration").max, 10.0);
    EXPECT_EQ(spec("/aspectRatio").values.size(), 3u);
    EXPECT_TRUE(hub->webhookEvents.empty());
}

TEST(CatalogToJson, ListsEveryModelWithTheContractFields) {
    json out = catalogToJson(catalog());
    ASSERT_EQ(out.size(), catalog().models.size());
    for (const json& entry : out)
        for (const char* key : {"id", "provider", "vendor", "name", "modes", "aliases", "limitsKnown", "notes", "params"})
            EXPECT_TRUE(entry.contains(key)) << entry.value("id", "?") << " lacks " << key;
    const json& v3 = out[1];
    ASSERT_EQ(v3["id"], "klingai/kling-v3.0");
    EXPECT_EQ(v3["params"]["/duration"]["max"].dump(), "15");  // whole numbers print as integers
    EXPECT_EQ(v3["params"]["/providerOptions/klingai/voiceList"]["maxItems"], 2);
}

// ---- the loader on malformed data -------------------------------------------------------------

json minimalCatalog() {
    return json::parse(R"({
      "sources": {"seed 001": "a seed"},
      "templates": {"base": {"params": {"/prompt": {"type": "string", "maxLength": 10, "source": "seed 001"},
                                         "/seed": {"type": "integer"}}}},
      "dialects": {"jobs": {}},
      "models": [{"id": "acme/m1", "provider": "acme", "vendor": "Acme", "name": "M1", "modes": ["t2v"],
                  "use": ["base"], "aliases": [{"id": "m1", "dialects": ["jobs"], "source": "seed 001"}]}]
    })");
}

void expectRefused(const json& data, const std::string& mentions) {
    try {
        loadCatalog(data);
        ADD_FAILURE() << "loaded: " << data.dump();
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find(mentions), std::string::npos) << error.what();
    }
}

TEST(CatalogLoader, MinimalCatalogLoads) {
    Catalog loaded = loadCatalog(minimalCatalog());
    ASSERT_EQ(loaded.models.size(), 1u);
    EXPECT_EQ(loaded.models[0].param("/prompt")->maxLength, 10u);
}

TEST(CatalogLoader, ModelParamsReplaceOrRemoveTemplateParams) {
    json data = minimalCatalog();
    data["models"][0]["params"] = {{"/prompt", {{"type", "string"}, {"maxLength", 20}, {"source", "seed 001"}}},
                                   {"/seed", nullptr}};
    Catalog loaded = loadCatalog(data);
    EXPECT_EQ(loaded.models[0].param("/prompt")->maxLength, 20u);
    EXPECT_EQ(loaded.models[0].param("/seed"), nullptr);
}

TEST(CatalogLoader, MalformedEntriesNameTheModel) {
    std::vector<std::function<void(json&)>> breakages = {
        [](json& d) { d["models"][0]["params"] = {{"/duration", {{"maxx", 3}}}}; },                   // typo in a key
        [](json& d) { d["models"][0]["params"] = {{"/duration", {{"type", "float"}}}}; },             // unknown type
        [](json& d) { d["models"][0]["params"] = {{"/duration", {{"min", 5}, {"max", 3}}}}; },         // min > max
        [](json& d) { d["models"][0]["params"] = {{"/prompt", {{"type", "string"}, {"source", "seed 9"}}}}; },
        [](json& d) { d["models"][0]["params"] = {{"/durration", {{"type", "integer"}}}}; },           // not canonical
        [](json& d) { d["models"][0]["params"] = {{"/providerOptions/other/x", {{"type", "integer"}}}}; },
        [](json& d) { d["models"][0]["use"] = {"nope"}; },
        [](json& d) { d["models"][0]["modes"] = {"t2x"}; },
        [](json& d) { d["models"][0]["aliases"][0]["modes"] = {"i2v"}; },                               // not a model mode
        [](json& d) { d["models"][0]["aliases"][0]["dialects"] = {"nowhere"}; },
        [](json& d) { d["models"][0]["aliases"][0]["routable"] = false; },                             // no refusal
        [](json& d) { d["models"][0]["rules"] = {{{"kind", "exclusive"}}}; },                          // no source
        [](json& d) { d["models"][0]["params"] = {{"/duration", {{"values", {5, 10}}, {"default", 7}}}}; },
    };
    for (size_t i = 0; i < breakages.size(); ++i) {
        SCOPED_TRACE(i);
        json data = minimalCatalog();
        breakages[i](data);
        expectRefused(data, "model \"acme/m1\"");
    }
}

// Issue 10: a rule with a misspelt or mistyped argument, or of a kind the engine lacks, loaded and
// silently checked something else (or nothing). Each is a load error naming the model, the rule
// and what is wrong.
TEST(CatalogLoader, BrokenRulesAreLoadErrorsNamingModelRuleAndArgument) {
    const json exclusive = json::parse(R"({"kind": "exclusive", "groups": [["/prompt"], ["/seed"]], "source": "seed 001"})");
    ASSERT_NO_THROW({
        json data = minimalCatalog();
        data["models"][0]["rules"] = json::array({exclusive});
        loadCatalog(data);
    });
    struct Breakage {
        const char* rule;      // the broken rule, as catalog text
        const char* mentions;  // what the error must name besides the model
    };
    const Breakage breakages[] = {
        {R"({"kind": "exclusive", "grups": [["/prompt"], ["/seed"]], "source": "seed 001"})",
         "rule (exclusive): unknown argument \"grups\": exclusive takes groups"},
        {R"({"kind": "exclusiv", "groups": [["/prompt"], ["/seed"]], "source": "seed 001"})",
         "rule (exclusiv): unknown rule kind \"exclusiv\""},
        {R"({"kind": "exclusive", "groups": [["prompt"], ["/seed"]], "source": "seed 001"})",
         "argument \"groups\" must be an array of non-empty arrays of JSON Pointers"},
        {R"({"kind": "requires", "if": "/seed", "source": "seed 001"})", "rule (requires): missing argument \"then\""},
        {R"({"kind": "requires", "if": "/seed", "then": "/prompt", "eqals": true, "source": "seed 001"})",
         "unknown argument \"eqals\""},
        {R"({"kind": "trajectory_points", "path": "/prompt", "field": "t", "min": "2", "max": 77, "source": "seed 001"})",
         "argument \"min\" must be a number"},
        {R"({"kind": "warn_when_present", "path": "/seed", "code": "seed_confict", "message": "m", "source": "seed 001"})",
         "argument \"code\" must be a diagnostic code of `vgen codes`"},
        {R"({"kind": "camera_control", "path": "/seed", "configRequired": ["simple"], "axes": ["pan"], "min": -10, "source": "seed 001"})",
         "missing argument \"max\""},
    };
    for (const Breakage& breakage : breakages) {
        SCOPED_TRACE(breakage.rule);
        json data = minimalCatalog();
        data["models"][0]["rules"] = json::array({json::parse(breakage.rule)});
        expectRefused(data, "model \"acme/m1\", rule (");
        expectRefused(data, breakage.mentions);
    }
}

TEST(CatalogLoader, NameUsedByTwoModelsIsRefused) {
    json data = minimalCatalog();
    json second = data["models"][0];
    second["id"] = "acme/m2";
    data["models"].push_back(second);  // both claim the alias "m1"
    expectRefused(data, "\"m1\"");
}

// ---- the canonical request (request.cpp) ------------------------------------------------------

TEST(Request, ModeIsExplicitOrInferredFromInputs) {
    EXPECT_EQ(inferMode({{"prompt", "x"}}), Mode::T2V);
    EXPECT_EQ(inferMode({{"image", "https://a/b.png"}}), Mode::I2V);
    EXPECT_EQ(inferMode({{"image", "u"}, {"lastFrame", "v"}}), Mode::FLF);
    EXPECT_EQ(inferMode({{"image", "u"}, {"references", json::array({{{"url", "r"}}})}}), Mode::R2V);
    EXPECT_EQ(inferMode({{"video", "v"}, {"image", "u"}}), Mode::V2V);
    EXPECT_EQ(inferMode({{"image", ""}, {"references", json::array()}}), Mode::T2V);
    Request request;
    request.body = {{"model", "kling-2.6"}, {"mode", "flf"}, {"image", "u"}};
    EXPECT_EQ(request.effectiveMode(), Mode::FLF);
    EXPECT_EQ(request.modelId(), "kling-2.6");
    request.body["mode"] = "sideways";
    EXPECT_EQ(request.effectiveMode(), Mode::I2V);
}

TEST(Request, OriginMapLongestPrefixWins) {
    OriginMap origin;
    origin.record("/providerOptions/klingai", "/body/providerOptions/klingai");
    origin.record("/providerOptions/klingai/cfgScale", "/provider_options/cfg_scale");
    origin.record("/references", "/reference_images");
    EXPECT_EQ(origin.inputPointer("/providerOptions/klingai/cfgScale"), "/provider_options/cfg_scale");
    EXPECT_EQ(origin.inputPointer("/providerOptions/klingai/mode"), "/body/providerOptions/klingai/mode");
    EXPECT_EQ(origin.inputPointer("/references/1/url"), "/reference_images/1/url");
    EXPECT_EQ(origin.inputPointer("/referencesX"), "");
    EXPECT_EQ(origin.inputPointer("/duration"), "");
}

// What a form offers on a route with its own limits: the route's values where the model lists none,
// the values both allow, the tighter range; a default only when both allow it.
TEST(Catalog, NarrowedByRouteOffersWhatPassesBoth) {
    const DialectLimits* unified = catalog().limitsFor("unified");
    const DialectLimits* hub = catalog().limitsFor("creative-hub");
    ASSERT_TRUE(unified && hub);
    auto routeParam = [](const DialectLimits& limits, const std::string& path) -> const ParamSpec& {
        for (const ParamSpec& spec : limits.params)
            if (spec.path == path) return spec;
        throw std::runtime_error(limits.dialect + " has no limit at " + path);
    };
    // Grok's aspect ratio is free text in its own spec; the unified route lists five ratios.
    const ParamSpec grok = narrowedByRoute(param("xai/grok-imagine-video", "/aspectRatio"), routeParam(*unified, "/aspectRatio"));
    EXPECT_EQ(json(grok.values).dump(), R"(["16:9","9:16","1:1","4:3","3:4"])");
    // Kling lists three, all of which the route takes: the model's three, in its order.
    const ParamSpec& klingOwn = param("klingai/kling-v2.6", "/aspectRatio");
    const ParamSpec kling = narrowedByRoute(klingOwn, routeParam(*unified, "/aspectRatio"));
    EXPECT_EQ(json(kling.values).dump(), json(klingOwn.values).dump());
    // The creative hub's 2-10 s within a model's own range; a default outside it is dropped.
    ParamSpec duration;
    duration.path = "/duration";
    duration.type = ValueType::Number;
    duration.min = 1;
    duration.max = 15;
    duration.defaultValue = 12;
    const ParamSpec hubDuration = narrowedByRoute(duration, routeParam(*hub, "/duration"));
    EXPECT_EQ(*hubDuration.min, 2);
    EXPECT_EQ(*hubDuration.max, 10);
    EXPECT_TRUE(hubDuration.defaultValue.is_null());
    duration.defaultValue = 5;
    EXPECT_EQ(narrowedByRoute(duration, routeParam(*hub, "/duration")).defaultValue, json(5));
    // Values the two share none of: the model's own stay (validation says which side refuses).
    ParamSpec odd = klingOwn;
    odd.values = {json("21:9")};
    EXPECT_EQ(json(narrowedByRoute(odd, routeParam(*unified, "/aspectRatio")).values).dump(), R"(["21:9"])");
}

}  // namespace
}  // namespace vg
