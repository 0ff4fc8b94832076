// The playground's state and the operations that change it. No ImGui and no browser here: panels
// read this state, call these functions when the user acts, and every rule comes from the core
// (catalog, request session, validation, builders).
//
// One request, one truth: `session` (the core's RequestSession) holds the canonical request the
// form edits and Generate sends, and answers its diagnostics and built requests from caches. The
// JSON editor's `requestText` is a view of it in the editor's dialect, rendered when the editor
// needs it; an editor edit is read into the session once. Each operation updates what depends on
// it, so a panel never sees stale results.
#pragma once

#include "catalog/catalog.h"
#include "creative_state.h"
#include "dialects/dialect.h"
#include "jobs.h"
#include "request/request_session.h"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vg::app {

// What the catalog table shows.
struct CatalogFilter {
    std::string search;              // case-insensitive substring of id, name, vendor or any alias; "" = all
    std::optional<Mode> mode;        // only models offering this mode; nullopt = any
    std::string provider;            // provider namespace ("klingai"); "" = any
    bool audio = false;              // only models that generate audio (generatesAudio); false = any
    std::vector<std::string> offered;  // the only model ids offered (an embedding page's data-models); empty = all
};

// One diagnostic as the core printed it (the vgen --json shape).
struct DiagnosticRow {
    bool error = true;               // false: warning
    std::string path;                // JSON Pointer (into the editor's text, or canonical: see where it is kept)
    std::string code;                // stable snake_case code
    std::string message;
};

// The core's verdict on the editor's request (what `vgen parse` would say of the editor's text).
struct Validation {
    int exitCode = 0;                // vgen contract: 0 valid, 1 invalid, 2 unreadable input
    std::string dialect;             // the dialect used (detected when the selector says auto)
    std::string model;               // the model id the core resolved; "" when none
    std::vector<DiagnosticRow> rows; // paths into the editor's text
    int errors = 0, warnings = 0;
};

// The core's verdict on the session's request for the gateway's dialect: what the form shows at its fields
// and what decides whether Generate is allowed.
struct FormCheck {
    std::vector<DiagnosticRow> rows; // canonical paths ("/duration", "/providerOptions/klingai/cfgScale")
    int errors = 0, warnings = 0;
    std::optional<HttpRequest> submit;  // the request Generate sends; empty when it cannot be built
    std::string blocked;             // why Generate is disabled, in words; "" when it is allowed
};

// The request built for the wire preview's target dialect (what `vgen build` prints).
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

// Where requests go. The API key lives here only: never in history, share links or logs.
struct GatewaySettings {
    bool local = true;                    // serve.py's gateway on this page's origin; false: baseUrl
    std::string baseUrl;                  // "https://gateway.example.com" when !local
    // The wire format the gateway speaks (aisdk has none). Default jobs: it carries every provider's
    // options and answers with a job id at once, so a reload can resume polling.
    Dialect dialect = Dialect::Jobs;
    std::string apiKey;                   // memory only, unless rememberKey
    bool rememberKey = false;             // also keep the key in sessionStorage (this tab only)

    // "" (same origin) or baseUrl without its trailing slashes.
    std::string origin() const;
};

// The first-visit hint ("1 pick a model · 2 write a prompt · 3 Generate"), remembered in browser
// storage: Unknown until storage answers (nothing is shown, so a returning person never sees it flash).
enum class FirstSteps { Unknown, Open, Done };

// A result video's poster frame, as a GL texture (result_posters.h).
struct ResultPoster {
    unsigned texture = 0;       // rows top-down; 0 while loading or when it failed
    int width = 0, height = 0;  // pixels (at most 192 wide)
    bool loading = false;
    std::string problem;        // why there is none ("" when fine)
};

struct AppState {
    const Catalog* catalog = nullptr;
    std::vector<std::string> providers;          // distinct provider namespaces, sorted: the filter's choices

    CatalogFilter filter;
    std::vector<const Model*> visibleModels;     // catalog order, after `filter`
    const Model* selected = nullptr;             // the request's model (form, model panel)

    RequestSession session;                      // the request; see the file comment
    uint64_t exampleRevision = ~uint64_t(0);     // the session's revision when an example filled it: untouched, it gives way to the next model's
    std::map<std::string, std::string> jsonDrafts;  // form fields edited as JSON text, by canonical path
    std::string requestText;                     // the editor's JSON (syncEditorText renders it)
    std::optional<Dialect> inputDialect;         // the editor's dialect; nullopt = detect
    Dialect editorDialect = Dialect::AiSdk;      // the dialect requestText is written in
    bool editorShowsCanonical = false;           // no dialect can carry the request: the text is the canonical body
    uint64_t editorRevision = ~uint64_t(0);      // the session revision requestText shows (typed text is current)
    uint64_t editorPendingRevision = ~uint64_t(0);  // a large text waits for this revision until editorDueAt
    double editorDueAt = 0;                      // seconds (frame time)
    std::string editorNote;                      // why the editor's text is not in its dialect, when not
    Validation validation;
    FormCheck formCheck;
    uint64_t requestVersion = 0;                 // bumped when requestText or formCheck changes: what statusJson republishes

    Dialect wireTarget = Dialect::Jobs;          // the dialect the wire preview builds for: the gateway's (gatewayChanged), or the one picked
    WirePreview wire;                            // rebuilt by refreshWire when `wireStale`
    bool wireStale = true;

    CreativeState creative;                      // the creative editors (Direct tab, media fields)
    size_t promptCursor = std::string::npos;     // byte offset of the prompt field's cursor; npos = end

    GatewaySettings gateway;
    JobBoard jobs;
    std::map<std::string, ResultPoster> posters; // by result key (localId/index): Jobs and History rows (result_posters.h)
    std::string selectedJob;                     // local id of the job whose results are shown
    std::string retryAsked;                      // local id of the job whose Retry asks before a new submission, "" none
    std::set<std::string> loopingVideos;         // result keys ("<localId>/<index>") set to repeat
    std::string theater;                         // the result key shown over the whole page (panel_jobs.cpp drawTheater), "" none
    std::string shareNote;                       // what the share link at load did ("" when none)
    std::string toast;                           // a short confirmation ("share link copied"): app_runtime.h showToast
    FirstSteps firstSteps = FirstSteps::Unknown; // Done once a job is made or the hint is dismissed
    int64_t toastUntilMs = 0;                    // epoch ms when the toast goes

    // Set by every operation that changes what is shown; the frame loop clears it after asking
    // the platform for frames (changes that do not come from input, e.g. a paste or a fetch).
    bool dirty = true;
};

// Loads the catalog, selects its first model and fills the form with that model's example.
void initState(AppState& state, const Catalog& catalog);

// Recomputes visibleModels after the filter changed.
void applyFilter(AppState& state);

// The model can generate an audio track: it has an "/audio" parameter the catalog does not refuse.
bool generatesAudio(const Model& model);
// The canonical `request` asks for its video's sound: its audio member, else its model's default for
// it (a model may make sound unless told not to); false for a model that makes none.
bool asksForSound(const Catalog& catalog, const json& request);

// Shows `model`: a request the person made moves to it (what the model does not take is kept
// aside, session.keptAside()); an untouched example becomes the model's example (text-to-video
// when offered).
void selectModel(AppState& state, const Model& model);

// Replaces the request with the selected model's example for `mode`.
void resetExample(AppState& state, Mode mode);

// After the editor's text or its dialect changed: read it into the session (one parse), check
// it, and update the form and the wire preview.
void requestChanged(AppState& state);
// Renders requestText from the session when an edit elsewhere changed the request (the editor
// panel and the status publisher call it before they read the text). A text of megabytes is
// rendered once the edits pause; `now` is the frame's time in seconds.
void syncEditorText(AppState& state, double now);
// Rebuilds the wire preview when the request or its target changed (the wire panel calls it).
void refreshWire(AppState& state);

// Sets the member at `canonicalPath` ("/providerOptions/klingai/cameraControl"), then formChanged.
// An input only another mode uses (a last frame in image-to-video) moves the request to the mode
// its inputs imply (first-and-last frame).
void setRequestValue(AppState& state, const std::string& canonicalPath, json value);
// Removes the member, and the provider namespace object it leaves empty, then formChanged.
void clearRequestValue(AppState& state, const std::string& canonicalPath);
// Several sets and clears (nullopt) as one edit of the request, then formChanged.
void applyRequestEdits(AppState& state, const std::vector<MemberEdit>& edits);
// Inserts a tag the prompt refers to (character1, <<<voice_1>>>) at the prompt field's cursor
// (prompt_help.h's insertTag), and leaves the cursor after it.
void insertPromptTag(AppState& state, const std::string& tag);
// The value at `canonicalPath`, or nullptr.
const json* requestValue(const AppState& state, const std::string& canonicalPath);
// The selected model's spec for `canonicalPath` when the catalog offers it (has it, not
// `unsupported`); nullptr otherwise. What an editor's "applies" asks.
const ParamSpec* offeredParam(const AppState& state, const std::string& canonicalPath);
// How long the video will last: the request's duration when it is a number, else (none given) the
// model's default when the catalog offers one, which is what the gateway uses; nullopt otherwise.
std::optional<double> videoSeconds(const AppState& state);

// After the form changed the session's request: check it, choose the dialect the editor shows it in,
// and update the form and the wire preview (the editor's text is rendered when next shown).
void formChanged(AppState& state);

// Loads a request written in any dialect (a share link, a history entry) into editor and form.
void loadRequestText(AppState& state, const std::string& text);

// After the gateway's dialect or address changed: recheck the form for it, and point the wire
// preview at the gateway's dialect (what Generate sends).
void gatewayChanged(AppState& state);

// After the wire target changed: rebuild the wire preview only.
void wireTargetChanged(AppState& state);

// The mode the request is in (explicit, else implied by its inputs).
Mode requestMode(const AppState& state);
// The parameter takes part in `mode` (its modes list is empty or names it).
bool usedInMode(const ParamSpec& spec, Mode mode);
// The prompt fields: edited as free text (the prompt, the negative prompt).
bool isPromptText(const ParamSpec& spec);
bool isMediaType(ValueType type);

// The fields the form offers for `model` in `mode`, in the form's groups and order: the panel
// draws them (panels/panel_form.cpp) and the accessible mirror lists them (accessibility.cpp).
struct FormFields {
    std::vector<const ParamSpec*> prompt;      // the prompt, then the negative prompt
    std::vector<const ParamSpec*> inputs;      // media, references
    std::vector<const ParamSpec*> parameters;  // the rest of the canonical members
    std::vector<std::pair<std::string, std::vector<const ParamSpec*>>> providers;  // namespace -> its options
    std::deque<ParamSpec> narrowed;            // the specs above that the gateway's route narrows (they point here)
};
// The selected model's fields in the request's mode, each as the gateway's route takes it: where the
// route has its own limit for a member (the unified route's aspect ratios), what passes both
// (narrowedByRoute, catalog.h). Empty without a selected model.
FormFields formFields(const AppState& state);

// Puts the request in `mode`; members only other modes use (a last frame in text-to-video) are kept
// aside until the request returns to a mode that uses them, then formChanged. The form's mode
// selector and the Direct tab's editors call it.
void changeMode(AppState& state, Mode mode);

// window.__vg's content: counts, the selection, the diagnostics summary and jobs;
// with `withRequest`, also requestText and submit (megabytes with inline media: the caller sends
// them only when requestVersion changed, window.__vg keeps the last ones).
std::string statusJson(const AppState& state, bool withRequest);

}  // namespace vg::app
