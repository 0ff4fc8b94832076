// The accessible mirror: the description web/accessibility.js draws, and the actions it sends back.
#include "accessibility.h"

#include "app_runtime.h"
#include "jobs/job_words.h"
#include "platform/platform_web.h"
#include "request/request_members.h"
#include "ui/model_text.h"

#include "imgui_internal.h"  // ClearActiveID: a canvas text field lets go before a mirror edit

namespace vg::app {

namespace {

constexpr size_t kMirroredJobs = 5;     // the newest jobs, as the Jobs panel shows them first
constexpr size_t kTitlePromptChars = 80;  // bytes of the prompt in a job's title (cut at a character)

// How the mirror edits a field: free text, a pick from a list, a number. Other fields (media,
// objects such as a camera move) are edited in the canvas or the JSON editor.
const char* fieldKind(const ParamSpec& spec) {
    if (!spec.values.empty() || spec.type == ValueType::Boolean) return "choice";
    if (isPromptText(spec) || spec.type == ValueType::String) return "text";
    if (spec.type == ValueType::Integer || spec.type == ValueType::Number) return "number";
    return nullptr;
}

// The first diagnostic the form shows for `path`, "" when none.
std::string problemAt(const AppState& state, const std::string& path) {
    for (const DiagnosticRow& row : state.formCheck.rows)
        if (row.path == path) return row.message;
    return "";
}

json fieldJson(const AppState& state, const ParamSpec& spec, const char* kind) {
    json field;
    field["path"] = spec.path;
    const FieldWords words = fieldWords(spec);
    field["label"] = words.label;
    field["kind"] = kind;
    const json* value = requestValue(state, spec.path);
    field["value"] = value ? *value : json();
    if (std::string_view(kind) == "choice") {
        json options = json::array();
        if (spec.values.empty()) options = {true, false};  // a boolean without an enum
        for (const json& option : spec.values) options.push_back(option);
        field["options"] = std::move(options);
    }
    // Read after the field: what it does, then what it takes ("Allowed: 5 s | 10 s").
    field["allowed"] = (words.meaning.empty() ? "" : words.meaning + ". ") + "Allowed: " + describeAllowed(spec);
    field["problem"] = problemAt(state, spec.path);
    return field;
}

// "Kling 2.6: a red fox runs through snow": the job as a person names it.
std::string jobTitle(const AppState& state, const JobEntry& entry) {
    const auto model = entry.request.find("model");
    const Model* found = model != entry.request.end() && model->is_string()
                             ? state.catalog->resolve(model->get<std::string>()).model : nullptr;
    std::string prompt = requestPromptText(entry.request);
    if (prompt.size() > kTitlePromptChars) {
        size_t cut = kTitlePromptChars;
        while (cut > 0 && (static_cast<unsigned char>(prompt[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        prompt = prompt.substr(0, cut) + "…";
    }
    const std::string name = found ? found->name : "a model";
    return prompt.empty() ? name : name + ": " + prompt;
}

json jobJson(const AppState& state, const JobEntry& entry) {
    json row;
    row["id"] = entry.localId;
    row["title"] = jobTitle(state, entry);
    row["state"] = jobStateName(entry.job.state);
    row["error"] = entry.job.errorMessage;
    json videos = json::array();
    // A data: URL (a gateway that answers with inline video) would copy megabytes into the page
    // once more: those results are played in the Jobs panel only.
    const int offset = web::localOffsetMinutes();
    for (size_t i = 0; i < entry.results.size(); ++i) {
        const ResultVideo& video = entry.results[i];
        if (video.url.empty() || video.url.rfind("data:", 0) == 0) continue;
        json link;
        link["url"] = video.url;
        link["file"] = resultFileName(entry, i, offset);  // what the Jobs panel's Download saves it as
        videos.push_back(std::move(link));
    }
    row["videos"] = std::move(videos);
    return row;
}

// The path of the mirrored field at `path` (a field the mirror shows), or "" for any other path.
std::string mirroredField(const AppState& state, const std::string& path) {
    const FormFields fields = formFields(state);
    for (const auto* group : {&fields.prompt, &fields.parameters})
        for (const ParamSpec* spec : *group)
            if (spec->path == path && fieldKind(*spec)) return spec->path;
    for (const auto& [ns, specs] : fields.providers)
        for (const ParamSpec* spec : specs)
            if (spec->path == path && fieldKind(*spec)) return spec->path;
    return "";
}

}  // namespace

std::string mirrorJson(const AppState& state) {
    json mirror;
    json models = json::array();
    for (const Model* model : state.visibleModels) {
        json entry;
        entry["id"] = model->id;
        entry["name"] = model->name + " by " + model->vendor;
        models.push_back(std::move(entry));
    }
    mirror["models"] = std::move(models);
    mirror["model"] = state.selected ? state.selected->id : "";

    json fields = json::array();
    if (state.selected) {
        const FormFields form = formFields(state);
        auto add = [&](const std::vector<const ParamSpec*>& specs) {
            for (const ParamSpec* spec : specs)
                if (const char* kind = fieldKind(*spec)) fields.push_back(fieldJson(state, *spec, kind));
        };
        add(form.prompt);
        add(form.parameters);
        for (const auto& [ns, specs] : form.providers) add(specs);
    }
    mirror["fields"] = std::move(fields);

    json generate;
    generate["enabled"] = state.formCheck.blocked.empty();
    generate["why"] = state.formCheck.blocked;
    mirror["generate"] = std::move(generate);

    json jobs = json::array();
    for (size_t i = 0; i < state.jobs.entries.size() && i < kMirroredJobs; ++i) jobs.push_back(jobJson(state, state.jobs.entries[i]));
    mirror["jobs"] = std::move(jobs);
    return mirror.dump(-1, ' ', false, json::error_handler_t::replace);  // typed text: never throw on bad UTF-8
}

void mirrorAction(AppState& state, const json& event) {
    const std::string action = event.value("action", "");
    // The person is in the mirror now. A text field still active in the canvas learns that the
    // canvas lost the focus only in the next frame, and letting go then would write its text back
    // over this edit: it lets go now, dropping nothing (the request follows every keystroke).
    ImGui::ClearActiveID();
    if (action == "model") {
        const auto id = event.find("id");
        const Model* model = id != event.end() && id->is_string() ? state.catalog->byId(id->get<std::string>()) : nullptr;
        if (model && model != state.selected) selectModel(state, *model);
    } else if (action == "set") {
        const auto path = event.find("path");
        const auto value = event.find("value");
        if (path == event.end() || !path->is_string() || value == event.end()) return;
        const std::string field = mirroredField(state, path->get<std::string>());
        if (field.empty()) return;
        if (value->is_null()) clearRequestValue(state, field);
        else setRequestValue(state, field, *value);
    } else if (action == "generate") {
        generate(state);
    }
}

}  // namespace vg::app
