// Prompt help; see editor_prompt.h. Screen, top to bottom: the hints for the prompt as it is now,
// the template picker, a field per {name}, the filled-in result (what is still missing), "Use as
// prompt", and the seed's own example of the template.
#include "editors/editor_prompt.h"

#include "app_state.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"

#include "text/prompt_help.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace vg::app {

namespace {

std::string requestText(const AppState& state, const char* path) {
    const json* value = requestValue(state, path);
    return value && value->is_string() ? value->get<std::string>() : "";
}

// One hint, wrapped in the warning colour: an item named `name` ("form:hint:motion") while shown.
void hintLine(const std::string& name, const std::optional<std::string>& hint) {
    if (!hint) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kColorWarning);
    ImGui::TextWrapped("%s", hint->c_str());
    ImGui::PopStyleColor();
    nameLastItem(name.c_str());
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

}  // namespace

bool promptHelpApplies(const AppState& state) { return offeredParam(state, "/prompt") != nullptr; }

void drawPromptHints(const AppState& state, const char* where) {
    const std::string prompt = requestText(state, "/prompt");
    hintLine(std::string(where) + ":hint:motion", promptMotionHint(prompt));
    hintLine(std::string(where) + ":hint:framing", promptFramingHint(prompt, requestText(state, "/aspectRatio")));
}

void drawPromptHelp(AppState& state, const UiLook&) {
    PromptHelper& helper = state.creative.prompt;
    const auto templates = promptTemplates();
    if (templates.empty()) return;
    helper.templateIndex = std::min(helper.templateIndex, templates.size() - 1);

    const std::string prompt = requestText(state, "/prompt");
    if (prompt.empty()) ImGui::TextColored(kColorMuted, "The prompt is empty: start from a template below.");
    drawPromptHints(state, "direct");

    groupHeading("Template");
    const PromptTemplate& chosen = templates[helper.templateIndex];
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##template", std::string(chosen.text).c_str())) {
        for (size_t i = 0; i < templates.size(); ++i) {
            if (ImGui::Selectable(std::string(templates[i].text).c_str(), i == helper.templateIndex)) helper.templateIndex = i;
        }
        ImGui::EndCombo();
    }

    // A field per {name}, labelled with it; the hint is the field's place in the template.
    const std::vector<std::string> names = templateFields(chosen.text);
    float labelWidth = 0;
    for (const std::string& field : names) labelWidth = std::max(labelWidth, ImGui::CalcTextSize(field.c_str()).x);
    labelWidth += ImGui::GetStyle().ItemSpacing.x * 2;
    for (const std::string& field : names) {
        ImGui::PushID(field.c_str());
        const float start = ImGui::GetCursorPosX();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(field.c_str());
        ImGui::SameLine(start + labelWidth);
        ImGui::SetNextItemWidth(-1);
        const std::string hint = "{" + field + "}";
        ImGui::InputTextWithHint(("##template:" + field).c_str(), hint.c_str(), &helper.fields[field]);
        ImGui::PopID();
    }

    const FilledTemplate filled = fillTemplate(chosen.text, helper.fields);
    ImGui::TextColored(kColorMuted, "Result:");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", filled.text.c_str());
    ImGui::BeginDisabled(!filled.missing.empty() || filled.text == prompt);
    if (ImGui::Button("Use as prompt")) {
        state.promptCursor = std::string::npos;  // the old cursor means nothing in the new text
        setRequestValue(state, "/prompt", filled.text);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (!filled.missing.empty()) {
        ImGui::TextColored(kColorMuted, "Fill in: %s", joined(filled.missing).c_str());
    } else if (filled.text == prompt) {
        ImGui::TextColored(kColorValid, "This is the prompt.");
    } else {
        ImGui::TextColored(kColorMuted, prompt.empty() ? "Sets the prompt." : "Replaces the current prompt.");
    }
    if (!chosen.example.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
        ImGui::TextWrapped("Example: %s", std::string(chosen.example).c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace vg::app
