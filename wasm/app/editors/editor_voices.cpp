// Kling voices and elements editors; see editor_voices.h. Screen, top to bottom: a conflict to
// settle (both lists present), the voices (audio requirement, one row per voice with its prompt tag,
// the "add" row, the prompt as it reads now), the elements (one JSON object per row, the "add" row),
// and the question asked when an addition would remove the other list.
//
// Index
// [SECTION] Catalog reads
// [SECTION] Changes
// [SECTION] Voices
// [SECTION] Elements
// [SECTION] The editor
#include "editors/editor_voices.h"

#include "app_state.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"

#include "text/json_input.h"
#include "text/prompt_help.h"
#include "request/rules.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <cstdint>
#include <algorithm>
#include <optional>
#include <string>

namespace vg::app {

namespace {

constexpr const char* kConfirmPopup = "Voices or elements?";

//-----------------------------------------------------------------------------
// [SECTION] Catalog reads
//-----------------------------------------------------------------------------

// The two lists, where the model's catalog entry puts them: the voice list its prompt tags count
// in, and the elements in the model's provider options ("" without a model: nothing applies).
std::string voiceList(const AppState& state) { return state.selected ? voiceListPath(*state.selected) : ""; }
std::string elementList(const AppState& state) {
    return state.selected ? providerOptionPath(*state.selected, "elementList") : "";
}

bool requirementMet(const AppState& state, const Requirement& requirement) {
    const json* value = requestValue(state, requirement.path);
    return value && (requirement.value.is_null() || *value == requirement.value);
}

// The model has an "exclusive" rule that keeps `a` from `b`.
bool excludes(const Model& model, const std::string& a, const std::string& b) {
    const std::vector<Exclusion> exclusions = exclusionsOf(model, a);
    return std::any_of(exclusions.begin(), exclusions.end(), [&](const Exclusion& exclusion) { return exclusion.path == b; });
}

size_t countOf(const json* list) { return list && list->is_array() ? list->size() : 0; }

const char* itemWord(const AppState& state, const std::string& listPath) {
    return listPath == voiceList(state) ? "voice" : "element";
}

std::string plural(size_t count, const char* word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

//-----------------------------------------------------------------------------
// [SECTION] Changes
//-----------------------------------------------------------------------------

void append(AppState& state, const std::string& listPath, json item) {
    const json* current = requestValue(state, listPath);
    json list = current && current->is_array() ? *current : json::array();
    list.push_back(std::move(item));
    setRequestValue(state, listPath, std::move(list));
}

// Drops a whole list, with the JSON drafts of its items (their indices mean nothing afterwards).
void removeList(AppState& state, const std::string& listPath) {
    std::erase_if(state.jsonDrafts, [&](const auto& entry) { return entry.first.rfind(listPath + "/", 0) == 0; });
    clearRequestValue(state, listPath);
}

void removeItem(AppState& state, const std::string& listPath, size_t index) {
    std::erase_if(state.jsonDrafts, [&](const auto& entry) { return entry.first.rfind(listPath + "/", 0) == 0; });
    clearRequestValue(state, listPath + "/" + std::to_string(index));
}

// Adds `item` to `listPath`, unless the exclusive other list is there: then the question is asked
// first (the popup at the end of the editor), and nothing is removed until the person agrees.
// True when it was added now.
bool addOrAsk(AppState& state, const std::string& listPath, const std::string& otherPath, json item) {
    VoicesEditor& editor = state.creative.voices;
    if (countOf(requestValue(state, otherPath)) > 0 && excludes(*state.selected, listPath, otherPath)) {
        editor.pendingPath = listPath;
        editor.pendingItem = std::move(item);
        ImGui::OpenPopup(kConfirmPopup);
        return false;
    }
    append(state, listPath, std::move(item));
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Voices
//-----------------------------------------------------------------------------

// "Turn audio on" when the catalog says voices need a value the request does not have.
void voiceRequirement(AppState& state, bool haveVoices) {
    const std::optional<Requirement> requirement = requirementOf(*state.selected, voiceList(state));
    if (!requirement || requirementMet(state, *requirement)) return;
    const std::string leaf = requirement->path.substr(requirement->path.rfind('/') + 1);
    const json& value = requirement->value;
    const std::string wanted = value.is_null() ? "" : value == true ? " on" : value == false ? " off" : " set to " + value.dump();
    const std::string text = "Voices need " + leaf + wanted + (requirement->why.empty() ? "." : ": " + requirement->why);
    ImGui::PushStyleColor(ImGuiCol_Text, haveVoices ? kColorError : kColorMuted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    if (requirement->value.is_null()) return;  // no single value to set: the Form's field decides
    const std::string label = (value.is_boolean() ? "Turn " + leaf + wanted : "Set " + leaf + " to " + value.dump()) + "###requirement";
    if (ImGui::Button(label.c_str())) setRequestValue(state, requirement->path, requirement->value);
}

void voiceRows(AppState& state, const UiLook& look, const json& voices, const std::string& prompt) {
    for (size_t i = 0; i < voices.size(); ++i) {
        const std::string name = "voice" + std::to_string(i + 1);
        const std::string path = voiceList(state) + "/" + std::to_string(i) + "/voiceId";
        const std::string tag = voiceTag(i + 1);
        const json& voice = voices[i];
        std::string id = voice.is_object() && voice.contains("voiceId") && voice["voiceId"].is_string() ? voice["voiceId"].get<std::string>() : "";
        ImGui::PushID(name.c_str());  // "voice1": apart from the element rows' IDs
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kColorAccent, "voice_%zu", i + 1);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(dp(look, 170));
        if (ImGui::InputTextWithHint("##id", "voice ID", &id)) setRequestValue(state, path, id);
        ImGui::SameLine();
        const std::string insert = "Insert " + tag;
        if (ImGui::Button(insert.c_str())) insertPromptTag(state, tag);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("At the prompt's cursor (Form tab), else at its end, right after the speaker");
        ImGui::SameLine();
        const bool removed = ImGui::Button("Remove");
        if (id.empty()) ImGui::TextColored(kColorWarning, "Type the voice's ID.");
        else if (prompt.find(tag) == std::string::npos) ImGui::TextColored(kColorMuted, "The prompt does not say %s yet.", tag.c_str());
        ImGui::PopID();
        if (removed) {
            removeItem(state, voiceList(state), i);
            return;  // the rows after it moved up: the next frame draws them
        }
    }
}

void voicesSection(AppState& state, const UiLook& look, const ParamSpec& spec, bool elementsOffered) {
    VoicesEditor& editor = state.creative.voices;
    const json* voices = requestValue(state, voiceList(state));
    const size_t count = countOf(voices);
    const size_t most = spec.maxLength.value_or(SIZE_MAX);
    groupHeading("Voices");
    mutedText("Speech in the video's audio track: " + (spec.maxLength ? "up to " + plural(most, "voice") : std::string("voices")) +
          ", each a voice ID from KlingAI's voice customization API or its preset voices. The prompt names them as "
          "<<<voice_1>>>, <<<voice_2>>> in this list's order.");
    voiceRequirement(state, count > 0);
    const json* promptValue = requestValue(state, "/prompt");
    const std::string prompt = promptValue && promptValue->is_string() ? promptValue->get<std::string>() : "";
    if (voices && !voices->is_array()) {
        ImGui::TextColored(kColorError, "voiceList is not a list: fix it in the JSON editor, or remove it.");
    } else if (voices) {
        voiceRows(state, look, *voices, prompt);
    }

    ImGui::SetNextItemWidth(dp(look, 170));
    ImGui::InputTextWithHint("##new-voice", "voice ID", &editor.newVoiceId);
    ImGui::SameLine();
    ImGui::BeginDisabled(editor.newVoiceId.empty() || count >= most || (voices && !voices->is_array()));
    if (ImGui::Button("Add voice") && addOrAsk(state, voiceList(state), elementList(state), {{"voiceId", editor.newVoiceId}}))
        editor.newVoiceId.clear();
    ImGui::EndDisabled();
    if (count >= most && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s allows at most %s", state.selected->name.c_str(), plural(most, "voice").c_str());
    if (elementsOffered && countOf(requestValue(state, elementList(state))) > 0) {
        ImGui::SameLine();
        ImGui::TextColored(kColorMuted, "(asks before removing the elements)");
    }
    ImGui::TextColored(kColorMuted, "Prompt:");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", prompt.empty() ? "(empty)" : prompt.c_str());
}

//-----------------------------------------------------------------------------
// [SECTION] Elements
//-----------------------------------------------------------------------------

// What is wrong with an element's text, or "" when it is a JSON object.
std::string elementProblem(const JsonInput& parsed) {
    if (parsed.error) return "Not JSON: " + parsed.error->message;
    if (!parsed.value.is_object()) return std::string("An element is a JSON object, { ... }; this is ") + parsed.value.type_name() + ".";
    return "";
}

void elementRows(AppState& state, const UiLook& look, const json& elements) {
    for (size_t i = 0; i < elements.size(); ++i) {
        const std::string path = elementList(state) + "/" + std::to_string(i);
        // The person's own text while it is unfinished or says the same as the request (their spacing
        // kept); the request's when it changed elsewhere (the JSON editor).
        auto draft = state.jsonDrafts.find(path);
        const bool draftShown = draft != state.jsonDrafts.end() &&
                                (elementProblem(parseJsonInput(draft->second)) != "" || parseJsonInput(draft->second).value == elements[i]);
        std::string text = draftShown ? draft->second : elements[i].dump();
        ImGui::PushID(("element" + std::to_string(i + 1)).c_str());  // apart from the voice rows' IDs
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kColorAccent, "element %zu", i + 1);
        ImGui::SameLine();
        const float removeWidth = ImGui::CalcTextSize("Remove").x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - removeWidth);
        pushMonoFont(look);
        const bool edited = ImGui::InputText("##element", &text);
        ImGui::PopFont();
        ImGui::SameLine();
        const bool removed = ImGui::Button("Remove");
        // Edits go to the request while they read as an object; until then the draft is kept here.
        const JsonInput parsed = parseJsonInput(text);
        const std::string problem = elementProblem(parsed);
        if (edited) {
            state.jsonDrafts[path] = text;
            if (problem.empty()) setRequestValue(state, path, parsed.value);
            state.dirty = true;
        }
        if (!problem.empty()) ImGui::TextColored(kColorError, "%s The request keeps the last object.", problem.c_str());
        ImGui::PopID();
        if (removed) {
            removeItem(state, elementList(state), i);
            return;
        }
    }
}

void elementsSection(AppState& state, const UiLook& look, const ParamSpec& spec) {
    VoicesEditor& editor = state.creative.voices;
    const json* elements = requestValue(state, elementList(state));
    const size_t count = countOf(elements);
    const size_t most = spec.maxLength.value_or(SIZE_MAX);
    groupHeading("Elements");
    mutedText("Reference elements for element control" + (spec.maxLength ? ", up to " + std::to_string(most) : std::string()) +
          ". The documentation does not describe an element's fields, so the playground cannot check them: type "
          "each element as a JSON object, as your gateway documents it.");
    if (elements && !elements->is_array()) {
        ImGui::TextColored(kColorError, "elementList is not a list: fix it in the JSON editor, or remove it.");
    } else if (elements) {
        elementRows(state, look, *elements);
    }

    const float addWidth = ImGui::CalcTextSize("Add element").x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - addWidth);
    pushMonoFont(look);
    if (ImGui::InputTextWithHint("##new-element", "{ ... }  one element as a JSON object", &editor.newElement)) editor.elementProblem.clear();
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::BeginDisabled(editor.newElement.empty() || count >= most || (elements && !elements->is_array()));
    if (ImGui::Button("Add element")) {
        const JsonInput parsed = parseJsonInput(editor.newElement);
        editor.elementProblem = elementProblem(parsed);
        if (editor.elementProblem.empty() && addOrAsk(state, elementList(state), voiceList(state), parsed.value)) editor.newElement.clear();
        state.dirty = true;
    }
    ImGui::EndDisabled();
    if (count >= most && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s allows at most %s", state.selected->name.c_str(), plural(most, "element").c_str());
    if (!editor.elementProblem.empty()) ImGui::TextColored(kColorError, "%s", editor.elementProblem.c_str());
}

//-----------------------------------------------------------------------------
// [SECTION] The editor
//-----------------------------------------------------------------------------

// Both lists in the request (typed in the JSON editor, or loaded): the person picks which stays.
void settleConflict(AppState& state) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorError);
    ImGui::TextWrapped("%s cannot use voices and elements together: keep one of them.", state.selected->name.c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("Keep the voices")) removeList(state, elementList(state));
    ImGui::SameLine();
    if (ImGui::Button("Keep the elements")) removeList(state, voiceList(state));
}

// The question addOrAsk opened: remove the other list and add, or leave everything as it is.
void confirmPopup(AppState& state, const UiLook& look) {
    VoicesEditor& editor = state.creative.voices;
    ImGui::SetNextWindowSize(ImVec2(dp(look, 420), 0));
    if (!ImGui::BeginPopupModal(kConfirmPopup, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        return;
    }
    if (editor.pendingPath.empty()) {  // nothing left to ask (the request was replaced meanwhile)
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const std::string otherPath = editor.pendingPath == voiceList(state) ? elementList(state) : voiceList(state);
    const size_t others = countOf(requestValue(state, otherPath));
    ImGui::TextWrapped("%s cannot use voices and elements together. Adding this %s removes the request's %s.",
                       state.selected->name.c_str(), itemWord(state, editor.pendingPath), plural(others, itemWord(state, otherPath)).c_str());
    ImGui::Spacing();
    const std::string replace = std::string("Remove the ") + itemWord(state, otherPath) + "s, add the " + itemWord(state, editor.pendingPath) + "###replace";
    const bool agreed = ImGui::Button(replace.c_str());
    ImGui::SameLine();
    const bool cancelled = ImGui::Button("Cancel");
    if (agreed) {
        removeList(state, otherPath);
        append(state, editor.pendingPath, editor.pendingItem);
        (editor.pendingPath == voiceList(state) ? editor.newVoiceId : editor.newElement).clear();
    }
    if (agreed || cancelled) {
        editor.pendingPath.clear();
        editor.pendingItem = nullptr;
        ImGui::CloseCurrentPopup();
        state.dirty = true;
    }
    ImGui::EndPopup();
}

}  // namespace

bool voicesEditorApplies(const AppState& state) {
    return offeredParam(state, voiceList(state)) != nullptr || offeredParam(state, elementList(state)) != nullptr;
}

void drawVoicesEditor(AppState& state, const UiLook& look) {
    const ParamSpec* voiceSpec = offeredParam(state, voiceList(state));
    const ParamSpec* elementSpec = offeredParam(state, elementList(state));
    if (voiceSpec && elementSpec && countOf(requestValue(state, voiceList(state))) > 0 && countOf(requestValue(state, elementList(state))) > 0) {
        if (excludes(*state.selected, voiceList(state), elementList(state))) settleConflict(state);
    }
    if (voiceSpec) voicesSection(state, look, *voiceSpec, elementSpec != nullptr);
    if (elementSpec) {
        elementsSection(state, look, *elementSpec);
    } else if (const ParamSpec* refused = state.selected->param(elementList(state))) {
        groupHeading("Elements");
        mutedText(refused->unsupported);
    }
    confirmPopup(state, look);
}

}  // namespace vg::app
