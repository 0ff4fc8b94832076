// The playground's dealings with the browser; see app_runtime.h.
//
// Index
// [SECTION] Persisting and finding jobs
// [SECTION] Driving jobs
// [SECTION] Actions
// [SECTION] Page events
// [SECTION] Start
#include "app_runtime.h"

#include "accessibility.h"

#include "editors/editor_media.h"
#include "input_images.h"
#include "result_posters.h"
#include "ui/text_field.h"
#include "text/json_input.h"
#include "text/json_path.h"
#include "media/local_file.h"
#include "platform/platform_web.h"
#include "api/share_link.h"

#include <algorithm>
#include <utility>

namespace vg::app {

JobEntry* findJob(AppState& state, const std::string& localId) {
    auto found = std::find_if(state.jobs.entries.begin(), state.jobs.entries.end(),
                              [&](const JobEntry& entry) { return entry.localId == localId; });
    return found == state.jobs.entries.end() ? nullptr : &*found;
}

JobEntry* findResult(AppState& state, const std::string& key, size_t& index) {
    const size_t slash = key.rfind('/');
    if (slash == std::string::npos) return nullptr;
    JobEntry* entry = findJob(state, key.substr(0, slash));
    index = static_cast<size_t>(std::atoi(key.c_str() + slash + 1));
    return entry && index < entry->results.size() ? entry : nullptr;
}

namespace {

constexpr const char* kKeyItem = "videogen.apiKey";  // sessionStorage item, only when asked to remember
constexpr const char* kFirstStepsSetting = "firstSteps";  // browser storage setting: "done" once the hint has done its job

//-----------------------------------------------------------------------------
// [SECTION] Persisting and finding jobs
//-----------------------------------------------------------------------------

// The history entry storage.js keeps (web/storage.js): its own summary fields, and under job.poll
// everything this app needs to show and resume the job (the core's job record, never the key).
json historyRecord(const JobEntry& entry) {
    // Member by member, not an initializer list (see jobRecordToJson): 3.9 KB less wasm.
    json resultKeys = json::array();
    for (size_t i = 0; i < entry.results.size(); ++i) resultKeys.push_back(entry.localId + "/" + std::to_string(i));
    json job;
    job["id"] = entry.job.id;
    job["baseUrl"] = entry.baseUrl;
    job["dialect"] = dialectName(entry.job.dialect);
    job["poll"] = jobRecordToJson(entry);
    json record;
    record["requestJson"] = entry.request.dump();
    record["dialect"] = dialectName(entry.job.dialect);
    record["model"] = entry.request.value("model", "");
    record["createdAt"] = entry.createdAt;
    record["status"] = jobStateName(entry.job.state);
    record["job"] = std::move(job);
    record["resultKeys"] = std::move(resultKeys);
    record["error"] = entry.job.errorMessage;
    record["id"] = entry.storageId;
    return record;
}

// Saved on every change while the job runs (so a reload resumes from the latest poll state) and
// once more when it ends (and when its videos are stored).
void persist(JobEntry& entry) {
    if (entry.persistedTerminal) return;
    entry.persistedTerminal = isTerminal(entry.job.state) &&
                              std::all_of(entry.results.begin(), entry.results.end(), [](const ResultVideo& video) {
                                  return video.stored || !video.storeProblem.empty();
                              });
    web::storageCall("putHistory", json::array({historyRecord(entry)}).dump(), entry.localId);
}

// A finished job's videos are copied into browser storage at once, while their links work.
void storeResults(const JobEntry& entry) {
    for (size_t i = 0; i < entry.results.size(); ++i) {
        const ResultVideo& video = entry.results[i];
        if (!video.stored && video.storeProblem.empty() && !video.url.empty()) {
            web::storageCall("putResultFromUrl", json::array({entry.localId, i, video.url}).dump(),
                             entry.localId + "/" + std::to_string(i));
        }
    }
}

// A job about to be submitted is saved first; its submit leaves when storage answers that save
// (historySaved), so the record with its idempotency key is in storage before the request can reach
// the gateway, and a reload at any moment after that finds it.
void saveThenSubmit(AppState& state, JobEntry& entry) {
    entry.waitingForSave = !isTerminal(entry.job.state);
    persist(entry);
    state.dirty = true;
    pumpJobs(state);
}

void addJob(AppState& state, JobEntry entry) {
    state.selectedJob = entry.localId;
    state.jobs.entries.insert(state.jobs.entries.begin(), std::move(entry));
    saveThenSubmit(state, state.jobs.entries.front());
    finishFirstSteps(state);
}

//-----------------------------------------------------------------------------
// [SECTION] Driving jobs
//-----------------------------------------------------------------------------

void onAnswer(AppState& state, const std::string& localId, HttpCall::Kind kind, const HttpAnswer& answer) {
    JobEntry* entry = findJob(state, localId);
    if (!entry) return;  // deleted while its request was on the wire
    if (kind == HttpCall::Kind::Lookup) {
        applyLookupAnswer(*entry, answer, followedJobIds(state.jobs), web::nowMs());
    } else {
        applyAnswer(*entry, kind, answer, web::nowMs());
    }
    if (entry->job.state == JobState::Succeeded) storeResults(*entry);
    persist(*entry);
    state.dirty = true;
    pumpJobs(state);
}

}  // namespace

void showToast(AppState& state, std::string text) {
    state.toast = std::move(text);
    state.toastUntilMs = web::nowMs() + kToastMs;
    state.dirty = true;
}

void pumpJobs(AppState& state) {
    const int64_t now = web::nowMs();
    if (!state.toast.empty() && now >= state.toastUntilMs) {
        state.toast.clear();
        state.dirty = true;
    }
    bool running = false;
    for (JobEntry& entry : state.jobs.entries) {
        const JobState before = entry.job.state;
        if (std::optional<HttpCall> call = dueCall(entry, state.gateway.apiKey, now)) {
            const std::string localId = entry.localId;
            const HttpCall::Kind kind = call->kind;
            web::httpSend(*call, [&state, localId, kind](const HttpAnswer& answer) { onAnswer(state, localId, kind, answer); });
            state.dirty = true;
        }
        if (entry.job.state != before) persist(entry);  // the deadline ended it
        running |= !isTerminal(entry.job.state);
    }
    // The next poll, and meanwhile once a second so elapsed times and countdowns tick.
    int64_t wake = nextDriverWake(state.jobs);
    if (running) wake = wake < 0 ? now + 1000 : std::min(wake, now + 1000);
    if (!state.toast.empty()) wake = wake < 0 ? state.toastUntilMs : std::min(wake, state.toastUntilMs);
    web::wakeAt(wake);
}

//-----------------------------------------------------------------------------
// [SECTION] Actions
//-----------------------------------------------------------------------------

namespace {

// A fresh key for each new submission (Generate, each Compare column, a Retry that asked first):
// one logical submission keeps its key over its attempts, a new one never reuses another's.
std::string newIdempotencyKey(Dialect dialect, const std::string& baseUrl) {
    return sendsIdempotencyKey(dialect, baseUrl) ? web::randomKey() : "";
}

}  // namespace

void generate(AppState& state) {
    if (!state.formCheck.blocked.empty() || !state.formCheck.submit) return;
    const std::string origin = state.gateway.origin();
    addJob(state, makeJob(state.jobs, state.session.body(), state.gateway.dialect, *state.formCheck.submit, origin,
                          newIdempotencyKey(state.gateway.dialect, origin), web::nowMs()));
}

std::string generateGroup(AppState& state, const std::vector<std::pair<json, HttpRequest>>& requests) {
    const int64_t now = web::nowMs();
    const std::string group = "c" + std::to_string(now) + "-" + std::to_string(state.jobs.made);
    for (const auto& [request, submit] : requests) {
        const std::string origin = state.gateway.origin();
        JobEntry entry = makeJob(state.jobs, request, state.gateway.dialect, submit, origin,
                                 newIdempotencyKey(state.gateway.dialect, origin), now);
        entry.group = group;
        addJob(state, std::move(entry));
    }
    return group;
}

void rerunJob(AppState& state, const JobEntry& entry) {
    const JobEntry source = entry;  // `entry` lives in the vector addJob grows
    JobEntry again = makeJob(state.jobs, source.request, source.job.dialect, source.submit, source.baseUrl,
                             newIdempotencyKey(source.job.dialect, source.baseUrl), web::nowMs());
    again.group = source.group;  // a retried comparison column stays in its comparison
    addJob(state, std::move(again));
}

void retryJob(AppState& state, const JobEntry& entry) {
    switch (retryPlan(entry)) {
        case RetryPlan::SameKey:
            if (JobEntry* same = findJob(state, entry.localId)) {
                restartSubmission(*same, web::nowMs());
                state.selectedJob = same->localId;
                saveThenSubmit(state, *same);
            }
            return;
        case RetryPlan::Fresh: rerunJob(state, entry); return;
        case RetryPlan::Ask: state.retryAsked = entry.localId; state.dirty = true; return;
    }
}

void answerRetryQuestion(AppState& state, bool submitAgain) {
    const std::string localId = std::exchange(state.retryAsked, std::string());
    state.dirty = true;
    if (const JobEntry* entry = submitAgain ? findJob(state, localId) : nullptr) rerunJob(state, *entry);
}

void cancelJob(AppState& state, const std::string& localId) {
    if (JobEntry* entry = findJob(state, localId)) {
        entry->job = cancel(std::move(entry->job), web::nowMs());
        persist(*entry);
        state.dirty = true;
    }
}

void deleteJob(AppState& state, const std::string& localId) {
    auto& entries = state.jobs.entries;
    if (const JobEntry* entry = findJob(state, localId))
        web::storageCall("deleteHistory", json::array({entry->storageId}).dump(), localId);
    entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const JobEntry& entry) { return entry.localId == localId; }),
                  entries.end());
    if (state.selectedJob == localId) state.selectedJob.clear();
    forgetResultPosters(state, localId);
    state.dirty = true;
}

void editJob(AppState& state, const JobEntry& entry) {
    state.session.reset(entry.request);
    state.jsonDrafts.clear();
    formChanged(state);
}

void finishFirstSteps(AppState& state) {
    if (state.firstSteps == FirstSteps::Done) return;
    state.firstSteps = FirstSteps::Done;
    web::storageCall("putSetting", json::array({kFirstStepsSetting, "done"}).dump(), "");
    state.dirty = true;
}

void gatewaySettingsChanged(AppState& state) {
    web::sessionSet(kKeyItem, state.gateway.rememberKey ? state.gateway.apiKey : "");
    gatewayChanged(state);
}

void copyShareLink(AppState& state) {
    const ShareLink link = encodeShareLink(state.requestText);
    if (!link.error.empty()) {
        showToast(state, link.error);
    } else {
        web::copyToClipboard(web::pageUrlWithoutHash() + link.fragment);
        showToast(state, "share link copied");
    }
    state.dirty = true;
}

void chooseFileFor(const std::string& canonicalPath, ValueType type) {
    const char* accept = type == ValueType::Video ? "video/*" : type == ValueType::Audio ? "audio/*" : "image/*";
    web::chooseFile(canonicalPath, accept);
}

//-----------------------------------------------------------------------------
// [SECTION] Page events
//-----------------------------------------------------------------------------

namespace {

// History from browser storage: entries this page does not have yet, newest first; the unfinished
// ones are followed again (their poll state was saved with them), and results a closed page had not
// stored yet are stored now.
void historyLoaded(AppState& state, const json& result) {
    const int64_t now = web::nowMs();
    const json noEntries = json::array();
    auto listed = result.find("entries");
    const json& records = listed != result.end() && listed->is_array() ? *listed : noEntries;
    std::vector<std::string>& skipped = state.jobs.skippedRecords;
    skipped.clear();
    for (const json& record : records) {
        const json* poll = record.is_object() ? findAt(record, "/job/poll") : nullptr;
        JobRecordReading reading = readJobRecord(poll ? *poll : json());
        if (!reading.record) {
            const json* id = record.is_object() ? findAt(record, "/id") : nullptr;
            skipped.push_back((id ? "entry " + id->dump() + ": " : "") + reading.problem);
            continue;
        }
        JobEntry entry = entryFromHistory(std::move(*reading.record));
        if (findJob(state, entry.localId)) continue;
        const json* storageId = findAt(record, "/id");
        entry.storageId = storageId && storageId->is_number_integer() ? storageId->get<int64_t>() : 0;
        if (!isTerminal(entry.job.state)) {
            resumeAfterReload(entry, now);
            persist(entry);
        } else if (entry.job.state == JobState::Succeeded) {
            storeResults(entry);  // the page closed before its copies were made: try again while the links work
        }
        state.jobs.entries.push_back(std::move(entry));
    }
    auto& entries = state.jobs.entries;
    std::stable_sort(entries.begin(), entries.end(), [](const JobEntry& a, const JobEntry& b) { return a.createdAt > b.createdAt; });
    state.jobs.historyLoaded = true;
    if (state.selectedJob.empty() && !entries.empty()) state.selectedJob = entries.front().localId;
    if (!skipped.empty()) {
        // Said at once in the header; the History panel keeps the list (panel_history.cpp).
        showToast(state, "history: skipped " + std::to_string(skipped.size()) + " stored job" +
                      (skipped.size() == 1 ? "" : "s") + " that could not be read");
    }
    if (const json* error = findAt(result, "/error"); error && error->is_string())
        showToast(state, "history: " + error->get<std::string>());
    pumpJobs(state);
}

// A save that failed (storage full, private browsing) is said once in the header. The first answer
// for a job waiting to be submitted lets its submit leave: written, or not writable at all (then a
// reload loses the job whatever happens, and holding the submit back would lose it now).
void historySaved(AppState& state, const std::string& localId, const json& result) {
    if (result.contains("error")) showToast(state, "history: " + result.value("error", ""));
    JobEntry* entry = findJob(state, localId);
    if (entry && entry->waitingForSave) {
        entry->waitingForSave = false;
        pumpJobs(state);
    }
}

// storage.js says why a download failed in words ("... (HTTP 410 Gone)"); the status in them
// lets the core turn a 410 into Expired.
int httpStatusIn(const std::string& message) {
    const size_t at = message.find("HTTP ");
    return at == std::string::npos ? 0 : std::atoi(message.c_str() + at + 5);
}

void resultStored(AppState& state, const std::string& key, const json& result) {
    size_t index = 0;
    JobEntry* entry = findResult(state, key, index);
    if (!entry) return;
    ResultVideo& video = entry->results[index];
    if (!result.contains("error")) {
        video.stored = true;
    } else {
        video.storeProblem = result.value("error", "");
        const int status = httpStatusIn(video.storeProblem);
        if (status == 410) entry->job = onContentResponse(std::move(entry->job), status, json(), web::nowMs());
    }
    persist(*entry);
}

// The local gateway's answer to an upload: its URL goes into the field (unless another file or an
// edit replaced the upload meanwhile).
void mediaUploaded(AppState& state, const std::string& path, int id, const std::string& modelId, const HttpAnswer& answer) {
    MediaEditor& media = state.creative.media;
    auto upload = media.uploads.find(path);
    if (upload == media.uploads.end() || upload->second.id != id) return;
    const std::string name = upload->second.name;
    media.uploads.erase(upload);
    if (!state.selected || state.selected->id != modelId) return;  // another model's request now
    const JsonInput body = parseJsonInput(answer.body, answerJsonLimits());
    const bool ok = answer.status == 201 && !body.error && body.value.is_object() && body.value.value("url", "") != "";
    if (ok) {
        setRequestValue(state, path, body.value.value("url", ""));
        media.notes[path] = {modelId, name + " was uploaded to this server, which serves it at that URL.", false};
    } else {
        std::string why = answer.status == 0 ? answer.networkError : "HTTP " + std::to_string(answer.status);
        if (!body.error && body.value.is_object() && body.value.contains("error") && body.value["error"].is_object())
            why += ": " + body.value["error"].value("message", "");
        media.notes[path] = {modelId, "Could not upload " + name + " (" + why + "). Host it yourself and paste its URL.", true};
    }
    state.dirty = true;
}

// POST /v1/uploads on the local gateway (serve.py) with the file's bytes.
void uploadMediaFile(AppState& state, const std::string& path, const std::string& name, const LocalFileValue& file) {
    MediaEditor& media = state.creative.media;
    const int id = media.nextUpload++;
    media.uploads[path] = {name, file.bytes.size(), id};
    HttpCall call;
    call.method = "POST";
    call.url = state.gateway.origin() + "/v1/uploads";
    call.headers = {{"Content-Type", file.mimeType.empty() ? "application/octet-stream" : file.mimeType}};
    if (!state.gateway.apiKey.empty()) call.headers.emplace_back("Authorization", "Bearer " + state.gateway.apiKey);
    call.body.assign(file.bytes.begin(), file.bytes.end());
    const std::string modelId = state.selected->id;
    web::httpSend(call, [&state, path, id, modelId](const HttpAnswer& answer) { mediaUploaded(state, path, id, modelId, answer); });
}

// A file the picker, a drop or a paste delivered (platform_web.h's "file" event), put in the media
// field it is for in the form the field takes for this model and gateway (the core's local_file.h):
// inline as a data URL or raw base64, or uploaded to the local gateway for a field that takes URLs
// only. A link dropped from another page goes in as it is. What happened is said under the field.
void fileChosen(AppState& state, const json& event) {
    const std::string name = event.value("name", std::string("the file"));
    const std::string path = state.selected ? mediaFieldFor(state, event) : "";
    if (path.empty()) {
        showToast(state, "no media field to put " + name + " in: open the Form of a model that takes an image or video");
        return;
    }
    MediaEditor& media = state.creative.media;
    media.uploads.erase(path);
    media.notes.erase(path);
    const auto note = [&](std::string text, bool problem) { media.notes[path] = {state.selected->id, std::move(text), problem}; };
    if (event.contains("problem")) {
        note("Could not read " + name + ": " + event.value("problem", ""), true);
        return;
    }
    if (event.contains("url")) {
        setRequestValue(state, path, event.value("url", ""));
        return;
    }
    const AcceptedForms forms = acceptedForms(*state.catalog, *state.selected, dialectName(state.gateway.dialect), path);
    LocalFileValue file = localFileValue(event.value("dataUrl", ""), forms);
    if (!file.problem.empty()) {
        note("Could not use " + name + ": " + file.problem, true);
    } else if (file.use == FileUse::DataUrl) {
        setRequestValue(state, path, std::move(file.value));
        note(name + ", sent inline as a data URL.", false);
    } else if (file.use == FileUse::RawBase64) {
        setRequestValue(state, path, std::move(file.value));
        note(name + ", sent inline as raw base64 (" + state.selected->name + " takes no data: prefix here).", false);
    } else if (!state.gateway.local) {
        note(state.selected->name + " takes a URL here, not the file itself: put " + name +
                 " where the provider can fetch it and paste its link (only the local gateway can host files).", true);
    } else {
        uploadMediaFile(state, path, name, file);
    }
}

}  // namespace

void handleEvent(AppState& state, const std::string& jsonObject) {
    const JsonInput input = parseJsonInput(jsonObject, answerJsonLimits());  // may carry a chosen file
    if (input.error || !input.value.is_object()) return;
    const json& event = input.value;
    const std::string type = event.value("type", "");
    if (type == "storage") {
        const std::string call = event.value("call", ""), tag = event.value("tag", "");
        const json result = event.value("result", json::object());
        if (call == "listHistory") historyLoaded(state, result);
        if (call == "putHistory") historySaved(state, tag, result);
        if (call == "putResultFromUrl") resultStored(state, tag, result);
        // No storage (an error) shows the hint: it then lasts until a job is made or it is dismissed.
        if (call == "getSetting" && state.firstSteps == FirstSteps::Unknown)
            state.firstSteps = result.value("value", json()) == "done" ? FirstSteps::Done : FirstSteps::Open;
    } else if (type == "file") {
        fileChosen(state, event);
    } else if (type == "drag") {
        mediaDragged(state, event);
    } else if (type == "image") {
        inputImageLoaded(state, event);
    } else if (type == "poster") {
        resultPosterLoaded(state, event);
    } else if (type == "mirror") {
        mirrorAction(state, event);
    } else if (type == "text" || type == "text-key") {
        if (textFieldEvent(event) == TextFieldAction::Generate) generate(state);
    }
    state.dirty = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Start
//-----------------------------------------------------------------------------

namespace {

// An embedding page's settings (embed.js: ?gateway=, ?dialect=, ?models=).
void applyPageSettings(AppState& state) {
    const std::string gateway = web::queryParam("gateway");
    if (!gateway.empty()) {
        state.gateway.local = false;
        state.gateway.baseUrl = gateway;
    }
    if (std::optional<Dialect> dialect = dialectByName(web::queryParam("dialect"))) state.gateway.dialect = *dialect;
    const std::string models = web::queryParam("models");
    for (size_t start = 0; start < models.size();) {
        const size_t comma = std::min(models.find(',', start), models.size());
        if (const Model* model = state.catalog->resolve(models.substr(start, comma - start)).model)
            state.filter.offered.push_back(model->id);
        start = comma + 1;
    }
    applyFilter(state);
    if (!state.visibleModels.empty() && std::find(state.visibleModels.begin(), state.visibleModels.end(), state.selected) ==
                                            state.visibleModels.end()) {
        selectModel(state, *state.visibleModels.front());
    }
    gatewayChanged(state);
}

}  // namespace

void startRuntime(AppState& state) {
    state.gateway.apiKey = web::sessionGet(kKeyItem);
    state.gateway.rememberKey = !state.gateway.apiKey.empty();
    applyPageSettings(state);

    const SharedRequest shared = decodeShareFragment(web::locationHash());
    if (shared.present && shared.error.empty()) {
        loadRequestText(state, shared.requestJson);
        state.shareNote = "Opened the request from the share link (read as " + state.validation.dialect + ").";
    } else if (shared.present) {
        state.shareNote = "The share link could not be opened: " + shared.error;
    }
    web::storageCall("listHistory", "[{}]", "");
    web::storageCall("getSetting", json::array({kFirstStepsSetting}).dump(), "");
}

}  // namespace vg::app
