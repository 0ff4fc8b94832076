// Jobs panel: the jobs of this page (and the unfinished ones a reload resumed) in a clipped table:
// status, progress, elapsed time, polls made, retries, the next poll or the failure in words, cancel
// and retry. Under it, the selected job's videos: <video> elements the platform lays over the
// rectangles drawn here (hidden while a popup is open, since a <video> always draws above the canvas).
#include "app_runtime.h"
#include "jobs/job_words.h"
#include "panels/panels.h"
#include "platform/platform_web.h"
#include "result_posters.h"
#include "gfx/gl_preview.h"
#include "ui/ui_widgets.h"
#include "ui/video_box.h"

#include "imgui.h"

#include <algorithm>
#include <string>

namespace vg::app {

namespace {

ImVec4 stateColor(JobState state) {
    switch (state) {
        case JobState::Succeeded: return kColorValid;
        case JobState::Failed:
        case JobState::Expired: return kColorError;
        case JobState::Cancelled: return kColorMuted;
        default: return kColorAccent;
    }
}

// The largest size of the shape `aspect` (width / height) that fits in `room`.
ImVec2 fitShape(float aspect, ImVec2 room) {
    return room.x / aspect <= room.y ? ImVec2(room.x, room.x / aspect) : ImVec2(room.y * aspect, room.y);
}

std::string jobTitle(const JobEntry& entry) {
    std::string title = entry.request.value("model", "?");
    const std::string prompt = entry.request.value("prompt", "");
    if (!prompt.empty()) title += ": " + prompt;
    return title;
}

// Returns true when Retry was pressed (the caller re-runs after the table: a new job grows the list).
bool drawJobRow(AppState& state, const UiLook& look, const JobEntry& entry, int64_t now) {
    const Job& job = entry.job;
    const ImVec2 poster = posterCellSize(look);
    ImGui::TableNextRow(ImGuiTableRowFlags_None, poster.y);
    ImGui::TableNextColumn();
    drawPosterCell(state, entry, poster);
    ImGui::TableNextColumn();
    const std::string title = jobTitle(entry);
    if (ImGui::Selectable(title.c_str(), state.selectedJob == entry.localId,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap)) {
        state.selectedJob = entry.localId;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s via %s%s", title.c_str(), entry.localId.c_str(), dialectName(job.dialect),
                                                  job.id.empty() ? "" : (", gateway id " + job.id).c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(stateColor(job.state), "%s", jobStateName(job.state));
    ImGui::TableNextColumn();
    const float fraction = job.progress >= 0 ? static_cast<float>(job.progress) / 100.0f : 0.0f;
    const std::string progress = job.progress >= 0 ? std::to_string(job.progress) + "%" : "-";
    ImGui::ProgressBar(fraction, ImVec2(-1, ImGui::GetTextLineHeight()), progress.c_str());  // a row's height, not a frame's
    ImGui::TableNextColumn();
    const int64_t end = isTerminal(job.state) && job.finishedAt >= 0 ? job.finishedAt : now;
    ImGui::TextUnformatted(describeSeconds(end - job.submittedAt).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", job.pollsMade);
    ImGui::TableNextColumn();
    if (entry.retries > 0) ImGui::TextColored(kColorWarning, "%d", entry.retries); else ImGui::TextUnformatted("0");
    ImGui::TableNextColumn();
    const std::string words = describeJob(entry, now);
    const bool failed = job.state == JobState::Failed || job.state == JobState::Expired;
    ImGui::TextColored(failed ? kColorError : !job.lastTransientError.empty() ? kColorWarning : kColorMuted, "%s", words.c_str());
    if (!words.empty() && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextUnformatted(words.c_str());
        if (!job.errorCode.empty()) ImGui::TextColored(kColorMuted, "code: %s", job.errorCode.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ImGui::TableNextColumn();
    if (!isTerminal(job.state)) {
        if (inlineButton("Cancel", look)) cancelJob(state, entry.localId);
    } else if (job.state != JobState::Succeeded) {
        return inlineButton("Retry", look);
    }
    return false;
}

}  // namespace

ImVec2 posterCellSize(const UiLook& look) { return ImVec2(dp(look, 64), dp(look, 36)); }

void drawPosterCell(AppState& state, const JobEntry& entry, ImVec2 size) {
    const ResultPoster* poster = resultPoster(state, entry);
    if (!poster || !poster->texture || poster->width <= 0 || poster->height <= 0) {
        ImGui::Dummy(size);
        if (poster && !poster->problem.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("No picture: %s", poster->problem.c_str());
        return;
    }
    const ImVec2 shown = fitShape(static_cast<float>(poster->width) / static_cast<float>(poster->height), size);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (size.x - shown.x) * 0.5f);
    textureImage(poster->texture, shown);
    nameLastItem(("poster###poster:" + entry.localId).c_str());
}

void drawJobResults(AppState& state, const UiLook& look, const JobEntry& entry) {
    const float aspect = requestAspect(entry.request);
    const bool sound = asksForSound(*state.catalog, entry.request);
    const float captionHeight = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() * 2;
    const float boxHeight = std::max(dp(look, 90), ImGui::GetContentRegionAvail().y - captionHeight);
    const ImVec2 box = fitShape(aspect, ImVec2(ImGui::GetContentRegionAvail().x, boxHeight));
    for (size_t i = 0; i < entry.results.size(); ++i) {
        const ResultVideo& video = entry.results[i];
        const std::string key = entry.localId + "/" + std::to_string(i);
        if (i > 0) ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushID(static_cast<int>(i));
        videoBox(look, key, video.url, video.stored, state.loopingVideos.count(key) > 0, sound, box);
        const std::string clock = web::videoClock(key);
        ImGui::TextColored(kColorMuted, "%s", clock.empty() ? "loading..." : clock.c_str());
        if (sound) {
            // The request asked for audio: say so, since a video's own controls show sound only on hover.
            ImGui::SameLine();
            ImGui::TextColored(kColorAccent, "with sound");
            nameLastItem("with sound###sound-badge");
        }
        if (inlineButton("Download", look))
            web::downloadVideo(key, video.url, resultFileName(entry, i, web::localOffsetMinutes()));
        sameLineIfRoom(buttonWidth("Theater"));
        if (inlineButton("Theater", look)) state.theater = key;
        sameLineIfRoom(buttonWidth("Copy link"));
        ImGui::BeginDisabled(video.url.empty() || video.url.rfind("data:", 0) == 0);
        if (inlineButton("Copy link", look)) {
            web::copyToClipboard(video.url.rfind("/", 0) == 0 ? web::pageUrlWithoutHash() + video.url.substr(1) : video.url);
            showToast(state, "video link copied");
        }
        ImGui::EndDisabled();
        sameLineIfRoom(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("Loop").x);
        bool loop = state.loopingVideos.count(key) > 0;
        if (ImGui::Checkbox("Loop", &loop)) {
            if (loop) state.loopingVideos.insert(key); else state.loopingVideos.erase(key);
        }
        sameLineIfRoom(ImGui::CalcTextSize("saved in this browser").x);
        if (video.stored) {
            ImGui::TextColored(kColorValid, "saved in this browser");
        } else if (!video.storeProblem.empty()) {
            ImGui::TextColored(kColorWarning, "not saved");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", video.storeProblem.c_str());
        } else {
            ImGui::TextColored(kColorMuted, "saving...");
        }
        ImGui::PopID();
        ImGui::EndGroup();
    }
}

bool drawTheater(AppState& state, const UiLook& look) {
    if (state.theater.empty()) return false;
    size_t index = 0;
    const JobEntry* entry = findResult(state, state.theater, index);
    if (!entry) {  // deleted meanwhile
        state.theater.clear();
        return false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("Theater", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const bool close = ImGui::Button("Close (Esc)") || ImGui::IsKeyPressed(ImGuiKey_Escape, false);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kColorMuted, "%s", requestPromptText(entry->request).c_str());
    if (close) {
        state.theater.clear();
        state.dirty = true;  // the panels come back next frame
        ImGui::End();
        return true;
    }
    // As large as the window takes at the request's shape, centred (the element keeps the video's
    // own shape inside it: object-fit contain).
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const ImVec2 size = fitShape(requestAspect(entry->request), room);
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (room.x - size.x) / 2, ImGui::GetCursorPosY() + (room.y - size.y) / 2));
    const ResultVideo& video = entry->results[index];
    videoBox(look, state.theater, video.url, video.stored, state.loopingVideos.count(state.theater) > 0,
             asksForSound(*state.catalog, entry->request), size);
    nameLastItem("###theater-video");
    ImGui::End();
    return true;
}

void drawRetryQuestion(AppState& state, const UiLook& look) {
    constexpr const char* kPopup = "Submit again?###retry-question";
    if (state.retryAsked.empty()) return;
    const JobEntry* asked = findJob(state, state.retryAsked);
    if (!asked) {  // deleted meanwhile: nothing left to ask
        answerRetryQuestion(state, false);
        return;
    }
    if (!ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
    ImGui::SetNextWindowSize(ImVec2(dp(look, 440), 0));
    if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::TextWrapped("%s", retryQuestion(*asked).c_str());
    ImGui::Spacing();
    const bool again = ImGui::Button("Submit again as a new job");
    ImGui::SameLine();
    const bool cancelled = ImGui::Button("Cancel");
    if (again || cancelled) {
        ImGui::CloseCurrentPopup();
        answerRetryQuestion(state, again);
    }
    ImGui::EndPopup();
}

void drawJobsPanel(AppState& state, const UiLook& look) {
    std::vector<const JobEntry*> shown;
    for (const JobEntry& entry : state.jobs.entries) {
        if (!entry.fromHistory || entry.resumed) shown.push_back(&entry);
    }
    if (shown.empty()) {
        ImGui::TextColored(kColorMuted, "No jobs yet: fill the form and press Generate (or Ctrl+Enter).");
        ImGui::TextColored(kColorMuted, "Past jobs are in History.");
        return;
    }
    const int64_t now = web::nowMs();
    const JobEntry* selected = nullptr;
    for (const JobEntry* entry : shown) {
        if (entry->localId == state.selectedJob) selected = entry;
    }
    const bool hasResults = selected && !selected->results.empty();
    // With results below it, the table takes what its rows need, at most 38 % of the panel: the
    // rest is the result's, as large as the panel leaves it (a single job's table is a header and a
    // row, and its 9:16 video twice the height it had under a table of fixed size).
    const ImGuiStyle& style = ImGui::GetStyle();
    const float rowsHeight = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y +
                             static_cast<float>(shown.size()) * (posterCellSize(look).y + 2 * style.CellPadding.y) + dp(look, 4);
    const float tableHeight = hasResults ? std::min(ImGui::GetContentRegionAvail().y * 0.38f, rowsHeight) : 0.0f;
    const JobEntry* retry = nullptr;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    const WideTable wide = wideTable(look);
    if (ImGui::BeginTable("jobs", 9, flags | wide.flags, ImVec2(0, tableHeight), wide.innerWidth)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Video", ImGuiTableColumnFlags_WidthFixed, posterCellSize(look).x);
        ImGui::TableSetupColumn("Request", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, dp(look, 74));
        ImGui::TableSetupColumn("Progress", ImGuiTableColumnFlags_WidthFixed, dp(look, 70));
        ImGui::TableSetupColumn("Elapsed", ImGuiTableColumnFlags_WidthFixed, dp(look, 56));
        ImGui::TableSetupColumn("Polls", ImGuiTableColumnFlags_WidthFixed, dp(look, 38));
        ImGui::TableSetupColumn("Retries", ImGuiTableColumnFlags_WidthFixed, dp(look, 48));
        ImGui::TableSetupColumn("Next / outcome", ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("Cancel").x + ImGui::GetStyle().FramePadding.x * 2 + dp(look, 4));
        ImGui::TableHeadersRow();
        // Only the rows on screen are laid out: 50 jobs cost what 10 do.
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(shown.size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                ImGui::PushID(row);
                if (drawJobRow(state, look, *shown[static_cast<size_t>(row)], now)) retry = shown[static_cast<size_t>(row)];
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (hasResults) drawJobResults(state, look, *selected);
    if (retry) retryJob(state, *retry);
}

}  // namespace vg::app
