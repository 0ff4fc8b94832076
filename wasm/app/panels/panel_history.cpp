// History panel: every job kept in this browser (IndexedDB), newest first, surviving reloads:
// re-run it, load it into the form to edit and re-run, or delete it (with its stored videos).
// The selected entry's videos play below, from the stored copy when the gateway link expired.
#include "app_runtime.h"
#include "panels/panels.h"
#include "platform/platform_web.h"
#include "ui/ui_widgets.h"

#include "imgui.h"

#include <ctime>
#include <string>

namespace vg::app {

namespace {

std::string clockTime(int64_t epochMs) {
    const std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
    char text[32];
    std::strftime(text, sizeof text, "%m-%d %H:%M:%S", std::localtime(&seconds));
    return text;
}

enum class Action { None, Rerun, Edit, Delete };

Action drawHistoryRow(AppState& state, const UiLook& look, const JobEntry& entry) {
    const ImVec2 poster = posterCellSize(look);
    ImGui::TableNextRow(ImGuiTableRowFlags_None, poster.y);
    ImGui::TableNextColumn();
    drawPosterCell(state, entry, poster);
    ImGui::TableNextColumn();
    if (ImGui::Selectable(clockTime(entry.createdAt).c_str(), state.selectedJob == entry.localId,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap)) {
        state.selectedJob = entry.localId;
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(entry.request.value("model", "?").c_str());
    ImGui::TableNextColumn();
    const std::string prompt = entry.request.value("prompt", "");
    ImGui::TextUnformatted(prompt.c_str());
    if (!prompt.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", prompt.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(dialectName(entry.job.dialect));
    ImGui::TableNextColumn();
    const JobState jobState = entry.job.state;
    ImGui::TextColored(jobState == JobState::Succeeded ? kColorValid
                       : jobState == JobState::Failed || jobState == JobState::Expired ? kColorError
                                                                                       : kColorMuted,
                       "%s", jobStateName(jobState));
    if (!entry.job.errorMessage.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", entry.job.errorMessage.c_str());
    ImGui::TableNextColumn();
    Action action = Action::None;
    if (inlineButton("Re-run", look)) action = Action::Rerun;
    ImGui::SameLine();
    if (inlineButton("Edit", look)) action = Action::Edit;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Load this request into the form, change it, then Generate");
    ImGui::SameLine();
    if (inlineButton("Delete", look)) action = Action::Delete;
    return action;
}

}  // namespace

void drawHistoryPanel(AppState& state, const UiLook& look) {
    auto& entries = state.jobs.entries;
    if (!state.jobs.historyLoaded) {
        ImGui::TextColored(kColorMuted, "Reading history from this browser...");
        return;
    }
    for (const std::string& why : state.jobs.skippedRecords) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorWarning);
        ImGui::TextWrapped("A stored job could not be read and is not listed: %s", why.c_str());
        ImGui::PopStyleColor();
    }
    if (entries.empty()) {
        ImGui::TextColored(kColorMuted, "No history yet: every job you generate is kept here, in this browser.");
        return;
    }
    const JobEntry* selected = nullptr;
    for (const JobEntry& entry : entries) {
        if (entry.localId == state.selectedJob) selected = &entry;
    }
    const bool hasResults = selected && !selected->results.empty();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    // Acted on after the table: re-run adds an entry and delete removes one.
    std::string actedOn;
    Action action = Action::None;
    const WideTable wide = wideTable(look);
    if (ImGui::BeginTable("history", 7, flags | wide.flags,
                          ImVec2(0, hasResults ? ImGui::GetContentRegionAvail().y * 0.38f : 0.0f), wide.innerWidth)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Video", ImGuiTableColumnFlags_WidthFixed, posterCellSize(look).x);
        ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, dp(look, 104));
        ImGui::TableSetupColumn("Model", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("Prompt", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Dialect", ImGuiTableColumnFlags_WidthFixed, dp(look, 70));
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, dp(look, 70));
        const ImGuiStyle& style = ImGui::GetStyle();
        const float actions = ImGui::CalcTextSize("Re-runEditDelete").x + style.FramePadding.x * 6 + style.ItemSpacing.x * 2;
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, actions);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(entries.size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                ImGui::PushID(row);
                const JobEntry& entry = entries[static_cast<size_t>(row)];
                if (const Action pressed = drawHistoryRow(state, look, entry); pressed != Action::None) {
                    action = pressed;
                    actedOn = entry.localId;
                }
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (hasResults) drawJobResults(state, look, *selected);
    for (const JobEntry& entry : entries) {
        if (entry.localId != actedOn) continue;
        if (action == Action::Rerun) rerunJob(state, entry);
        if (action == Action::Edit) editJob(state, entry);
        if (action == Action::Delete) deleteJob(state, actedOn);
        break;
    }
}

}  // namespace vg::app
