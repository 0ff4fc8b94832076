// The catalog snapshot: the built-in catalog (read from the snapshot the build wrote) is catalog.json
// as the engine loads it, every field of every struct survives the round trip, and bytes that are not
// a snapshot are refused with a message, never read past their end.
#include "catalog/catalog.h"
#include "catalog/catalog_snapshot.h"
#include "text/json_input.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace vg {
namespace {

Catalog catalogJsonAsLoaded() {
    std::ifstream in(std::string(VG_SOURCE_DIR) + "/wasm/core/catalog/catalog.json", std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const JsonInput document = parseJsonInput(text, answerJsonLimits());
    if (document.error) throw std::runtime_error(document.error->message);
    return loadCatalog(document.value);
}

// What catalogToJson leaves out: the sources, and the routes' limits (printed as a model's params).
json everything(const Catalog& catalog) {
    json out = {{"models", catalogToJson(catalog)}, {"sources", catalog.sources}, {"dialects", json::object()}};
    for (const DialectLimits& limits : catalog.dialectLimits) {
        Catalog probe;
        probe.models.push_back(Model{});
        probe.models[0].params = limits.params;
        out["dialects"][limits.dialect] = {{"params", catalogToJson(probe)[0]["params"]}, {"webhookEvents", limits.webhookEvents}};
    }
    return out;
}

// A catalog with every field of every struct set away from its default, and every kind of JSON value.
Catalog everyField() {
    Catalog catalog;
    catalog.sources = {{"seed 001", "Gateway guide"}, {"vertex-veo", "Veo on Vertex AI"}};
    ParamSpec shot;
    shot.path = "";
    shot.type = ValueType::Object;
    shot.closed = true;
    ParamSpec prompt;
    prompt.path = "/prompt";
    prompt.type = ValueType::String;
    prompt.minLength = 1;
    prompt.maxLength = 512;
    shot.properties.push_back(prompt);
    ParamSpec shots;
    shots.path = "/providerOptions/klingai/shots";
    shots.type = ValueType::Array;
    shots.minLength = 2;
    shots.maxLength = 6;
    shots.items = std::make_shared<ParamSpec>(shot);
    shots.itemName = "shot";
    shots.modes = {Mode::T2V, Mode::R2V};
    shots.requiredIn = {Mode::R2V};
    shots.source = "seed 001";
    shots.note = "multi-shot";
    shots.help = "Shots, in order";
    ParamSpec image;
    image.path = "/image";
    image.type = ValueType::Image;
    image.media = MediaRules{{"png", "jpeg"}, false, true, false, 10'000'000, 300, 0.4, 2.5, 1.5, 20.25};
    image.unsupported = "not on this route";
    ParamSpec duration;
    duration.path = "/duration";
    duration.type = ValueType::Number;
    duration.values = {json(5), json(-3), json(7.5), json("10"), json(true), json(nullptr),
                       json::array({1, "a"}), json::object({{"k", json::array()}}), json(18446744073709551615ull)};
    duration.min = -3;
    duration.max = 1e300;
    duration.step = 0.5;
    duration.defaultValue = 5;

    Model model;
    model.id = "klingai/kling-v2.6";
    model.provider = "klingai";
    model.vendor = "Kling AI";
    model.name = "Kling 2.6";
    model.family = "kling";
    model.version = "2.6";
    model.modes = {Mode::T2V, Mode::I2V, Mode::FLF, Mode::R2V, Mode::V2V};
    model.aliases.push_back(Alias{"kling-2.6", {"aisdk", "gateway"}, {Mode::T2V}, false, "use klingai/kling-v2.6", "seed 001"});
    model.params = {shots, image, duration};
    model.promotions.push_back(Promotion{"/audio", "/providerOptions/klingai/sound", {{json(true), json("on")}, {json(false), json("off")}}});
    model.rules.push_back(RuleSpec{"exclusive", json::object({{"fields", json::array({"/image", "/video"})}}), "seed 001"});
    model.limitsKnown = false;
    model.notes = "notes";
    catalog.models.push_back(model);
    catalog.dialectLimits.push_back(DialectLimits{"jobs", {prompt}, {"job.completed", "job.failed"}});
    return catalog;
}

TEST(CatalogSnapshot, BuiltInIsCatalogJsonAsTheEngineLoadsIt) {
    const Catalog loaded = catalogJsonAsLoaded();
    EXPECT_EQ(everything(builtinCatalog()).dump(1), everything(loaded).dump(1));
    EXPECT_EQ(catalogSnapshot(builtinCatalog()), catalogSnapshot(loaded));
    // Smaller than the JSON it comes from: the strings it repeats (templates' help and sources) are stored once.
    EXPECT_LT(catalogSnapshot(loaded).size(), 40'000u);
}

TEST(CatalogSnapshot, EveryFieldSurvivesTheRoundTrip) {
    const Catalog original = everyField();
    const std::string bytes = catalogSnapshot(original);
    const Catalog back = catalogFromSnapshot(bytes);
    EXPECT_EQ(everything(back).dump(1), everything(original).dump(1));
    EXPECT_EQ(catalogSnapshot(back), bytes);
    // Kinds that print alike: a default of 5 stays an integer, 1e300 a double, the largest unsigned unsigned.
    const ParamSpec& duration = back.models[0].params[2];
    EXPECT_TRUE(duration.defaultValue.is_number_integer());
    EXPECT_EQ(*duration.max, 1e300);
    EXPECT_TRUE(duration.values[8].is_number_unsigned());
    EXPECT_EQ(duration.values[1].get<int>(), -3);
    EXPECT_EQ(back.models[0].params[0].items->properties[0].path, "/prompt");
    EXPECT_FALSE(back.models[0].aliases[0].routable);
    EXPECT_EQ(back.dialectLimits[0].webhookEvents[1], "job.failed");
}

TEST(CatalogSnapshot, RefusesBytesItDidNotWriteWithoutReadingPastThem) {
    const std::string bytes = catalogSnapshot(everyField());
    // Cut anywhere: refused with what is wrong and what to do.
    for (size_t length = 0; length < bytes.size(); ++length) {
        try {
            catalogFromSnapshot(std::string_view(bytes).substr(0, length));
            ADD_FAILURE() << "a snapshot cut to " << length << " of " << bytes.size() << " bytes was read";
        } catch (const std::runtime_error& error) {
            EXPECT_NE(std::string(error.what()).find("rebuild"), std::string::npos) << error.what();
        }
    }
    // Any one byte changed: refused, or read as some catalog; never a crash (the sanitizer build runs this too).
    for (size_t at = 0; at < bytes.size(); ++at) {
        for (unsigned char value : {0x00, 0x01, 0x7F, 0x80, 0xFF}) {
            std::string changed = bytes;
            changed[at] = static_cast<char>(value);
            try {
                catalogFromSnapshot(changed);
            } catch (const std::runtime_error&) {
            }
        }
    }
    EXPECT_THROW(catalogFromSnapshot(bytes + "x"), std::runtime_error);
    std::string otherFormat = bytes;
    otherFormat[4] = 2;
    try {
        catalogFromSnapshot(otherFormat);
        ADD_FAILURE() << "another format was read";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("format 2, this code reads format 1"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace vg
