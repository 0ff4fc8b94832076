// VideoGen core: dialect names, detection and dispatch to the table-driven engine.
// Each dialect's wire format and the decisions it took are documented at the top of its
// dialect_<name>.cpp; the engine that reads those tables is dialect_common.cpp.
#include "dialects/dialect.h"

#include "dialects/dialect_common.h"

#include <algorithm>
#include <map>
#include <set>

namespace vg {

namespace {

struct DialectName {
    Dialect dialect;
    const char* name;
    const char* description;  // one line for people choosing a gateway (dialectDescription)
};
constexpr DialectName kDialectNames[] = {
    {Dialect::AiSdk, "aisdk", "the AI SDK's generateVideo call options: what a program passes, not a route a gateway answers"},
    {Dialect::Gateway, "gateway", "Vercel AI Gateway's video routes: the model id travels in a header, the rest in the body"},
    {Dialect::OpenAI, "openai", "OpenAI's Videos API: Sora's own fields (size, seconds); other models get the nearest size"},
    {Dialect::Unified, "unified", "one OpenAI-style route for every provider; the answer is held open until the video is ready"},
    {Dialect::Jobs, "jobs", "an asynchronous jobs API: a job id comes back at once and is polled, so a reload can resume"},
    {Dialect::CreativeHub, "creative-hub", "a legacy creative route that takes only two models and makes silent video"},
};

// Top-level body names a dialect knows: its rows, model field, options and route-only fields.
std::set<std::string> topLevelNames(const DialectSpec& spec) {
    std::set<std::string> names;
    auto add = [&](std::string_view pointer) {
        if (pointer.size() < 2) return;
        names.insert(std::string(pointer.substr(1, pointer.find('/', 1) == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : pointer.find('/', 1) - 1)));
    };
    for (const FieldMap& row : spec.fields) add(row.wire);
    add(spec.modelWire);
    add(spec.optionsWire);
    for (const char* alias : spec.optionsAliases) add(alias);
    for (const char* field : spec.routeOnly) add(std::string("/") + field);
    return names;
}

// Among tied dialects, the one the model id is spelled for.
// Each dialect's top-level names, gathered once.
const std::set<std::string>& topLevelNamesOf(Dialect dialect) {
    static const std::map<Dialect, std::set<std::string>> all = [] {
        std::map<Dialect, std::set<std::string>> byDialect;
        for (Dialect each : kAllDialects) byDialect[each] = topLevelNames(specFor(each));
        return byDialect;
    }();
    return all.at(dialect);
}

std::optional<Dialect> byModelId(const BodyText& bodyText, const std::vector<Dialect>& candidates) {
    for (const char* key : {"model", "provider"}) {
        const std::optional<std::string_view> id = bodyText(key);
        if (!id) continue;
        AliasMatch match = builtinCatalog().resolve(*id);
        if (!match.model) continue;
        if (!match.alias) return candidates.front();  // canonical ids are the AI SDK's spelling
        for (const std::string& name : match.alias->dialects) {
            auto dialect = dialectByName(name);
            if (dialect && std::find(candidates.begin(), candidates.end(), *dialect) != candidates.end()) return dialect;
        }
    }
    return std::nullopt;
}

}  // namespace

const char* dialectName(Dialect dialect) {
    for (const DialectName& entry : kDialectNames)
        if (entry.dialect == dialect) return entry.name;
    return "";
}

const char* dialectDescription(Dialect dialect) {
    for (const DialectName& entry : kDialectNames)
        if (entry.dialect == dialect) return entry.description;
    return "";
}

std::optional<Dialect> dialectByName(std::string_view name) {
    for (const DialectName& entry : kDialectNames)
        if (name == entry.name) return entry.dialect;
    return std::nullopt;
}

std::string dialectNameList() {
    std::string out;
    for (const DialectName& entry : kDialectNames) out += (out.empty() ? "" : ", ") + std::string(entry.name);
    return out;
}

const DialectSpec& specFor(Dialect dialect) {
    switch (dialect) {
        case Dialect::AiSdk: return aisdkSpec();
        case Dialect::Gateway: return gatewaySpec();
        case Dialect::OpenAI: return openaiSpec();
        case Dialect::Unified: return unifiedSpec();
        case Dialect::Jobs: return jobsSpec();
        case Dialect::CreativeHub: return creativeHubSpec();
    }
    return aisdkSpec();
}

json HttpRequest::toJson() const {
    return json{{"method", method}, {"path", path}, {"headers", headers}, {"body", body}};
}

// The envelope's path decides; else the dialect that knows the most of the body's top-level names
// (ties broken by the model id's aliases); nullopt when every dialect knows as much.
std::optional<Dialect> detectDialect(const json& input) {
    const bool envelope = isEnvelope(input);
    const json* path = envelope ? findAt(input, "/path") : nullptr;
    const json& body = envelope ? input["body"] : input;
    if (!body.is_object()) return std::nullopt;
    std::vector<std::string_view> names;
    for (auto it = body.begin(); it != body.end(); ++it) names.push_back(it.key());
    return detectDialect(path && path->is_string() ? std::optional<std::string_view>(path->get_ref<const std::string&>()) : std::nullopt,
                         names, [&](std::string_view name) -> std::optional<std::string_view> {
                             auto it = body.find(std::string(name));
                             if (it == body.end() || !it->is_string()) return std::nullopt;
                             return std::string_view(it->get_ref<const std::string&>());
                         });
}

std::optional<Dialect> detectDialect(std::optional<std::string_view> envelopePath, const std::vector<std::string_view>& bodyNames,
                                     const BodyText& bodyText) {
    if (envelopePath)
        for (Dialect dialect : kAllDialects) {
            const auto& accepted = specFor(dialect).acceptedPaths;
            if (std::any_of(accepted.begin(), accepted.end(), [&](const char* p) { return *envelopePath == p; })) return dialect;
        }
    std::vector<std::pair<Dialect, size_t>> scores;
    for (Dialect dialect : kAllDialects) {
        const std::set<std::string>& names = topLevelNamesOf(dialect);
        size_t known = 0;
        for (std::string_view name : bodyNames) known += names.count(std::string(name));
        scores.emplace_back(dialect, known);
    }
    size_t best = 0, lowest = SIZE_MAX;
    for (const auto& [dialect, score] : scores) {
        best = std::max(best, score);
        lowest = std::min(lowest, score);
    }
    if (best == 0 || best == lowest) return std::nullopt;
    std::vector<Dialect> candidates;
    for (const auto& [dialect, score] : scores)
        if (score == best) candidates.push_back(dialect);
    if (candidates.size() == 1) return candidates.front();
    if (auto dialect = byModelId(bodyText, candidates)) return dialect;
    return candidates.front();
}

ParseOutcome parseRequest(Dialect dialect, json&& input, const Catalog& catalog) {
    try {
        return parseWithSpec(specFor(dialect), input, catalog);
    } catch (const std::exception& error) {  // a bug, never the input's fault: report, do not crash
        ParseOutcome outcome;
        outcome.usable = false;
        outcome.diagnostics.push_back(makeError("", Code::InternalError, std::string("parse failed: ") + error.what()));
        return outcome;
    }
}

ParseOutcome parseRequest(Dialect dialect, const json& input, const Catalog& catalog) {
    return parseRequest(dialect, json(input), catalog);
}

BuildOutcome buildRequest(Dialect dialect, const Request& request, const Catalog& catalog) {
    try {
        return buildWithSpec(specFor(dialect), request, catalog);
    } catch (const std::exception& error) {
        BuildOutcome outcome;
        outcome.diagnostics.push_back(makeError("", Code::InternalError, std::string("build failed: ") + error.what()));
        return outcome;
    }
}

std::string wirePointer(Dialect dialect, const Model& model, const std::string& canonicalPointer) {
    return wirePointerWithSpec(specFor(dialect), model, canonicalPointer);
}

}  // namespace vg
