// Operations on the playground's state; see app_state.h.
//
// Index
// [SECTION] Catalog filter
// [SECTION] Selection and example
// [SECTION] Validation and wire preview (through the core's text API)
// [SECTION] Status for tests
#include "app_state.h"

#include "api.h"
#include "request_example.h"

#include <algorithm>
#include <cctype>
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
        if (mentions(model, needle)) state.visibleModels.push_back(&model);
    }
    state.dirty = true;
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
    state.exampleMode = defaultExampleMode(model);
    resetExample(state);
}

void resetExample(AppState& state) {
    if (!state.selected) return;
    ExampleText example = exampleForDialect(*state.selected, state.exampleMode, state.inputDialect.value_or(Dialect::AiSdk),
                                            *state.catalog);
    state.requestText = std::move(example.text);
    state.exampleNote = std::move(example.note);
    // When the example had to fall back to another dialect, validate it as what it is.
    if (state.inputDialect && *state.inputDialect != example.dialect) state.inputDialect = example.dialect;
    requestChanged(state);
}

//-----------------------------------------------------------------------------
// [SECTION] Validation and wire preview (through the core's text API)
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

}  // namespace

void requestChanged(AppState& state) {
    Validation validation;
    const ApiResult result = apiValidate(state.requestText, dialectArgument(state.inputDialect), true);
    validation.exitCode = result.exitCode;
    const json output = parseOutput(result.output);
    if (output.is_object()) {
        validation.dialect = output.value("dialect", "");
        validation.model = output.value("model", "");
        validation.rows = diagnosticRows(output.value("diagnostics", json::array()));
    }
    if (validation.rows.empty() && result.exitCode != 0) {
        validation.rows.push_back({true, "", "unreadable", result.notes.empty() ? result.output : result.notes});
    }
    for (const DiagnosticRow& row : validation.rows) (row.error ? validation.errors : validation.warnings)++;
    state.validation = std::move(validation);
    rebuildWire(state);
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
    return json{{"ready", true},
                {"models", state.catalog->models.size()},
                {"visibleRows", state.visibleModels.size()},
                {"selected", state.selected ? state.selected->id : ""},
                {"dialect", state.validation.dialect},
                {"exitCode", state.validation.exitCode},
                {"errors", state.validation.errors},
                {"warnings", state.validation.warnings},
                {"wireTarget", dialectName(state.wireTarget)},
                {"wireBuilt", state.wire.built},
                {"wireRequestLine", state.wire.requestLine},
                {"wireCopied", state.wire.copied},
                {"rects", rects}}
        .dump();
}

}  // namespace vg::app
