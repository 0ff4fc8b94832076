// Operations on the playground's state; see app_state.h.
//
// Index
// [SECTION] Catalog filter
// [SECTION] Selection and example
// [SECTION] Validation, form and wire preview (through the core)
// [SECTION] Status for tests
#include "app_state.h"

#include "api/api.h"
#include "catalog/example_request.h"
#include "text/json_input.h"
#include "request_example.h"
#include "text/text_format.h"

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

bool asksForSound(const Catalog& catalog, const json& request) {
    const auto model = request.find("model");
    const Model* found = model != request.end() && model->is_string() ? catalog.resolve(model->get<std::string>()).model : nullptr;
    if (!found || !generatesAudio(*found)) return false;
    const auto audio = request.find("audio");
    if (audio != request.end()) return audio->is_boolean() && audio->get<bool>();
    const json& fallback = found->param("/audio")->defaultValue;
    return fallback.is_boolean() && fallback.get<bool>();
}

//-----------------------------------------------------------------------------
// [SECTION] Selection and example
//-----------------------------------------------------------------------------

void initState(AppState& state, const Catalog& catalog) {
    state.catalog = &catalog;
    state.session = RequestSession(catalog);
    std::set<std::string> providers;
    for (const Model& model : catalog.models) providers.insert(model.provider);
    state.providers.assign(providers.begin(), providers.end());
    applyFilter(state);
    if (!catalog.models.empty()) selectModel(state, catalog.models.front());
}

void selectModel(AppState& state, const Model& model) {
    state.selected = &model;
    if (state.session.revision() == state.exampleRevision || !state.session.body().contains("model")) {
        resetExample(state, defaultExampleMode(model));
        return;
    }
    state.session.changeModel(model);
    state.jsonDrafts.clear();
    formChanged(state);
}

void resetExample(AppState& state, Mode mode) {
    if (!state.selected) return;
    state.session.reset(exampleRequest(*state.selected, mode).body);
    state.exampleRevision = state.session.revision();
    state.jsonDrafts.clear();
    formChanged(state);
}

bool usedInMode(const ParamSpec& spec, Mode mode) {
    return spec.modes.empty() || std::find(spec.modes.begin(), spec.modes.end(), mode) != spec.modes.end();
}

bool isPromptText(const ParamSpec& spec) { return spec.path == "/prompt" || spec.path == "/negativePrompt"; }

bool isMediaType(ValueType type) { return type == ValueType::Image || type == ValueType::Video || type == ValueType::Audio; }

FormFields formFields(const AppState& state) {
    FormFields fields;
    if (!state.selected) return fields;
    const Mode mode = requestMode(state);
    const DialectLimits* route = state.catalog->limitsFor(dialectName(state.gateway.dialect));
    for (const ParamSpec& modelSpec : state.selected->params) {
        if (!usedInMode(modelSpec, mode) || !modelSpec.unsupported.empty() || modelSpec.path == "/model" || modelSpec.path == "/mode") continue;
        const ParamSpec* routeSpec = route ? route->param(modelSpec.path) : nullptr;
        const ParamSpec& spec = routeSpec ? fields.narrowed.emplace_back(narrowedByRoute(modelSpec, *routeSpec)) : modelSpec;
        if (spec.path.rfind("/providerOptions/", 0) == 0) {
            const std::string ns = spec.path.substr(17, spec.path.find('/', 17) - 17);
            auto group = std::find_if(fields.providers.begin(), fields.providers.end(), [&](const auto& entry) { return entry.first == ns; });
            if (group == fields.providers.end()) group = fields.providers.insert(fields.providers.end(), {ns, {}});
            group->second.push_back(&spec);
        } else if (isPromptText(spec)) {
            fields.prompt.push_back(&spec);
        } else if (isMediaType(spec.type) || spec.path == "/references") {
            fields.inputs.push_back(&spec);
        } else {
            fields.parameters.push_back(&spec);
        }
    }
    std::sort(fields.prompt.begin(), fields.prompt.end(), [](const ParamSpec* a, const ParamSpec* b) { return a->path == "/prompt" && b->path != "/prompt"; });
    return fields;
}

void changeMode(AppState& state, Mode mode) {
    state.session.changeMode(mode);
    state.jsonDrafts.clear();
    formChanged(state);
}

Mode requestMode(const AppState& state) { return state.session.mode(); }

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

DiagnosticRow diagnosticRow(const Diagnostic& d) { return {d.severity == Severity::Error, d.path, d.code, d.message}; }

std::vector<DiagnosticRow> diagnosticRows(const Diagnostics& diagnostics) {
    std::vector<DiagnosticRow> rows;
    for (const Diagnostic& d : shownDiagnostics(diagnostics)) rows.push_back(diagnosticRow(d));
    return rows;
}

void countRows(Validation& validation) {
    for (const DiagnosticRow& row : validation.rows) (row.error ? validation.errors : validation.warnings)++;
}

// The form's request checked for the gateway's dialect, and built for it when valid: the session
// answers both from its caches.
void checkForm(AppState& state) {
    FormCheck check;
    const Dialect gateway = state.gateway.dialect;
    const char* dialect = dialectName(gateway);
    for (const Diagnostic& d : state.session.diagnostics(gateway)) check.rows.push_back(diagnosticRow(d));
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
    } else if (gateway == Dialect::AiSdk) {
        check.blocked = "aisdk is the AI SDK's call options, not a gateway: choose the gateway's dialect";
    } else {
        const BuildOutcome& built = state.session.built(gateway);
        if (built.http) {
            check.submit = built.http;
        } else {
            for (const Diagnostic& d : built.diagnostics) check.rows.push_back(diagnosticRow(d));
            check.errors += static_cast<int>(built.diagnostics.size());
            check.blocked = std::string("the ") + dialect + " dialect cannot carry this request" +
                            (built.diagnostics.empty() ? "" : ": " + built.diagnostics.front().message);
        }
    }
    state.formCheck = std::move(check);
    state.requestVersion++;
}

// What follows any change of the request: the form's model, its check, the wire preview.
void requestUpdated(AppState& state) {
    if (const Model* model = state.session.model()) state.selected = model;
    checkForm(state);
    state.wireStale = true;
    state.dirty = true;
}

// The dialect the editor shows the session's request in: the chosen one (the detected one when it
// says "detect"; aisdk when none yet), else the first that can carry it: aisdk, then the gateway's,
// then the others (a tagged reference or a mode only the jobs API's id offers has no AI SDK form).
void chooseEditorDialect(AppState& state) {
    const RequestSession& session = state.session;
    Dialect preferred = state.inputDialect.value_or(dialectByName(state.validation.dialect).value_or(Dialect::AiSdk));
    state.editorNote.clear();
    state.editorDialect = preferred;
    state.editorShowsCanonical = false;
    const BuildOutcome& built = session.built(preferred);
    if (built.http) return;
    const std::string why = built.diagnostics.empty() ? "" : " (" + built.diagnostics.front().message + ")";
    std::vector<Dialect> fallbacks = {Dialect::AiSdk, state.gateway.dialect};
    fallbacks.insert(fallbacks.end(), std::begin(kAllDialects), std::end(kAllDialects));
    for (Dialect fallback : fallbacks) {
        if (fallback == preferred || !session.built(fallback).http) continue;
        state.editorNote = std::string(dialectName(preferred)) + " cannot carry this request" + why +
                           ": the editor shows it as " + dialectName(fallback) + ".";
        state.editorDialect = fallback;
        if (state.inputDialect) state.inputDialect = fallback;
        return;
    }
    // No dialect can write it (an input the mode needs is missing, a value no wire format has).
    const Diagnostics& problems = session.diagnostics(preferred);
    const auto error = std::find_if(problems.begin(), problems.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
    state.editorShowsCanonical = true;
    state.editorNote = "No dialect can carry this request yet, so the editor shows the canonical body: " +
                       (error != problems.end() ? error->message : std::string("fix its errors first"));
}

}  // namespace

void syncEditorText(AppState& state, double now) {
    const uint64_t revision = state.session.revision();
    if (state.editorRevision == revision) return;
    // Writing megabytes of JSON (an inline image) takes longer than a frame: while the person keeps
    // editing such a request, the text waits until they pause.
    constexpr size_t kImmediateBytes = 1 << 20;
    constexpr double kPauseSeconds = 0.3;
    if (state.requestText.size() > kImmediateBytes) {
        if (state.editorPendingRevision != revision) {
            state.editorPendingRevision = revision;
            state.editorDueAt = now + kPauseSeconds;
        }
        if (now < state.editorDueAt) {
            state.dirty = true;  // keeps frames coming until it is due
            return;
        }
    }
    state.requestText = state.editorShowsCanonical ? state.session.canonicalText() : state.session.text(state.editorDialect);
    state.editorRevision = state.session.revision();
    state.requestVersion++;
}

void refreshWire(AppState& state) {
    if (!state.wireStale) return;
    state.wireStale = false;
    WirePreview wire;
    if (state.validation.exitCode != 0) {
        wire.refusal = state.validation.rows;
        wire.notes = "vgen: the request is invalid and was not built";
    } else {
        const BuildOutcome& built = state.session.built(state.wireTarget);
        if (built.http && !hasErrors(built.diagnostics)) {
            wire.built = true;
            wire.requestLine = built.http->method + " " + built.http->path;
            wire.headers = built.http->headers.dump(2);
            wire.body = built.http->body.dump(2, ' ', false, json::error_handler_t::replace);
            wire.envelope = built.http->toJson().dump(2, ' ', false, json::error_handler_t::replace);
            wire.notes = diagnosticLines(built.diagnostics);
        } else {
            wire.refusal = diagnosticRows(built.diagnostics);
            wire.notes = std::string("vgen: ") + dialectName(state.wireTarget) + " cannot express this request";
        }
    }
    state.wire = std::move(wire);
}

void requestChanged(AppState& state) {
    // One parse of the editor's text into the session; the text stays as the person typed it.
    const TextCheck checked = checkText(state.session, state.requestText, state.inputDialect ? dialectName(*state.inputDialect) : "");
    Validation validation;
    validation.exitCode = checked.exitCode;
    validation.dialect = checked.dialectName;
    validation.model = checked.modelLabel;
    validation.rows = diagnosticRows(checked.diagnostics);
    if (validation.rows.empty() && checked.exitCode != 0) validation.rows.push_back({true, "", "unreadable", checked.usageMessage});
    countRows(validation);
    state.validation = std::move(validation);
    if (checked.usable) state.editorDialect = checked.dialect;
    state.editorShowsCanonical = false;
    state.editorRevision = state.session.revision();
    state.requestVersion++;
    requestUpdated(state);
}

void formChanged(AppState& state) {
    chooseEditorDialect(state);
    state.editorRevision = ~uint64_t(0);  // the editor shows the request again, in its dialect
    // The editor's verdict: what reading the rendered text back would say, from the session's cache.
    Validation validation;
    const Diagnostics& found = state.session.diagnostics(state.editorDialect);
    validation.exitCode = hasErrors(found) ? 1 : 0;
    validation.dialect = dialectName(state.editorDialect);
    const Model* model = state.session.model();
    validation.model = model ? model->id : excerpt(state.session.request().modelId());
    validation.rows = diagnosticRows(found);
    countRows(validation);
    state.validation = std::move(validation);
    requestUpdated(state);
}

void setRequestValue(AppState& state, const std::string& canonicalPath, json value) {
    state.session.set(canonicalPath, std::move(value));
    formChanged(state);
}

void clearRequestValue(AppState& state, const std::string& canonicalPath) {
    state.session.clear(canonicalPath);
    state.jsonDrafts.erase(canonicalPath);
    formChanged(state);
}

void applyRequestEdits(AppState& state, const std::vector<MemberEdit>& edits) {
    state.session.applyBatch(edits);
    formChanged(state);
}

void insertPromptTag(AppState& state, const std::string& tag) {
    state.promptCursor = state.session.insertPromptTag(tag, state.promptCursor);
    formChanged(state);
}

const json* requestValue(const AppState& state, const std::string& canonicalPath) {
    return state.session.value(canonicalPath);
}

const ParamSpec* offeredParam(const AppState& state, const std::string& canonicalPath) {
    const ParamSpec* spec = state.selected ? state.selected->param(canonicalPath) : nullptr;
    return spec && spec->unsupported.empty() ? spec : nullptr;
}

std::optional<double> videoSeconds(const AppState& state) {
    if (const json* duration = requestValue(state, "/duration"))
        return duration->is_number() ? std::optional<double>(duration->get<double>()) : std::nullopt;
    const ParamSpec* spec = offeredParam(state, "/duration");
    if (spec && spec->defaultValue.is_number()) return spec->defaultValue.get<double>();
    return std::nullopt;
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
    // The wire preview (and so the default snippet) shows the request Generate sends.
    if (state.wireTarget != state.gateway.dialect) {
        state.wireTarget = state.gateway.dialect;
        wireTargetChanged(state);
    }
    state.dirty = true;
}

void wireTargetChanged(AppState& state) {
    state.wireStale = true;
    state.dirty = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Status for tests
//-----------------------------------------------------------------------------

std::string statusJson(const AppState& state, bool withRequest) {
    // Member by member, not an initializer list (see jobRecordToJson in the core): 6.8 KB less wasm.
    json jobs = json::array();
    for (const JobEntry& entry : state.jobs.entries) {
        const Job& job = entry.job;
        json row;
        row["id"] = entry.localId;
        row["state"] = jobStateName(job.state);
        row["dialect"] = dialectName(job.dialect);
        row["gatewayId"] = job.id;
        row["polls"] = job.pollsMade;
        row["retries"] = entry.retries;
        row["progress"] = job.progress;
        row["resumed"] = entry.resumed;
        row["idempotencyKey"] = entry.idempotencyKey;
        row["waitingForSave"] = entry.waitingForSave;
        row["results"] = entry.results.size();
        row["stored"] = std::count_if(entry.results.begin(), entry.results.end(),
                                      [](const ResultVideo& video) { return video.stored; });
        row["error"] = job.errorMessage;
        jobs.push_back(std::move(row));
    }
    json formPaths = json::array();
    for (const DiagnosticRow& row : state.formCheck.rows) formPaths.push_back(row.path);
    json keptAside = json::array();
    for (const KeptMember& kept : state.session.keptAside()) keptAside.push_back(kept.path);

    json status;
    status["ready"] = true;
    status["models"] = state.catalog->models.size();
    status["visibleRows"] = state.visibleModels.size();
    status["selected"] = state.selected ? state.selected->id : "";
    status["mode"] = modeName(requestMode(state));
    status["dialect"] = state.validation.dialect;
    status["exitCode"] = state.validation.exitCode;
    status["errors"] = state.validation.errors;
    status["warnings"] = state.validation.warnings;
    status["formErrors"] = state.formCheck.errors;
    status["formPaths"] = std::move(formPaths);
    status["canGenerate"] = state.formCheck.blocked.empty();
    status["gatewayDialect"] = dialectName(state.gateway.dialect);
    status["historyLoaded"] = state.jobs.historyLoaded;
    status["historySkipped"] = state.jobs.skippedRecords;
    status["jobs"] = std::move(jobs);
    status["retryAsked"] = state.retryAsked;
    status["shareNote"] = state.shareNote;
    status["toast"] = state.toast;
    status["firstSteps"] = state.firstSteps == FirstSteps::Open ? "open" : state.firstSteps == FirstSteps::Done ? "done" : "unknown";
    status["wireTarget"] = dialectName(state.wireTarget);
    status["wireBuilt"] = state.wire.built;
    status["wireRequestLine"] = state.wire.requestLine;
    status["wireCopied"] = state.wire.copied;
    status["keptAside"] = std::move(keptAside);
    status["requestRevision"] = state.session.revision();
    if (withRequest) {
        status["requestText"] = state.requestText;
        // What Generate sends, as `vgen build` prints it: the editors' tests compare the two.
        status["submit"] = state.formCheck.submit ? state.formCheck.submit->toJson().dump(2) : "";
    }
    return status.dump(-1, ' ', false, json::error_handler_t::replace);  // requestText is typed: never throw on bad UTF-8
}

}  // namespace vg::app
