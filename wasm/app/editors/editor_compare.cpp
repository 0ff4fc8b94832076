// Compare tab; see editor_compare.h. Top to bottom as on screen: the models with the core's verdict
// for this request and the send button, then the chosen comparison (which one, when there are
// several), its columns (progress while running, the video when done, the error when not), and the
// bar that plays, pauses and seeks every video at once.
//
// Index
// [SECTION] Verdicts (through the core)
// [SECTION] Choosing models and sending
// [SECTION] The comparison
// [SECTION] Status for tests
#include "editors/editor_compare.h"

#include "app_runtime.h"
#include "app_state.h"
#include "framing.h"
#include "platform/platform_web.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"
#include "ui/video_box.h"
#include "request/validate.h"

#include "imgui.h"

#include <algorithm>
#include <string>

namespace vg::app {

namespace {

// A string member of a request, "" when absent or not a string (a request being typed can hold anything).
std::string textAt(const json& request, const char* member) {
    const auto found = request.find(member);
    return found != request.end() && found->is_string() ? found->get<std::string>() : "";
}

// The job's model for people ("Kling 2.6"); its id when the catalog does not know it.
std::string modelName(const AppState& state, const JobEntry& entry) {
    const std::string id = textAt(entry.request, "model");
    const Model* model = state.catalog->byId(id);
    return model ? model->name : id;
}

//-----------------------------------------------------------------------------
// [SECTION] Verdicts (through the core)
//-----------------------------------------------------------------------------

CompareVerdict checkModel(const AppState& state, const Model& model) {
    CompareVerdict verdict;
    verdict.model = &model;
    verdict.request = state.session.body();
    verdict.request["model"] = model.id;
    Request request;
    request.body = verdict.request;
    const char* dialect = dialectName(state.gateway.dialect);
    for (const Diagnostic& d : validateRequest(request, *state.catalog, dialect)) {
        if (d.severity == Severity::Warning) {
            verdict.warnings.push_back(d.message);
        } else if (verdict.problem.empty()) {
            verdict.problem = d.message;
        }
    }
    if (!verdict.problem.empty()) return verdict;
    BuildOutcome built = buildRequest(state.gateway.dialect, request, *state.catalog);
    if (built.http) {
        verdict.submit = std::move(built.http);
    } else {
        verdict.problem = built.diagnostics.empty() ? std::string("the ") + dialect + " dialect cannot carry this request"
                                                    : built.diagnostics.front().message;
    }
    return verdict;
}

// Why no model can be sent anything now, whatever the model (the reasons Generate has that do not
// depend on the model); "" when sending is possible.
std::string sendBlocked(const AppState& state) {
    if (state.validation.exitCode == 2) return "the JSON editor's text is not a request the core can read";
    if (!state.gateway.local && state.gateway.origin().empty()) return "enter the gateway's base URL (Gateway settings)";
    if (state.gateway.dialect == Dialect::AiSdk) return "aisdk is the AI SDK's call options, not a gateway: choose the gateway's dialect";
    return "";
}

// Checks every catalog model again when the request or the gateway changed since the last check.
void refreshVerdicts(AppState& state) {
    CompareBoard& board = state.creative.compare;
    const std::string key = std::to_string(state.session.revision()) + "\n" + dialectName(state.gateway.dialect) + "\n" + state.gateway.origin();
    if (key == board.checkedFor) return;
    board.checkedFor = key;
    board.blocked = sendBlocked(state);
    board.verdicts.clear();
    for (const Model& model : state.catalog->models) board.verdicts.push_back(checkModel(state, model));
    std::stable_partition(board.verdicts.begin(), board.verdicts.end(),
                          [](const CompareVerdict& verdict) { return verdict.problem.empty(); });
    state.dirty = true;
}

const CompareVerdict* verdictFor(const CompareBoard& board, const std::string& modelId) {
    for (const CompareVerdict& verdict : board.verdicts) {
        if (verdict.model->id == modelId) return &verdict;
    }
    return nullptr;
}

// The chosen models that can take the request, in the order they were ticked.
std::vector<const CompareVerdict*> sendable(const CompareBoard& board) {
    std::vector<const CompareVerdict*> ready;
    for (const std::string& id : board.chosen) {
        const CompareVerdict* verdict = verdictFor(board, id);
        if (verdict && verdict->submit) ready.push_back(verdict);
    }
    return ready;
}

//-----------------------------------------------------------------------------
// [SECTION] Choosing models and sending
//-----------------------------------------------------------------------------

void drawModelRow(AppState& state, const CompareVerdict& verdict) {
    CompareBoard& board = state.creative.compare;
    const std::string& id = verdict.model->id;
    const auto found = std::find(board.chosen.begin(), board.chosen.end(), id);
    bool chosen = found != board.chosen.end();
    const bool full = board.chosen.size() >= kCompareMax;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(id.c_str());
    // A ticked model can always be unticked, even when the request changed under it; an unticked one
    // can be ticked only when it can take the request and there is room.
    ImGui::BeginDisabled(!chosen && (!verdict.problem.empty() || full));
    if (ImGui::Checkbox((verdict.model->name + "###compare:" + id).c_str(), &chosen)) {
        if (chosen) board.chosen.push_back(id); else board.chosen.erase(found);
        state.dirty = true;
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        if (!chosen && verdict.problem.empty() && full) {
            ImGui::SetTooltip("%s\nAt most %d models: untick one first.", id.c_str(), static_cast<int>(kCompareMax));
        } else {
            ImGui::SetTooltip("%s", id.c_str());
        }
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    if (!verdict.problem.empty()) {
        ImGui::TextColored(kColorError, "%s", verdict.problem.c_str());
    } else if (!verdict.warnings.empty()) {
        ImGui::TextColored(kColorValid, "ok");
        ImGui::SameLine();
        ImGui::TextColored(kColorWarning, "(%d note%s)", static_cast<int>(verdict.warnings.size()), verdict.warnings.size() == 1 ? "" : "s");
    } else {
        ImGui::TextColored(kColorValid, "ok");
    }
    if (ImGui::IsItemHovered() && (!verdict.problem.empty() || !verdict.warnings.empty())) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        if (!verdict.problem.empty()) ImGui::TextUnformatted(verdict.problem.c_str());
        for (const std::string& warning : verdict.warnings) ImGui::TextUnformatted(warning.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void drawModelPicker(AppState& state, float height) {
    CompareBoard& board = state.creative.compare;
    const std::vector<const CompareVerdict*> ready = sendable(board);
    const std::string label = "Send to " + std::to_string(ready.size()) + " model" + (ready.size() == 1 ? "" : "s") + "###compare-send";
    ImGui::BeginDisabled(ready.empty() || !board.blocked.empty());
    if (ImGui::Button(label.c_str())) {
        std::vector<std::pair<json, HttpRequest>> requests;
        for (const CompareVerdict* verdict : ready) requests.emplace_back(verdict->request, *verdict->submit);
        board.shownGroup = generateGroup(state, requests);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    const size_t unable = board.chosen.size() - ready.size();
    if (!board.blocked.empty()) {
        ImGui::TextColored(kColorError, "Not yet: %s", board.blocked.c_str());
    } else if (unable > 0) {
        ImGui::TextColored(kColorWarning, "%d ticked model%s cannot take this request: untick %s or change the request",
                           static_cast<int>(unable), unable == 1 ? "" : "s", unable == 1 ? "it" : "them");
    } else {
        ImGui::TextColored(kColorMuted, "The form's request, to up to %d models at once (%d ticked).", static_cast<int>(kCompareMax),
                           static_cast<int>(board.chosen.size()));
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("compare-models", 2, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Model", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("This request, for the gateway", ImGuiTableColumnFlags_WidthStretch, 2.6f);
        ImGui::TableHeadersRow();
        for (const CompareVerdict& verdict : board.verdicts) drawModelRow(state, verdict);
        ImGui::EndTable();
        nameLastItem("compare:models");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The comparison
//-----------------------------------------------------------------------------

// Compare groups in the jobs (this page's and history's), newest first.
std::vector<std::string> compareGroups(const AppState& state) {
    std::vector<std::string> groups;
    for (const JobEntry& entry : state.jobs.entries) {
        if (!entry.group.empty() && std::find(groups.begin(), groups.end(), entry.group) == groups.end()) groups.push_back(entry.group);
    }
    return groups;
}

// One column per model of the group, in the order sent; a retried model shows its newest job.
std::vector<const JobEntry*> groupColumns(const AppState& state, const std::string& group) {
    std::vector<const JobEntry*> columns;
    for (auto it = state.jobs.entries.rbegin(); it != state.jobs.entries.rend(); ++it) {  // oldest first
        if (it->group != group) continue;
        const std::string model = textAt(it->request, "model");
        auto same = std::find_if(columns.begin(), columns.end(),
                                 [&](const JobEntry* column) { return textAt(column->request, "model") == model; });
        if (same != columns.end()) *same = &*it; else columns.push_back(&*it);
    }
    return columns;
}

std::string groupLabel(const AppState& state, const std::string& group, int64_t now) {
    const std::vector<const JobEntry*> columns = groupColumns(state, group);
    std::string label = "sent " + describeSeconds(now - columns.front()->createdAt) + " ago:";
    for (const JobEntry* column : columns) {
        label += " " + modelName(state, *column) + (column == columns.back() ? "" : ",");
    }
    return label;
}

// One line of text cut at `width`, so a long name or clock never widens its column.
void clippedText(const std::string& text, const ImVec4& color, float width) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 end(at.x + width, at.y + ImGui::GetTextLineHeight());
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(at, end, true);
    draw->AddText(at, ImGui::GetColorU32(color), text.c_str());
    draw->PopClipRect();
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(text.c_str()).x > width) ImGui::SetTooltip("%s", text.c_str());
}

// One model's column. Returns true when Retry was pressed (the caller re-runs after the columns).
bool drawColumn(AppState& state, const UiLook& look, const JobEntry& entry, float width, float videoHeight, int64_t now) {
    const Job& job = entry.job;
    clippedText(modelName(state, entry), kColorAccent, width);
    if (job.state == JobState::Succeeded && !entry.results.empty()) {
        const std::string key = entry.localId + "/0";
        const ResultVideo& video = entry.results.front();
        // Muted: columns playing together would talk over each other; each video's own control unmutes it.
        videoBox(look, key, video.url, video.stored, state.loopingVideos.count(key) > 0, false, ImVec2(width, videoHeight));
        const std::string clock = web::videoClock(key);
        clippedText(clock.empty() ? "loading..." : clock, kColorMuted, width);
        return false;
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    if (!isTerminal(job.state)) {
        const float fraction = job.progress >= 0 ? static_cast<float>(job.progress) / 100.0f : 0.0f;
        const std::string overlay = std::string(jobStateName(job.state)) + (job.progress >= 0 ? " " + std::to_string(job.progress) + "%" : "");
        ImGui::ProgressBar(fraction, ImVec2(width, 0), overlay.c_str());
        ImGui::TextColored(kColorMuted, "%s", describeJob(entry, now).c_str());
        if (ImGui::SmallButton("Cancel")) cancelJob(state, entry.localId);
    } else {
        ImGui::TextColored(job.state == JobState::Cancelled ? kColorMuted : kColorError, "%s: %s", jobStateName(job.state),
                           describeJob(entry, now).c_str());
    }
    ImGui::PopTextWrapPos();
    return isTerminal(job.state) && ImGui::SmallButton("Retry");
}

// Play/pause, the time (dragging seeks every video) and Loop, for the group's videos.
void drawPlaybackBar(AppState& state, const std::vector<std::string>& keys) {
    const web::VideoTime leader = web::videoTime(keys.front());
    double longest = 0;
    for (const std::string& key : keys) longest = std::max(longest, web::videoTime(key).duration);
    state.creative.compare.playing = !leader.paused;
    if (ImGui::Button(leader.paused ? "Play all###compare-play" : "Pause all###compare-play"))
        web::controlVideos(keys, leader.paused ? "play" : "pause");
    ImGui::SameLine();
    bool loop = std::all_of(keys.begin(), keys.end(), [&](const std::string& key) { return state.loopingVideos.count(key) > 0; });
    const float loopWidth = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("Loop").x;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - loopWidth - ImGui::GetStyle().ItemSpacing.x);
    float time = static_cast<float>(leader.current);
    ImGui::BeginDisabled(!leader.ready);
    if (ImGui::SliderFloat("##compare-seek", &time, 0.0f, static_cast<float>(longest), "%.1f s")) web::controlVideos(keys, "seek", time);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Checkbox("Loop###compare-loop", &loop)) {
        for (const std::string& key : keys) {
            if (loop) state.loopingVideos.insert(key); else state.loopingVideos.erase(key);
        }
    }
}

void drawComparison(AppState& state, const UiLook& look) {
    CompareBoard& board = state.creative.compare;
    const std::vector<std::string> groups = compareGroups(state);
    if (groups.empty()) {
        ImGui::TextColored(kColorMuted, "Tick up to %d models and send: their videos play here side by side, in step.",
                           static_cast<int>(kCompareMax));
        return;
    }
    if (std::find(groups.begin(), groups.end(), board.shownGroup) == groups.end()) board.shownGroup = groups.front();
    const int64_t now = web::nowMs();
    if (groups.size() > 1) {
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##compare-group", groupLabel(state, board.shownGroup, now).c_str())) {
            for (const std::string& group : groups) {
                if (ImGui::Selectable(groupLabel(state, group, now).c_str(), group == board.shownGroup)) board.shownGroup = group;
            }
            ImGui::EndCombo();
        }
    }
    const std::vector<const JobEntry*> columns = groupColumns(state, board.shownGroup);
    // The videos that play together: every column's but a failed one's. Finished ones wait (paused)
    // for those still running, so all start together.
    std::vector<std::string> keys;
    bool allDone = true;
    for (const JobEntry* column : columns) {
        const bool video = column->job.state == JobState::Succeeded && !column->results.empty();
        if (isTerminal(column->job.state) && !video) continue;
        keys.push_back(column->localId + "/0");
        allDone = allDone && video;
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float count = static_cast<float>(columns.size());
    const float width = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x * (count - 1)) / count;
    // Under the video: its clock, then the bar; over it, the model's name.
    const float reserved = ImGui::GetTextLineHeightWithSpacing() * 2 + ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y;
    const float videoHeight = std::max(dp(look, 40), std::min(width / requestAspect(columns.front()->request),
                                                               ImGui::GetContentRegionAvail().y - reserved));
    const JobEntry* retry = nullptr;
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushID(columns[i]->localId.c_str());
        if (drawColumn(state, look, *columns[i], width, videoHeight, now)) retry = columns[i];
        ImGui::PopID();
        ImGui::EndGroup();
    }
    if (!keys.empty()) web::syncVideos(keys);  // after placing them: the elements exist
    board.playing = false;
    if (!keys.empty() && allDone) drawPlaybackBar(state, keys);
    if (retry) retryJob(state, *retry);
}

//-----------------------------------------------------------------------------
// [SECTION] Status for tests
//-----------------------------------------------------------------------------

// window.__vg.compare: the verdicts, what each ticked model would be sent (as `vgen build` prints
// it), and the shown comparison's columns.
void publishCompareStatus(AppState& state) {
    CompareBoard& board = state.creative.compare;
    json verdicts = json::object(), submits = json::object(), columns = json::array();
    for (const CompareVerdict& verdict : board.verdicts) verdicts[verdict.model->id] = verdict.problem.empty() ? "ok" : verdict.problem;
    for (const CompareVerdict* verdict : sendable(board)) submits[verdict->model->id] = verdict->submit->toJson().dump(2);
    // Member by member, not initializer lists (see jobRecordToJson): smaller wasm.
    for (const JobEntry* column : board.shownGroup.empty() ? std::vector<const JobEntry*>{} : groupColumns(state, board.shownGroup)) {
        json& shown = columns.emplace_back();
        shown["model"] = textAt(column->request, "model");
        shown["job"] = column->localId;
        shown["state"] = jobStateName(column->job.state);
        shown["progress"] = column->job.progress;
        shown["key"] = column->results.empty() ? "" : column->localId + "/0";
    }
    json status;
    json& compare = status["compare"];
    compare["chosen"] = board.chosen;
    compare["blocked"] = board.blocked;
    compare["verdicts"] = std::move(verdicts);
    compare["submits"] = std::move(submits);
    compare["group"] = board.shownGroup;
    compare["columns"] = std::move(columns);
    compare["playing"] = board.playing;
    std::string text = status.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text == board.published) return;
    web::publishStatus(text);
    board.published = std::move(text);
}

}  // namespace

void drawComparePanel(AppState& state, const UiLook& look) {
    refreshVerdicts(state);
    const bool hasComparison = !compareGroups(state).empty();
    // Negative: the rest but the hint's line under it.
    const float listHeight = hasComparison ? ImGui::GetContentRegionAvail().y * 0.34f : -ImGui::GetTextLineHeightWithSpacing();
    drawModelPicker(state, listHeight);
    drawComparison(state, look);
    publishCompareStatus(state);
}

}  // namespace vg::app
