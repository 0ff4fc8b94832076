// Property (issue 2, "Dialects"): for every model in the catalog, every mode it supports and every
// dialect that carries it, parse(build(request)) gives the request back.
// The request is the catalog's example for that model and mode (example_request.h: defaults or
// first allowed values of the model's parameters, the inputs the mode needs), cut down to what the
// dialect can express according to wirePointer(), the same tables build and parse use.
#include "dialects/dialect.h"
#include "catalog/example_request.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

// Drops the members, provider options and reference fields `dialect` has no place for.
json expressibleIn(Dialect dialect, const Model& model, json body) {
    for (auto it = body.begin(); it != body.end();) {
        const std::string pointer = pointerChild("", it.key());
        if (it.key() == "model" || it.key() == "mode" || it.key() == "providerOptions") {
            ++it;
            continue;
        }
        if (wirePointer(dialect, model, pointer).empty()) it = body.erase(it);
        else ++it;
    }
    if (body.contains("providerOptions")) {
        for (auto& [ns, options] : body["providerOptions"].items())
            for (auto it = options.begin(); it != options.end();) {
                const std::string pointer = pointerChild(pointerChild("/providerOptions", ns), it.key());
                if (wirePointer(dialect, model, pointer).empty()) it = options.erase(it);
                else ++it;
            }
        for (auto it = body["providerOptions"].begin(); it != body["providerOptions"].end();)
            it = it->empty() ? body["providerOptions"].erase(it) : std::next(it);
        if (body["providerOptions"].empty()) body.erase("providerOptions");
    }
    if (body.contains("references"))
        for (json& reference : body["references"])
            for (auto it = reference.begin(); it != reference.end();)
                it = wirePointer(dialect, model, "/references/0/" + it.key()).empty() ? reference.erase(it) : std::next(it);
    // OpenAI's size names a resolution and an aspect ratio at once: give it a pair its table has
    // (a literal WIDTHxHEIGHT resolution, as Sora's, stands alone).
    const bool literal = body.contains("resolution") && body["resolution"].get<std::string>().find('x') != std::string::npos;
    if (wirePointer(dialect, model, "/resolution") == "/size" && !literal &&
        (body.contains("resolution") || body.contains("aspectRatio"))) {
        if (!body.contains("resolution")) body["resolution"] = "720p";
        if (body.value("aspectRatio", "") != "9:16") body["aspectRatio"] = "16:9";
    }
    return body;
}

// The canonical body with the model as its canonical id and the mode only when the inputs do not
// already imply it: two spellings of one request compare equal.
json normalized(json body, const Catalog& catalog) {
    if (const Model* model = catalog.resolve(body.value("model", "")).model) body["model"] = model->id;
    if (body.contains("mode") && modeByName(body["mode"].get<std::string>()) == inferMode(body)) body.erase("mode");
    return body;
}

TEST(DialectRoundTrip, EveryModelModeAndDialectParsesBackToTheSameRequest) {
    const Catalog& catalog = builtinCatalog();
    size_t checked = 0, refused = 0;
    for (const Model& model : catalog.models) {
        for (Mode mode : model.modes) {
            for (Dialect dialect : kAllDialects) {
                const Alias* alias = catalog.aliasFor(model, dialectName(dialect), mode);
                if (!alias || !alias->routable) continue;
                Request request;
                request.body = expressibleIn(dialect, model, exampleRequest(model, mode).body);
                const std::string where = model.id + " " + modeName(mode) + " " + dialectName(dialect);

                BuildOutcome built = buildRequest(dialect, request, catalog);
                if (inferMode(request.body) != mode && !(alias->modes.size() == 1 && alias->modes[0] == mode)) {
                    // The dialect has no place for the inputs this mode needs (openai has no last
                    // frame): build must refuse the mode rather than send a request for another one.
                    ASSERT_FALSE(built.http) << where;
                    EXPECT_EQ(built.diagnostics.at(0).path, "/mode") << where;
                    EXPECT_EQ(built.diagnostics.at(0).code, "not_expressible") << where;
                    ++refused;
                    continue;
                }
                ASSERT_TRUE(built.http) << where << " " << request.body.dump() << " "
                                        << diagnosticsToJson(built.diagnostics).dump();
                EXPECT_TRUE(built.diagnostics.empty()) << where << diagnosticsToJson(built.diagnostics).dump();

                ParseOutcome parsed = parseRequest(dialect, built.http->toJson(), catalog);
                EXPECT_TRUE(parsed.diagnostics.empty()) << where << diagnosticsToJson(parsed.diagnostics).dump();
                EXPECT_EQ(normalized(parsed.request.body, catalog), normalized(request.body, catalog))
                    << where << "\nwire: " << built.http->toJson().dump();
                EXPECT_EQ(parsed.request.effectiveMode(), mode) << where;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 100u);  // the catalog's models x modes x dialects, not a vacuous loop
    // Refused today: openai/unified without a last frame or references, and v2v through the AI SDK,
    // whose call options (ai 6.0.326) have no source video.
    EXPECT_LT(refused, checked / 4);
}

}  // namespace
}  // namespace vg
