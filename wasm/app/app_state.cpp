// Operations on the playground's state; see app_state.h.
//
// Index
// [SECTION] Catalog filter
// [SECTION] Selection and example
// [SECTION] Validation, form and wire preview (through the core)
// [SECTION] Status for tests
#include "app_state.h"

#include "api.h"
#include "example_request.h"
#include "json_input.h"
#include "prompt_help.h"
#include "request_example.h"
#include "validate.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

namespace vg::app {

//-----------------------------------------------------------------------------
// [SECTION] Catalog filter
//-----------------------------------------------------------------------------

namespace {

std::string lowercase(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

bool mentions(const Model& model, const std::string& lowerNeedle) {
    if (lowerNeedle.empty()) return true;
    auto has = [&](const std::string& text) { return lowercase(text).find(lowerNeedle) != std::string::npos; };
    if (has(model.id) || has(model.name) || has(model.vendor) || has(model.provider)) return true;
    return std::any_of(model.aliases.begin(), model.aliases.end(), [&](const Alias& alias) { return has(alias.id); });
}

}  // namespace

void applyFilter(AppState& state) {
    const std::string needle = lowercase(state.filter.search);
    state.visibleModels.clear();
    for (const Model& model : state.catalog->models) {
        if (state.filter.mode && !model.supports(*state.filter.mode)) continue;
        if (!state.filter.provider.empty() && model.provider != state.filter.provider) continue;
        if (state.filter.audio && !generatesAudio(model)) continue;
        const auto& offered = state.filter.offered;
        if (!offered.empty() && std::find(offered.begin(), offered.end(), model.id) == offered.end()) continue;
        if (mentions(model, needle)) state.visibleModels.push_back(&model);
    }
    state.dirty = true;
}

bool generatesAudio(const Model& model) {
    const ParamSpec* audio = model.param("/audio");
    return audio && audio->unsupported.empty();
}

//-----------------------------------------------------------------------------
// [SECTION] Selection and example
//-----------------------------------------------------------------------------

void initState(AppState& state, const Catalog& catalog) {
    state.catalog = &catalog;
    std::set<std::string> providers;
    for (const Model& model : catalog.models) providers.insert(model.provider);
    state.providers.assign(providers.begin(), providers.end());
    applyFilter(state);
    if (!catalog.models.empty()) selectModel(state, catalog.models.front());
}

void selectModel(AppState& state, const Model& model) {
    state.selected = &model;
    resetExample(state, defaultExampleMode(model));
}

void resetExample(AppState& state, Mode mode) {
    if (!state.selected) return;
    state.canonical = exampleRequest(*state.selected, mode).body;
    state.jsonDrafts.clear();
    formChanged(state);
}

bool usedInMode(const ParamSpec& spec, Mode mode) {
    return spec.modes.empty() || std::find(spec.modes.begin(), spec.modes.end(), mode) != spec.modes.end();
}

void changeMode(AppState& state, Mode mode) {
    if (!state.selected) return;
    state.canonical["mode"] = modeName(mode);
    for (const ParamSpec& spec : state.selected->params) {
        const json::json_pointer pointer(spec.path);
        if (!usedInMode(spec, mode) && state.canonical.contains(pointer))
            state.canonical.at(pointer.parent_pointer()).erase(pointer.back());
    }
    state.jsonDrafts.clear();
    formChanged(state);
}

Mode requestMode(const AppState& state) {
    Request request;
    request.body = state.canonical;
    return request.effectiveMode();
}

std::string GatewaySettings::origin() const {
    if (local) return "";
    std::string url = baseUrl;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

//-----------------------------------------------------------------------------
// [SECTION] Validation, form and wire preview (through the core)
//-----------------------------------------------------------------------------

namespace {

std::vector<DiagnosticRow> diagnosticRows(const json& list) {
    std::vector<DiagnosticRow> rows;
    if (!list.is_array()) return rows;
    for (const json& item : list) {
        if (!item.is_object()) continue;
        rows.push_back({item.value("severity", "error") != "warning", item.value("path", ""), item.value("code", ""),
                        item.value("message", "")});
    }
    return rows;
}

DiagnosticRow diagnosticRow(const Diagnostic& d) { return {d.severity == Severity::Error, d.path, d.code, d.message}; }

// The core's output is JSON by contract; anything else (a usage message) is shown as one error.
json parseOutput(const std::string& output) { return json::parse(output, nullptr, false); }

std::string dialectArgument(const std::optional<Dialect>& dialect) { return dialect ? dialectName(*dialect) : ""; }

void rebuildWire(AppState& state) {
    WirePreview wire;
    const ApiResult result = apiBuild(state.requestText, dialectArgument(state.inputDialect), dialectName(state.wireTarget));
    const json output = parseOutput(result.output);
    if (result.exitCode == 0 && output.is_object() && output.contains("path")) {
        wire.built = true;
        wire.requestLine = output.value("method", "POST") + " " + output.value("path", "");
        wire.headers = output.value("headers", json::object()).dump(2);
        wire.body = output.value("body", json()).dump(2);
        wire.envelope = output.dump(2);
    } else if (output.is_object()) {
        wire.refusal = diagnosticRows(output.value("diagnostics", json::array()));
    }
    wire.notes = result.notes;
    state.wire = std::move(wire);
}

// The form's request checked for the gateway's dialect (canonical paths: validateRequest maps
// paths through the request's origin, which is empty here), and built for it when valid.
void checkForm(AppState& state) {
    FormCheck check;
    Request request;
    request.body = state.canonical;
    const char* dialect = dialectName(state.gateway.dialect);
    for (const Diagnostic& d : validateRequest(request, *state.catalog, dialect)) check.rows.push_back(diagnosticRow(d));
    for (const DiagnosticRow& row : check.rows) (row.error ? check.errors : check.warnings)++;

    if (state.validation.exitCode == 2) {
        check.blocked = "the JSON editor's text is not a request the core can read";
    } else if (state.validation.errors > 0) {
        check.blocked = "the request has " + std::to_string(state.validation.errors) + " error" +
                        (state.validation.errors == 1 ? "" : "s");
    } else if (check.errors > 0) {
        check.blocked = std::string("the request has errors for the ") + dialect + " gateway";
    } else if (!state.gateway.local && state.gateway.origin().empty()) {
        check.blocked = "enter the gateway's base URL (Gateway settings)";
    } else if (state.gateway.dialect == Dialect::AiSdk) {
        check.blocked = "aisdk is the AI SDK's call options, not a gateway: choose the gateway's dialect";
    } else {
        BuildOutcome built = buildRequest(state.gateway.dialect, request, *state.catalog);
        if (built.http) {
            check.submit = std::move(built.http);
        } else {
            for (const Diagnostic& d : built.diagnostics) check.rows.push_back(diagnosticRow(d));
            check.errors += static_cast<int>(built.diagnostics.size());
            check.blocked = std::string("the ") + dialect + " dialect cannot carry this request" +
                            (built.diagnostics.empty() ? "" : ": " + built.diagnostics.front().message);
        }
    }
    state.formCheck = std::move(check);
}

}  // namespace

void requestChanged(AppState& state) {
    Validation validation;
    const ApiResult result = apiParse(state.requestText, dialectArgument(state.inputDialect));
    validation.exitCode = result.exitCode;
    const json output = parseOutput(result.output);
    if (output.is_object()) {
        validation.dialect = output.value("dialect", "");
        validation.model = output.value("model", "");
        validation.rows = diagnosticRows(output.value("diagnostics", json::array()));
        // Unreadable text has no request: the form keeps the last one until the text reads again.
        const json request = output.value("request", json());
        if (result.exitCode != 2 && request.is_object() && !request.empty()) state.canonical = request;
    }
    if (validation.rows.empty() && result.exitCode != 0) {
        validation.rows.push_back({true, "", "unreadable", result.notes.empty() ? result.output : result.notes});
    }
    for (const DiagnosticRow& row : validation.rows) (row.error ? validation.errors : validation.warnings)++;
    state.validation = std::move(validation);
    // The form follows the model the text names (without replacing the text with an example).
    if (const Model* model = state.catalog->byId(state.validation.model)) state.selected = model;
    checkForm(state);
    rebuildWire(state);
    state.dirty = true;
}

void formChanged(AppState& state) {
    // The editor keeps its dialect (the detected one when it says "detect"); aisdk when none yet.
    Dialect editorDialect = state.inputDialect.value_or(
        dialectByName(state.validation.dialect).value_or(Dialect::AiSdk));
    Request request;
    request.body = state.canonical;
    BuildOutcome built = buildRequest(editorDialect, request, *state.catalog);
    state.editorNote.clear();
    if (!built.http) {
        // The first dialect that can carry it: aisdk, then the gateway's, then the others (a tagged
        // reference or a mode only the jobs API's id offers has no AI SDK form).
        const std::string why = built.diagnostics.empty() ? "" : " (" + built.diagnostics.front().message + ")";
        std::vector<Dialect> fallbacks = {Dialect::AiSdk, state.gateway.dialect};
        fallbacks.insert(fallbacks.end(), std::begin(kAllDialects), std::end(kAllDialects));
        for (Dialect fallback : fallbacks) {
            if (fallback == editorDialect) continue;
            BuildOutcome attempt = buildRequest(fallback, request, *state.catalog);
            if (!attempt.http) continue;
            state.editorNote = std::string(dialectName(editorDialect)) + " cannot carry this request" + why +
                               ": the editor shows it as " + dialectName(fallback) + ".";
            editorDialect = fallback;
            built = std::move(attempt);
            if (state.inputDialect) state.inputDialect = editorDialect;
            break;
        }
    }
    if (built.http) {
        state.requestText = built.http->body.dump(2);
    } else {
        // No dialect can write it (a value no wire format has): show the canonical body itself.
        state.requestText = state.canonical.dump(2);
        state.editorNote = "No dialect can carry this request yet: the editor shows the canonical body.";
    }
    requestChanged(state);
}

namespace {

// An input only another mode uses (a last frame in image-to-video, a reference in text-to-video)
// moves the request to the mode its inputs imply. A parse writes the mode it inferred, and the AI
// SDK form has no mode field to say otherwise: without this, the new input would sit unused.
void followInputs(AppState& state, const std::string& canonicalPath) {
    if (!state.selected || !state.canonical.contains("mode")) return;
    const std::string member = canonicalPath.substr(0, canonicalPath.find('/', 1));  // "/references/0/url" -> "/references"
    const ParamSpec* spec = state.selected->param(member);
    if (!spec || usedInMode(*spec, requestMode(state))) return;
    json inputs = state.canonical;
    inputs.erase("mode");
    const Mode implied = inferMode(inputs);
    if (state.selected->supports(implied) && usedInMode(*spec, implied)) state.canonical["mode"] = modeName(implied);
}

}  // namespace

void setRequestValue(AppState& state, const std::string& canonicalPath, json value) {
    state.canonical[json::json_pointer(canonicalPath)] = std::move(value);
    followInputs(state, canonicalPath);
    formChanged(state);
}

void clearRequestValue(AppState& state, const std::string& canonicalPath) {
    json::json_pointer pointer(canonicalPath);
    while (!pointer.empty() && state.canonical.contains(pointer)) {
        json& parent = state.canonical.at(pointer.parent_pointer());
        if (parent.is_array()) {
            parent.erase(static_cast<size_t>(std::stoul(pointer.back())));
        } else {
            parent.erase(pointer.back());
        }
        pointer = pointer.parent_pointer();
        if (pointer.empty() || !state.canonical.at(pointer).empty()) break;
    }
    state.jsonDrafts.erase(canonicalPath);
    formChanged(state);
}

void insertPromptTag(AppState& state, const std::string& tag) {
    const json* prompt = requestValue(state, "/prompt");
    const std::string text = prompt && prompt->is_string() ? prompt->get<std::string>() : "";
    const PromptEdit edit = insertTag(text, std::min(state.promptCursor, text.size()), tag);
    state.promptCursor = edit.cursor;
    setRequestValue(state, "/prompt", edit.text);
}

const json* requestValue(const AppState& state, const std::string& canonicalPath) {
    const json::json_pointer pointer(canonicalPath);
    return state.canonical.contains(pointer) ? &state.canonical.at(pointer) : nullptr;
}

const ParamSpec* offeredParam(const AppState& state, const std::string& canonicalPath) {
    const ParamSpec* spec = state.selected ? state.selected->param(canonicalPath) : nullptr;
    return spec && spec->unsupported.empty() ? spec : nullptr;
}

void loadRequestText(AppState& state, const std::string& text) {
    const JsonInput input = parseJsonInput(text);
    state.requestText = input.error ? text : input.value.dump(2);
    state.inputDialect.reset();
    state.editorNote.clear();
    state.jsonDrafts.clear();
    requestChanged(state);
}

void gatewayChanged(AppState& state) {
    checkForm(state);
    state.dirty = true;
}

void wireTargetChanged(AppState& state) {
    rebuildWire(state);
    state.dirty = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Status for tests
//-----------------------------------------------------------------------------

void recordRect(AppState& state, const std::string& name, CssRect rect) {
    auto found = std::find_if(state.rects.begin(), state.rects.end(), [&](const auto& entry) { return entry.first == name; });
    if (found != state.rects.end()) {
        found->second = rect;
    } else {
        state.rects.emplace_back(name, rect);
    }
}

std::string statusJson(const AppState& state) {
    json rects = json::object();
    for (const auto& [name, rect] : state.rects) rects[name] = {rect.x, rect.y, rect.width, rect.height};
    json jobs = json::array();
    for (const JobEntry& entry : state.jobs.entries) {
        const Job& job = entry.job;
        jobs.push_back({{"id", entry.localId},
                        {"state", jobStateName(job.state)},
                        {"dialect", dialectName(job.dialect)},
                        {"gatewayId", job.id},
                        {"polls", job.pollsMade},
                        {"retries", entry.retries},
                        {"progress", job.progress},
                        {"resumed", entry.resumed},
                        {"results", entry.results.size()},
                        {"stored", std::count_if(entry.results.begin(), entry.results.end(),
                                                 [](const ResultVideo& video) { return video.stored; })},
                        {"error", job.errorMessage}});
    }
    return json{{"ready", true},
                {"models", state.catalog->models.size()},
                {"visibleRows", state.visibleModels.size()},
                {"selected", state.selected ? state.selected->id : ""},
                {"mode", modeName(requestMode(state))},
                {"dialect", state.validation.dialect},
                {"exitCode", state.validation.exitCode},
                {"errors", state.validation.errors},
                {"requestText", state.requestText},
                {"warnings", state.validation.warnings},
                {"formErrors", state.formCheck.errors},
                {"formPaths", [&] {
                     json paths = json::array();
                     for (const DiagnosticRow& row : state.formCheck.rows) paths.push_back(row.path);
                     return paths;
                 }()},
                {"canGenerate", state.formCheck.blocked.empty()},
                // What Generate sends, as `vgen build` prints it: the editors' tests compare the two.
                {"submit", state.formCheck.submit ? state.formCheck.submit->toJson().dump(2) : ""},
                {"gatewayDialect", dialectName(state.gateway.dialect)},
                {"historyLoaded", state.jobs.historyLoaded},
                {"historySkipped", state.jobs.skippedRecords},
                {"jobs", jobs},
                {"shareNote", state.shareNote},
                {"wireTarget", dialectName(state.wireTarget)},
                {"wireBuilt", state.wire.built},
                {"wireRequestLine", state.wire.requestLine},
                {"wireCopied", state.wire.copied},
                {"rects", rects}}
        .dump(-1, ' ', false, json::error_handler_t::replace);  // requestText is typed: never throw on bad UTF-8
}

}  // namespace vg::app
