// Kling multi-shot storyboard editor; see editor_storyboard.h. Screen, top to bottom: what the
// storyboard is, the on/off switch, one row per shot (handle, order, duration, prompt), the sum of
// the durations against the video's, and the actions that make them agree.
#include "editors/editor_storyboard.h"

#include "app_state.h"
#include "ui/text_field.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"

#include "text/json_path.h"
#include "request/rules.h"
#include "storyboard.h"

#include "imgui.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace vg::app {

namespace {

// Where the model's catalog entry puts the multi-shot members (seed 001's multiPrompt, multiShot,
// shotType): the shots share the video's duration by its rule, the list requires the flag, and the
// shot type sits beside them in the provider's options. All "" without such a model.
struct ShotPaths {
    std::string options;  // the provider's options object the three live in
    std::string list;
    std::string flag;
    json flagValue;       // what the list requires of the flag (true)
    std::string type;
};

ShotPaths shotPaths(const AppState& state) {
    ShotPaths paths;
    if (!state.selected) return paths;
    paths.list = shotListPath(*state.selected);
    if (paths.list.empty()) return paths;
    paths.options = paths.list.substr(0, paths.list.rfind('/'));
    if (const std::optional<Requirement> needs = requirementOf(*state.selected, paths.list)) {
        paths.flag = needs->path;
        paths.flagValue = needs->value;
    }
    paths.type = providerOptionPath(*state.selected, "shotType");
    return paths;
}
constexpr const char* kShotPayload = "VG_SHOT";  // ImGui drag-and-drop payload type: an int index

// A shot's duration as the request holds it: a string of whole seconds ("4"), or a number typed in
// the JSON editor. Anything else reads as 0, which the sum and the core's diagnostics then show.
int secondsIn(const json& value) {
    if (value.is_number_integer()) return value.get<int>();
    if (value.is_number()) return static_cast<int>(std::lround(value.get<double>()));
    if (!value.is_string()) return 0;
    const std::string& text = value.get_ref<const std::string&>();
    int seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    return error == std::errc() && end == text.data() + text.size() ? seconds : 0;
}

std::vector<Shot> shotsIn(const json& list) {
    std::vector<Shot> shots;
    for (const json& item : list) {
        Shot shot;
        if (item.is_object()) {
            if (item.contains("prompt") && item["prompt"].is_string()) shot.prompt = item["prompt"].get<std::string>();
            if (item.contains("duration")) shot.durationSeconds = secondsIn(item["duration"]);
        }
        shots.push_back(std::move(shot));
    }
    return shots;
}

// Whether the catalog lets the video last `seconds` (its list of values, else its range).
bool durationAllowed(const ParamSpec& spec, int seconds) {
    if (!spec.values.empty())
        return std::any_of(spec.values.begin(), spec.values.end(), [&](const json& v) { return v.is_number() && v.get<double>() == seconds; });
    return (!spec.min || seconds >= *spec.min) && (!spec.max || seconds <= *spec.max);
}

int sumOf(const std::vector<Shot>& shots) {
    int sum = 0;
    for (const Shot& shot : shots) sum += shot.durationSeconds;
    return sum;
}

// Multi-shot on: two shots sharing the video's duration (one when it is a single second), with
// multiShot and, where the catalog has it, shotType (its one value, "customize": custom durations).
void turnOn(AppState& state, int totalSeconds) {
    std::vector<Shot> shots(totalSeconds >= 2 ? 2 : 1);
    balanceShotDurations(shots, totalSeconds);
    const ShotPaths paths = shotPaths(state);
    const json* current = requestValue(state, paths.options);
    json options = current && current->is_object() ? *current : json::object();
    if (!paths.flag.empty()) options[pointerLeaf(paths.flag)] = paths.flagValue.is_null() ? json(true) : paths.flagValue;
    if (const ParamSpec* shotType = offeredParam(state, paths.type); shotType && !shotType->values.empty())
        options[pointerLeaf(paths.type)] = shotType->values.front();
    options[pointerLeaf(paths.list)] = multiPromptJson(shots);
    setRequestValue(state, paths.options, std::move(options));
}

// Multi-shot off removes every member it added; the video goes back to the single prompt.
void turnOff(AppState& state) {
    const ShotPaths paths = shotPaths(state);
    for (const std::string& path : {paths.list, paths.type, paths.flag})
        if (!path.empty() && requestValue(state, path)) clearRequestValue(state, path);
}

// A new shot gets the mean duration of the others, then all are fitted to the video's duration,
// so the person's proportions are kept.
void addShot(std::vector<Shot>& shots, int totalSeconds) {
    const int mean = shots.empty() ? 1 : std::max(1, sumOf(shots) / static_cast<int>(shots.size()));
    shots.push_back({"", mean});
    balanceShotDurations(shots, totalSeconds);
}

// A shot's prompt typed in its text field (ui/text_field.h: it comes between frames): written into
// the request's list of shots as the request holds it then.
void setShotPrompt(AppState& state, const std::string& listPath, size_t index, const std::string& prompt) {
    const json* list = requestValue(state, listPath);
    if (!list || !list->is_array()) return;
    std::vector<Shot> shots = shotsIn(*list);
    if (index >= shots.size()) return;
    shots[index].prompt = prompt;
    setRequestValue(state, listPath, multiPromptJson(shots));
}

// One shot: a drag handle, its number, up/down, its duration with -/+, remove, then its prompt.
// Returns true when it changed `shots` (the caller writes them back and draws the rest next frame).
bool shotRow(AppState& state, const UiLook& look, const std::string& listPath, std::vector<Shot>& shots, size_t index,
             std::optional<int> total) {
    Shot& shot = shots[index];
    bool changed = false;
    ImGui::PushID(static_cast<int>(index));
    ImGui::BeginGroup();

    ImGui::Button("::");
    if (ImGui::IsItemHovered() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) ImGui::SetTooltip("Drag onto another shot to move it there");
    if (ImGui::BeginDragDropSource()) {
        const int from = static_cast<int>(index);
        ImGui::SetDragDropPayload(kShotPayload, &from, sizeof from);
        ImGui::Text("Shot %d", from + 1);
        ImGui::EndDragDropSource();
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kColorAccent, "Shot %zu", index + 1);

    ImGui::SameLine(0, dp(look, 12));
    ImGui::BeginDisabled(index == 0);
    if (ImGui::ArrowButton("up", ImGuiDir_Up)) changed = moveShot(shots, index, index - 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(index + 1 == shots.size());
    if (ImGui::ArrowButton("down", ImGuiDir_Down)) changed = moveShot(shots, index, index + 1);
    ImGui::EndDisabled();

    ImGui::SameLine(0, dp(look, 12));
    ImGui::BeginDisabled(shot.durationSeconds <= 1);
    if (ImGui::Button("-")) {
        shot.durationSeconds -= 1;
        changed = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextColored(shot.durationSeconds > 0 ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : kColorError, "%d s", shot.durationSeconds);
    ImGui::SameLine();
    ImGui::BeginDisabled(total && shot.durationSeconds >= *total);
    if (ImGui::Button("+")) {
        shot.durationSeconds = std::max(shot.durationSeconds, 0) + 1;
        changed = true;
    }
    ImGui::EndDisabled();

    ImGui::SameLine(0, dp(look, 12));
    ImGui::BeginDisabled(shots.size() == 1);
    if (ImGui::Button("Remove")) {
        shots.erase(shots.begin() + static_cast<std::ptrdiff_t>(index));
        if (total) balanceShotDurations(shots, *total);
        changed = true;
    }
    ImGui::EndDisabled();
    if (shots.size() == 1 && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("A storyboard keeps at least one shot: turn multi-shot off instead");

    if (!changed) {
        TextFieldSpec field;
        field.label = "Shot " + std::to_string(index + 1) + " prompt";
        field.placeholder = "what happens in shot " + std::to_string(index + 1);
        field.maxHeight = ImGui::GetTextLineHeight() * 4 + ImGui::GetStyle().FramePadding.y * 2;
        textField(look, "##prompt", shot.prompt, ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight()), field,
                  [&state, listPath, index](const std::string& prompt) { setShotPrompt(state, listPath, index, prompt); });
    }
    ImGui::EndGroup();

    if (!changed && ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kShotPayload)) {
            const int from = *static_cast<const int*>(payload->Data);
            changed = from >= 0 && moveShot(shots, static_cast<size_t>(from), index);
        }
        ImGui::EndDragDropTarget();
    }
    ImGui::PopID();
    return changed;
}

// The sum of the shots against the video's duration, and the two ways to make them agree.
void durationSummary(AppState& state, std::vector<Shot>& shots, std::optional<int> total) {
    const int sum = sumOf(shots);
    if (!total) {
        ImGui::TextColored(kColorWarning, "Shots add up to %d s; set the video's duration (Form) to compare.", sum);
        return;
    }
    if (sum == *total) {
        ImGui::TextColored(kColorValid, "Shots add up to %d s, the video's duration.", sum);
        return;
    }
    ImGui::TextColored(kColorError, "Shots add up to %d s but the video lasts %d s: they must be equal.", sum, *total);
    ImGui::BeginDisabled(static_cast<size_t>(*total) < shots.size());
    const std::string fit = "Fit the shots to " + std::to_string(*total) + " s###fit";
    if (ImGui::Button(fit.c_str()) && balanceShotDurations(shots, *total)) setRequestValue(state, shotPaths(state).list, multiPromptJson(shots));
    ImGui::EndDisabled();
    if (static_cast<size_t>(*total) < shots.size() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%zu shots need at least %zu s: remove shots or lengthen the video", shots.size(), shots.size());
    const ParamSpec* duration = offeredParam(state, "/duration");
    if (duration && durationAllowed(*duration, sum)) {
        ImGui::SameLine();
        const std::string lengthen = "Make the video " + std::to_string(sum) + " s###set-duration";
        if (ImGui::Button(lengthen.c_str())) setRequestValue(state, "/duration", sum);
    }
}

}  // namespace

bool storyboardApplies(const AppState& state) { return offeredParam(state, shotPaths(state).list) != nullptr; }

void drawStoryboardEditor(AppState& state, const UiLook& look) {
    const ShotPaths paths = shotPaths(state);
    const json* list = requestValue(state, paths.list);
    const json* flag = paths.flag.empty() ? nullptr : requestValue(state, paths.flag);
    const bool on = list || (flag && *flag == true);
    const std::optional<double> seconds = videoSeconds(state);
    const std::optional<int> total = seconds ? std::optional<int>(static_cast<int>(std::lround(*seconds))) : std::nullopt;
    mutedText("One video told in several shots, each with its own prompt and duration; the durations add up to "
          "the video's.");

    bool wanted = on;
    ImGui::BeginDisabled(!on && (!total || *total < 1));
    const bool toggled = ImGui::Checkbox("Multi-shot", &wanted);
    ImGui::EndDisabled();
    if (toggled) {
        if (wanted) turnOn(state, *total); else turnOff(state);
        return;
    }
    if (!on) {
        if (!total) mutedText("Set the video's duration in the Form first: the shots share it.");
        return;
    }
    if (list && !list->is_array()) {
        ImGui::TextColored(kColorError, "multiPrompt is not a list of shots: fix it in the JSON editor, or turn multi-shot off.");
        return;
    }

    std::vector<Shot> shots = list ? shotsIn(*list) : std::vector<Shot>{};
    for (size_t i = 0; i < shots.size(); ++i) {
        if (shotRow(state, look, paths.list, shots, i, total)) {
            setRequestValue(state, paths.list, multiPromptJson(shots));
            return;  // the rows below would draw the old shots: the next frame draws the new ones
        }
        ImGui::Spacing();
    }

    const bool room = total && static_cast<size_t>(*total) > shots.size();
    ImGui::BeginDisabled(!room);
    const bool add = ImGui::Button("Add shot");
    ImGui::EndDisabled();
    if (add) {
        addShot(shots, *total);
        setRequestValue(state, paths.list, multiPromptJson(shots));
        return;
    }
    if (!room && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Every shot lasts at least 1 s: a %d s video has room for %d shots", total.value_or(0), total.value_or(0));
    ImGui::SameLine();
    durationSummary(state, shots, total);
}

}  // namespace vg::app
