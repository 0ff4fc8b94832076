// Benchmark corpus: wire payloads for every model x mode x variant x dialect, made by the core.
//   vg_bench_corpus OUT_DIR   writes OUT_DIR/corpus.jsonl and OUT_DIR/schemas/<dialect>/<model>.json
//
// Each line of corpus.jsonl is {dialect, model, schema, mutated, payload}:
//   model    the canonical id (the payload itself carries the id the dialect uses)
//   schema   the schema file for (dialect, model), relative to OUT_DIR
//   mutated  "" for a request made by vg::exampleRequest; else the canonical member deliberately set
//            outside its spec ("/duration"): about one payload in five, so both paths are measured
//   payload  the text a client would send: the body, or for the gateway (whose model travels in
//            the ai-model-id header) the whole {method, path, headers, body} envelope
// Payloads are made by vg::buildRequest, so a dialect that cannot carry a request adds nothing.
//
// Index
// [SECTION] Variants (and fitting them to a route)
// [SECTION] Out-of-spec values
// [SECTION] Writing the corpus
#include "catalog/catalog.h"
#include "dialects/dialect.h"
#include "catalog/example_request.h"
#include "dialects/schema.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace {

using vg::json;
namespace fs = std::filesystem;

// A second, longer prompt (well under the shortest limit, 2000) so payload sizes vary the way real
// requests do; the example request's own short prompt is the first.
constexpr const char* kDetailedPrompt =
    "Golden hour on a windswept coastal cliff. A lighthouse keeper in a yellow raincoat climbs the spiral "
    "stairs, lantern swinging, while gulls wheel past the salt-streaked windows. The camera starts on a wide "
    "establishing shot of waves breaking against black rocks, then slowly pushes in through the glass to a "
    "close-up of the keeper's weathered hands trimming the wick. Warm tungsten light, soft film grain, 35 mm "
    "lens, shallow depth of field, gentle handheld sway, ambient sound of wind and distant surf.";

// One deliberately invalid payload per kInvalidEvery - 1 valid ones: 1 in 5, 20 %.
constexpr size_t kInvalidEvery = 5;

//-----------------------------------------------------------------------------
// [SECTION] Variants (and fitting them to a route)
//-----------------------------------------------------------------------------

bool usedIn(const vg::ParamSpec& spec, vg::Mode mode) {
    return spec.modes.empty() || std::find(spec.modes.begin(), spec.modes.end(), mode) != spec.modes.end();
}

// How many variants make exampleRequest go through every combination of the mode's enum values
// and the low, high and middle of its ranges (exampleValue picks values[variant % size] and cycles
// ranges in threes): the least common multiple, capped so one model cannot swamp the corpus.
uint32_t variantCount(const vg::Model& model, vg::Mode mode) {
    constexpr size_t kMaxVariants = 60;
    size_t count = 3;
    for (const vg::ParamSpec& spec : model.params)
        if (usedIn(spec, mode) && !spec.values.empty()) count = std::min(kMaxVariants, std::lcm(count, spec.values.size()));
    return static_cast<uint32_t>(count);
}

// exampleRequest follows the model's limits only; a route can be narrower (unified takes five
// aspect ratios, Kling lists none). Replaces a value the route refuses with one it offers.
vg::Request fitToRoute(vg::Request request, const vg::DialectLimits* routeLimits, uint32_t variant) {
    if (!routeLimits) return request;
    for (const vg::ParamSpec& spec : routeLimits->params) {
        const json::json_pointer pointer(spec.path);
        if (!request.body.contains(pointer)) continue;
        const json& value = request.body[pointer];
        const bool listed = spec.values.empty() || std::find(spec.values.begin(), spec.values.end(), value) != spec.values.end();
        const bool inRange = !value.is_number() || ((!spec.min || value.get<double>() >= *spec.min) &&
                                                    (!spec.max || value.get<double>() <= *spec.max));
        if (!listed || !inRange) request.body[pointer] = vg::exampleValue(spec, variant);
    }
    return request;
}

//-----------------------------------------------------------------------------
// [SECTION] Out-of-spec values
//-----------------------------------------------------------------------------

// A value the spec refuses, of the right JSON type so only the limit is wrong: the duration 11
// where 5 or 10 are offered, a cfgScale above its maximum, a prompt one character too long.
std::optional<json> outOfSpec(const vg::ParamSpec& spec) {
    if (!spec.values.empty()) {
        const json& first = spec.values.front();
        if (first.is_number()) {
            double highest = first.get<double>();
            for (const json& value : spec.values)
                if (value.is_number()) highest = std::max(highest, value.get<double>());
            return static_cast<long long>(highest) + 1;
        }
        if (first.is_string()) return "unlisted-" + first.get<std::string>();
        return std::nullopt;
    }
    if ((spec.type == vg::ValueType::Integer || spec.type == vg::ValueType::Number) && spec.max) {
        double above = *spec.max + spec.step.value_or(1);
        if (spec.type == vg::ValueType::Integer) return static_cast<long long>(above);
        return above;
    }
    if (spec.type == vg::ValueType::String && spec.maxLength) return std::string(*spec.maxLength + 1, 'a');
    return std::nullopt;
}

// The members of an example request that have a limit a wrong value can break: the model's, then
// the route's own (the creative hub's 2-10 s), in catalog order.
std::vector<const vg::ParamSpec*> breakableMembers(const vg::Model& model, const vg::DialectLimits* routeLimits,
                                                   const json& body) {
    std::vector<const vg::ParamSpec*> members;
    auto consider = [&](const std::vector<vg::ParamSpec>& specs) {
        for (const vg::ParamSpec& spec : specs) {
            if (!spec.unsupported.empty() || !body.contains(json::json_pointer(spec.path))) continue;
            if (outOfSpec(spec)) members.push_back(&spec);
        }
    };
    consider(model.params);
    if (routeLimits) consider(routeLimits->params);
    return members;
}

//-----------------------------------------------------------------------------
// [SECTION] Writing the corpus
//-----------------------------------------------------------------------------

std::string fileSafe(std::string id) {
    std::replace(id.begin(), id.end(), '/', '_');
    return id;
}

std::string wireText(vg::Dialect dialect, const vg::HttpRequest& http) {
    return dialect == vg::Dialect::Gateway ? http.toJson().dump() : http.body.dump();
}

struct CorpusWriter {
    fs::path outDir;
    std::ofstream lines;
    std::set<std::string> seenPayloads;    // variants that build to the same wire text count once
    std::set<std::string> writtenSchemas;
    size_t valid = 0, invalid = 0;
    std::map<vg::Dialect, size_t> validIn;  // per dialect, so every dialect gets its fifth invalid

    std::string schemaFile(vg::Dialect dialect, const vg::Model& model, const vg::Catalog& catalog) {
        const std::string relative = std::string("schemas/") + vg::dialectName(dialect) + "/" + fileSafe(model.id) + ".json";
        if (writtenSchemas.insert(relative).second) {
            fs::create_directories((outDir / relative).parent_path());
            std::ofstream(outDir / relative) << vg::schemaFor(dialect, model, catalog).dump(2) << "\n";
        }
        return relative;
    }

    // Writes the payload `request` builds to in `dialect`; false when the dialect cannot carry it
    // or an earlier variant already gave the same text.
    bool add(vg::Dialect dialect, const vg::Model& model, const vg::Request& request, const std::string& mutated,
             const vg::Catalog& catalog) {
        vg::BuildOutcome built = vg::buildRequest(dialect, request, catalog);
        if (!built.http) return false;
        std::string payload = wireText(dialect, *built.http);
        if (!seenPayloads.insert(payload).second) return false;
        json line = {{"dialect", vg::dialectName(dialect)}, {"model", model.id},
                     {"schema", schemaFile(dialect, model, catalog)}, {"mutated", mutated}, {"payload", payload}};
        lines << line.dump() << "\n";
        ++(mutated.empty() ? valid : invalid);
        if (mutated.empty()) ++validIn[dialect];
        return true;
    }

    // One out-of-spec copy of `request`, rotating through its breakable members so the invalid
    // payloads cover durations, enums, ranges and lengths alike.
    void addInvalid(vg::Dialect dialect, const vg::Model& model, const vg::Request& request, const vg::Catalog& catalog) {
        std::vector<const vg::ParamSpec*> members =
            breakableMembers(model, catalog.limitsFor(vg::dialectName(dialect)), request.body);
        for (size_t attempt = 0; attempt < members.size(); ++attempt) {
            const vg::ParamSpec& spec = *members[(invalid + attempt) % members.size()];
            vg::Request broken = request;
            broken.body[json::json_pointer(spec.path)] = *outOfSpec(spec);
            if (add(dialect, model, broken, spec.path, catalog)) return;
        }
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: vg_bench_corpus OUT_DIR\n";
        return 2;
    }
    CorpusWriter writer;
    writer.outDir = argv[1];
    fs::remove_all(writer.outDir / "schemas");
    fs::create_directories(writer.outDir);
    writer.lines.open(writer.outDir / "corpus.jsonl");

    const vg::Catalog& catalog = vg::builtinCatalog();
    for (const vg::Model& model : catalog.models) {
        for (vg::Mode mode : model.modes) {
            for (uint32_t variant = 0; variant < variantCount(model, mode); ++variant) {
                vg::Request shortPrompt = vg::exampleRequest(model, mode, variant);
                vg::Request longPrompt = shortPrompt;
                longPrompt.body["prompt"] = kDetailedPrompt;
                for (const vg::Request* example : {&shortPrompt, &longPrompt}) {
                    for (vg::Dialect dialect : vg::kAllDialects) {
                        if (!catalog.aliasFor(model, vg::dialectName(dialect), mode)) continue;
                        const vg::Request request = fitToRoute(*example, catalog.limitsFor(vg::dialectName(dialect)), variant);
                        if (!writer.add(dialect, model, request, "", catalog)) continue;
                        if (writer.validIn[dialect] % (kInvalidEvery - 1) == 1) writer.addInvalid(dialect, model, request, catalog);
                    }
                }
            }
        }
    }
    std::cout << "corpus: " << writer.valid + writer.invalid << " payloads (" << writer.invalid
              << " deliberately invalid), " << writer.writtenSchemas.size() << " schemas in " << writer.outDir.string()
              << "\n";
    return writer.valid + writer.invalid > 0 ? 0 : 1;
}
