// Reference-to-video editor; see editor_references.h.
//
// Tags: seed 000 names the references in the prompt as character1, character2 ... in their order.
// A reference without a tag of its own goes by that name (its place in the list); a person may give
// one another tag, which the request then carries (the jobs API has a tag field; the AI SDK and the
// gateway do not, and the core says so when such a request is sent to them).
#include "editors/editor_references.h"

#include "app_state.h"
#include "editors/editor_media.h"
#include "ui/ui_widgets.h"

#include "text/prompt_help.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <cfloat>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace vg::app {

namespace {

constexpr const char* kPath = "/references";

std::string itemPath(size_t index, const char* member = "") { return std::string(kPath) + "/" + std::to_string(index) + member; }

// The values a reference's type takes for this model (the catalog's enum on the item's "type").
std::vector<std::string> referenceTypes(const ParamSpec& spec) {
    std::vector<std::string> types;
    if (!spec.items) return types;
    for (const ParamSpec& property : spec.items->properties) {
        if (property.path != "/type") continue;
        for (const json& value : property.values)
            if (value.is_string()) types.push_back(value.get<std::string>());
    }
    return types;
}

std::string ownTag(const json& reference) {
    const json* tag = reference.is_object() && reference.contains("tag") ? &reference["tag"] : nullptr;
    return tag && tag->is_string() ? tag->get<std::string>() : "";
}

// The name the prompt uses for the reference at `index`: its own tag, else characterN by its place.
std::string promptTag(const json& reference, size_t index) {
    const std::string tag = ownTag(reference);
    return tag.empty() ? referenceTag(index + 1) : tag;
}

json currentReferences(const AppState& state) {
    const json* references = requestValue(state, kPath);
    return references && references->is_array() ? *references : json::array();
}

// A new reference, its URL still to give. The first one makes the request reference-to-video: the
// members only other modes use go (an image-to-video image has no place in it).
void addReference(AppState& state, const std::vector<std::string>& types) {
    json references = currentReferences(state);
    json item = {{"url", ""}};
    if (!types.empty()) item["type"] = types.front();
    references.push_back(std::move(item));
    const Mode before = requestMode(state);
    setRequestValue(state, kPath, std::move(references));
    if (before != Mode::R2V) changeMode(state, Mode::R2V);
}

void swapReferences(AppState& state, size_t a, size_t b) {
    json references = currentReferences(state);
    std::swap(references[a], references[b]);
    setRequestValue(state, kPath, std::move(references));
}

// One reference: its number, type, tag, the insert button, reorder and remove on one line; its URL
// or file under them. Returns false when the list changed under it (the rest is drawn next frame).
bool referenceRow(AppState& state, const UiLook& look, const std::vector<std::string>& types, size_t index, size_t count) {
    const json reference = currentReferences(state)[index];
    const std::string typePath = itemPath(index, "/type"), tagPath = itemPath(index, "/tag");
    const std::string type = reference.value("type", types.empty() ? "image" : types.front());
    const std::string name = "reference" + std::to_string(index + 1);
    ImGui::PushID(static_cast<int>(index));

    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu.", index + 1);
    ImGui::SameLine();
    if (types.size() > 1) {
        ImGui::SetNextItemWidth(dp(look, 76));
        if (ImGui::BeginCombo("##type", type.c_str())) {
            for (const std::string& value : types) {
                if (ImGui::Selectable(value.c_str(), value == type) && value != type) setRequestValue(state, typePath, value);
            }
            ImGui::EndCombo();
        }
    } else {
        ImGui::TextColored(kColorMuted, "%s", type.c_str());
    }
    ImGui::SameLine();
    std::string tag = ownTag(reference);
    ImGui::SetNextItemWidth(dp(look, 104));
    if (ImGui::InputTextWithHint("##tag", referenceTag(index + 1).c_str(), &tag)) {
        if (tag.empty()) clearRequestValue(state, tagPath); else setRequestValue(state, tagPath, tag);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The name the prompt uses for it; empty: %s", referenceTag(index + 1).c_str());
    ImGui::SameLine();
    const std::string insert = "Insert " + promptTag(reference, index) + "###insert";
    if (ImGui::Button(insert.c_str())) insertPromptTag(state, promptTag(reference, index));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Puts the tag into the prompt at its cursor (the Form tab's prompt)");

    // Reorder and remove change the list: the row stops there, the next frame draws the new list.
    bool changed = false;
    ImGui::SameLine();
    ImGui::BeginDisabled(index == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) {
        swapReferences(state, index, index - 1);
        changed = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(index + 1 == count);
    if (ImGui::ArrowButton("##down", ImGuiDir_Down) && !changed) {
        swapReferences(state, index, index + 1);
        changed = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Remove") && !changed) {
        clearRequestValue(state, itemPath(index));
        changed = true;
    }

    if (!changed) {
        ImGui::PushItemWidth(-FLT_MIN);
        ImGui::BeginGroup();
        mediaInput(state, look, itemPath(index, "/url"), type == "video" ? ValueType::Video : ValueType::Image);
        ImGui::EndGroup();
        nameLastItem((name + ":url").c_str());  // the URL field is its first line
        ImGui::PopItemWidth();
    }
    ImGui::PopID();
    ImGui::Separator();
    return !changed;
}

}  // namespace

bool referencesEditorApplies(const AppState& state) {
    return state.selected && state.selected->supports(Mode::R2V) && state.selected->param(kPath);
}

void drawReferencesEditor(AppState& state, const UiLook& look) {
    const Mode mode = requestMode(state);
    const ParamSpec& spec = *state.selected->param(kPath);
    const std::vector<std::string> types = referenceTypes(spec);
    if (mode != Mode::R2V) {
        ImGui::TextWrapped("%s can keep people and characters from reference images or clips. This request is %s: "
                           "a reference makes it reference-to-video.", state.selected->name.c_str(), modeTitle(mode));
        if (ImGui::Button("Add reference")) addReference(state, types);
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    ImGui::TextWrapped("Name each one in the prompt by its tag: an empty tag means characterN, N its place in the list.");
    ImGui::PopStyleColor();

    const size_t count = currentReferences(state).size();
    for (size_t index = 0; index < count; ++index)
        if (!referenceRow(state, look, types, index, count)) break;

    // Two references under one name leave the model guessing which is which.
    const json references = currentReferences(state);
    std::set<std::string> seen;
    for (size_t index = 0; index < references.size(); ++index) {
        const std::string tag = promptTag(references[index], index);
        if (!seen.insert(tag).second)
            ImGui::TextColored(kColorWarning, "Two references go by %s: give one of them another tag.", tag.c_str());
    }

    const bool full = spec.maxLength && references.size() >= *spec.maxLength;
    ImGui::BeginDisabled(full);
    if (ImGui::Button("Add reference")) addReference(state, types);
    ImGui::EndDisabled();
    if (full) {
        ImGui::SameLine();
        ImGui::TextColored(kColorMuted, "%s takes at most %zu.", state.selected->name.c_str(), *spec.maxLength);
    }
    fieldDiagnostics(state, kPath);
}

}  // namespace vg::app
