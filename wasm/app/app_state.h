// The playground's state and the operations that change it. No ImGui here: panels read this state,
// call these functions when the user acts, and every rule comes from the core (catalog, apiValidate,
// apiBuild). Each operation recomputes what depends on it, so a panel never sees stale results.
#pragma once

#include "catalog.h"
#include "dialect.h"

#include <optional>
#include <string>
#include <vector>

namespace vg::app {

// What the catalog table shows.
struct CatalogFilter {
    std::string search;              // case-insensitive substring of id, name, vendor or any alias; "" = all
    std::optional<Mode> mode;        // only models offering this mode; nullopt = any
    std::string provider;            // provider namespace ("klingai"); "" = any
};

// One diagnostic as the core printed it (the vgen --json shape).
struct DiagnosticRow {
    bool error = true;               // false: warning
    std::string path;                // JSON Pointer into the editor's text
    std::string code;                // stable snake_case code
    std::string message;
};

// The result of vg::apiValidate on the editor's text.
struct Validation {
    int exitCode = 0;                // vgen contract: 0 valid, 1 invalid, 2 unreadable input
    std::string dialect;             // the dialect used (detected when the selector says auto)
    std::string model;               // the model id the core resolved; "" when none
    std::vector<DiagnosticRow> rows;
    int errors = 0, warnings = 0;
};

// The result of vg::apiBuild for the wire preview's target dialect.
struct WirePreview {
    bool built = false;              // false: `refusal` (or `notes`) says why
    std::string requestLine;         // "POST /v1/videos"
    std::string headers;             // pretty JSON
    std::string body;                // pretty JSON
    std::string envelope;            // {method, path, headers, body}: what Copy puts on the clipboard
    std::vector<DiagnosticRow> refusal;
    std::string notes;               // the core's notes for people: why it failed, fields a dialect dropped
    bool copied = false;             // Copy was pressed since this preview was built
};

// A screen rectangle in CSS pixels, published for browser tests (window.__vg.rects).
struct CssRect {
    float x = 0, y = 0, width = 0, height = 0;
};

struct AppState {
    const Catalog* catalog = nullptr;
    std::vector<std::string> providers;          // distinct provider namespaces, sorted: the filter's choices

    CatalogFilter filter;
    std::vector<const Model*> visibleModels;     // catalog order, after `filter`
    const Model* selected = nullptr;             // the model whose parameters and example are shown

    Mode exampleMode = Mode::T2V;                // the mode the editor's example is made for
    std::string requestText;                     // the editor's JSON
    std::optional<Dialect> inputDialect;         // the editor's dialect; nullopt = detect
    std::string exampleNote;                     // how the example was made, when not as asked
    Validation validation;

    Dialect wireTarget = Dialect::Gateway;       // the dialect the wire preview builds for
    WirePreview wire;

    // Rectangles of controls tests need to click (search box, editor, copy button), by name.
    std::vector<std::pair<std::string, CssRect>> rects;
    // Set by every operation that changes what is shown; the frame loop clears it after asking
    // the platform for frames (changes that do not come from input, e.g. a paste or a fetch).
    bool dirty = true;
};

// Loads the catalog, selects its first model and fills the editor with that model's example.
void initState(AppState& state, const Catalog& catalog);

// Recomputes visibleModels after the filter changed.
void applyFilter(AppState& state);

// Shows `model` and replaces the editor's text with its example (in its default mode) written in
// the editor's dialect.
void selectModel(AppState& state, const Model& model);

// Replaces the editor's text with the selected model's example for state.exampleMode.
void resetExample(AppState& state);

// After an edit or a dialect change: validate, then rebuild the wire preview.
void requestChanged(AppState& state);

// After the wire target changed: rebuild the wire preview only.
void wireTargetChanged(AppState& state);

// Remembers where a control is, for tests; replaces an earlier rectangle of the same name.
void recordRect(AppState& state, const std::string& name, CssRect rect);

// window.__vg's content: counts, the selection, the diagnostics summary and the rectangles.
std::string statusJson(const AppState& state);

}  // namespace vg::app
