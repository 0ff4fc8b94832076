// Form panel: the request as fields generated from the catalog entry of its model. Only the model's
// modes and the parameters of the chosen mode are offered; enums are combos, ranges are sliders
// snapped to their step, media take a URL or a file; an unset field shows its default. Each field
// shows the core's diagnostics for it underneath, and the full list closes the panel.
// Every edit is an edit of state.session (through setRequestValue and its kin); members the mode or
// model does not take are named under the mode row while they are kept aside.
//
// Index
// [SECTION] Modes and text
// [SECTION] Field widgets
// [SECTION] Groups and the panel
#include "app_runtime.h"
#include "editors/editor_media.h"
#include "editors/editor_prompt.h"
#include "ui/model_text.h"
#include "ui/text_field.h"
#include "panels/panels.h"
#include "ui/ui_widgets.h"

#include "request/request_members.h"
#include "text/json_input.h"
#include "text/text_format.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

namespace vg::app {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Modes and text
//-----------------------------------------------------------------------------

size_t codePoints(const std::string& text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

//-----------------------------------------------------------------------------
// [SECTION] Field widgets
//-----------------------------------------------------------------------------

// Unset fields draw faded: what is shown is the default the gateway will use.
struct Faded {
    explicit Faded(bool on) : on(on) {
        if (on) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.55f);
    }
    ~Faded() {
        if (on) ImGui::PopStyleVar();
    }
    bool on;
};

void enumField(AppState& state, const ParamSpec& spec, const json* current) {
    const std::string unit = fieldWords(spec).unit;
    const std::string unset = spec.defaultValue.is_null() ? "not set" : "default: " + valueText(spec.defaultValue, unit);
    const std::string preview = current ? valueText(*current, unit) : unset;
    if (!ImGui::BeginCombo("##value", preview.c_str())) return;
    if (ImGui::Selectable(unset.c_str(), !current) && current) clearRequestValue(state, spec.path);
    std::vector<json> values = spec.values;
    if (values.empty()) values = {true, false};  // a boolean without an enum
    for (const json& value : values) {
        if (ImGui::Selectable(valueText(value, unit).c_str(), current && *current == value)) {
            setRequestValue(state, spec.path, value);
        }
    }
    ImGui::EndCombo();
}

void rangeField(AppState& state, const ParamSpec& spec, const json* current) {
    const double min = *spec.min, max = *spec.max;
    const bool integer = spec.type == ValueType::Integer;
    double value = current && current->is_number() ? current->get<double>()
                   : spec.defaultValue.is_number() ? spec.defaultValue.get<double>()
                                                   : min;
    Faded faded(!current);
    bool changed = false;
    if (integer) {
        int number = static_cast<int>(std::lround(value));
        changed = ImGui::SliderInt("##value", &number, static_cast<int>(min), static_cast<int>(max));
        value = number;
    } else {
        const char* format = spec.step && *spec.step >= 1 ? "%.0f" : spec.step && *spec.step >= 0.1 ? "%.1f" : "%.2f";
        changed = ImGui::SliderScalar("##value", ImGuiDataType_Double, &value, &min, &max, format);
    }
    if (!changed) return;
    if (spec.step && *spec.step > 0) value = min + std::round((value - min) / *spec.step) * *spec.step;
    value = std::clamp(value, min, max);
    setRequestValue(state, spec.path, integer ? json(static_cast<int64_t>(std::llround(value))) : json(value));
}

// Numbers without a range, free strings, arrays and objects: typed as JSON (a bare word is a string).
void jsonField(AppState& state, const ParamSpec& spec, const json* current, const UiLook& look) {
    auto draft = state.jsonDrafts.find(spec.path);
    std::string text = draft != state.jsonDrafts.end() ? draft->second
                       : !current                      ? ""
                       : current->is_string()          ? current->get<std::string>()
                                                       : current->dump(spec.type == ValueType::Array || spec.type == ValueType::Object ? 2 : -1);
    const std::string hint = spec.defaultValue.is_null() ? "not set" : "default: " + valueText(spec.defaultValue, fieldWords(spec).unit);
    const bool structured = spec.type == ValueType::Array || spec.type == ValueType::Object || spec.type == ValueType::Any;
    bool edited = false;
    if (structured) {
        pushMonoFont(look);
        const float lines = std::clamp(static_cast<float>(std::count(text.begin(), text.end(), '\n') + 1), 2.0f, 8.0f);
        edited = ImGui::InputTextMultiline("##value", &text, ImVec2(ImGui::CalcItemWidth(), ImGui::GetTextLineHeight() * lines + dp(look, 10)));
        ImGui::PopFont();
        if (text.empty() && !ImGui::IsItemActive()) {
            ImGui::SameLine();
            ImGui::TextColored(kColorMuted, "%s", hint.c_str());
        }
    } else {
        edited = ImGui::InputTextWithHint("##value", hint.c_str(), &text);
    }
    if (!edited) return;
    state.jsonDrafts[spec.path] = text;
    if (text.empty()) {
        clearRequestValue(state, spec.path);
        return;
    }
    const JsonInput parsed = parseJsonInput(text);
    if (!parsed.error) {
        setRequestValue(state, spec.path, parsed.value);
    } else if (spec.type == ValueType::String) {
        setRequestValue(state, spec.path, text);
    }
}

void promptField(AppState& state, const ParamSpec& spec, const json* current, const UiLook& look) {
    const std::string text = current && current->is_string() ? current->get<std::string>() : "";
    const bool isPrompt = spec.path == "/prompt";
    const float lines = isPrompt ? 4.0f : 2.0f;  // at first; the field grows with its text to three times that
    const float height = ImGui::GetTextLineHeight() * lines + dp(look, 10);
    TextFieldSpec field;
    field.maxHeight = ImGui::GetTextLineHeight() * lines * 3 + dp(look, 10);
    field.label = fieldWords(spec).label;
    // The prompt's cursor is kept, so a tag clicked elsewhere (a reference, a voice) lands there.
    if (isPrompt) field.cursor = &state.promptCursor;
    // Its ID names the field by path ("##text:/prompt").
    textField(look, ("##text:" + spec.path).c_str(), text, ImVec2(ImGui::CalcItemWidth(), height), field,
              [&state, path = spec.path](const std::string& edited) {
                  if (edited.empty()) clearRequestValue(state, path); else setRequestValue(state, path, edited);
              });
    const size_t count = codePoints(text);
    if (spec.maxLength) {
        const bool over = count > *spec.maxLength;
        ImGui::TextColored(over ? kColorError : kColorMuted, "%zu / %zu characters", count, *spec.maxLength);
    } else {
        ImGui::TextColored(kColorMuted, "%zu characters", count);
    }
    if (isPrompt) drawPromptHints(state, "form");  // seed 003: name the motion, vertical framing for 9:16
}

// The field's name as people say it ("Negative prompt", "CFG scale": fieldWords), and on hover what
// it does, what it takes (with its unit), its default and the catalog's note, then its place in the
// request. Which document says so is the model reference's business (panel_model.cpp), not the form's.
void fieldName(const ParamSpec& spec) {
    const FieldWords words = fieldWords(spec);
    ImGui::TextUnformatted(words.label.c_str());
    nameLastItem((words.label + "###label:" + spec.path).c_str());
    if (!ImGui::IsItemHovered()) return;
    std::string meaning = words.meaning;
    if (!meaning.empty()) meaning[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(meaning[0])));
    std::vector<std::string> lines = {meaning + ".", "Allowed: " + describeAllowed(spec)};
    if (!spec.defaultValue.is_null()) lines.push_back("Default: " + valueText(spec.defaultValue, words.unit));
    if (!spec.note.empty()) lines.push_back(spec.note);
    lines.push_back(spec.path + "  (" + valueTypeName(spec.type) + ")");
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextColored(kColorAccent, "%s", words.label.c_str());
    for (size_t i = 0; i < lines.size(); ++i) {
        const bool aside = i + 1 == lines.size() || (!spec.note.empty() && i + 2 == lines.size());  // the note and the path
        ImGui::PushStyleColor(ImGuiCol_Text, aside ? kColorMuted : ImGui::GetStyleColorVec4(ImGuiCol_Text));
        ImGui::TextWrapped("%s", lines[i].c_str());
        ImGui::PopStyleColor();
    }
    nameLastItem((joinStrings(lines, "\n") + "###field-tooltip").c_str());  // its words, for the browser tests
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void drawField(AppState& state, const UiLook& look, const ParamSpec& spec) {
    const json* current = requestValue(state, spec.path);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    fieldName(spec);
    ImGui::TableNextColumn();
    ImGui::PushID(spec.path.c_str());
    // Room for the reset button on the right of every set field.
    const float resetWidth = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x - resetWidth);
    if (isPromptText(spec)) {
        promptField(state, spec, current, look);
    } else if (!spec.values.empty() || spec.type == ValueType::Boolean) {
        enumField(state, spec, current);
    } else if ((spec.type == ValueType::Integer || spec.type == ValueType::Number) && spec.min && spec.max) {
        rangeField(state, spec, current);
    } else if (isMediaType(spec.type)) {
        mediaInput(state, look, spec.path, spec.type);
    } else {
        jsonField(state, spec, current, look);
    }
    ImGui::PopItemWidth();
    if (current && !isPromptText(spec)) {
        ImGui::SameLine();
        if (ImGui::Button(("x###clear:" + spec.path).c_str(), ImVec2(ImGui::GetFrameHeight(), 0))) clearRequestValue(state, spec.path);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Unset: the gateway's default applies");
    }
    fieldDiagnostics(state, spec.path);
    ImGui::PopID();
}

//-----------------------------------------------------------------------------
// [SECTION] Groups and the panel
//-----------------------------------------------------------------------------

void fieldTable(AppState& state, const UiLook& look, const char* id, const std::vector<const ParamSpec*>& specs) {
    if (specs.empty() || !ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, dp(look, 118));
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (const ParamSpec* spec : specs) drawField(state, look, *spec);
    ImGui::EndTable();
}

// Members a mode or model change set aside (session.keptAside()): named, so nothing seems lost.
void keptAsideNote(const AppState& state) {
    const std::vector<KeptMember>& kept = state.session.keptAside();
    if (kept.empty()) return;
    std::vector<std::string> names;
    for (const KeptMember& member : kept) {
        ParamSpec named;  // a kept member may be one the model lacks: its words come from its path
        named.path = member.path;
        names.push_back(fieldWords(named).label);
    }
    const std::string note = "Kept aside: " + joinWords(names, ", ") + " (not used here; " +
                             (kept.size() == 1 ? "it returns" : "they return") + " when you switch back).";
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kColorMuted, "%s", note.c_str());
    ImGui::PopTextWrapPos();
}

void modeRow(AppState& state, const UiLook& look, const Model& model, Mode mode) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Mode");
    ImGui::SameLine(dp(look, 118) + ImGui::GetStyle().CellPadding.x * 2);
    ImGui::SetNextItemWidth(std::min(dp(look, 200), ImGui::GetContentRegionAvail().x));
    const bool open = ImGui::BeginCombo("##mode", modeTitle(mode));
    if (open) {
        for (Mode candidate : model.modes) {
            const std::string option = std::string(modeTitle(candidate)) + "###mode:" + modeName(candidate);
            if (ImGui::Selectable(option.c_str(), candidate == mode) && candidate != mode) changeMode(state, candidate);
        }
        ImGui::EndCombo();
    }
    const std::string byline = model.name + ", by " + model.vendor;
    sameLineIfRoom(ImGui::CalcTextSize(byline.c_str()).x);
    mutedText(byline);
    fieldDiagnostics(state, "/mode");
    fieldDiagnostics(state, "/model");
    keptAsideNote(state);
}

// Where to start, on a first visit: until the first job is made or the person dismisses it
// (app_runtime.h finishFirstSteps, remembered in browser storage).
void firstSteps(AppState& state, const UiLook& look) {
    if (state.firstSteps != FirstSteps::Open || !state.jobs.entries.empty()) return;
    ImGui::TextColored(kColorAccent, "Start here:");
    constexpr const char* kSteps =
        "1 pick a model in the catalog  \xC2\xB7  2 write a prompt  \xC2\xB7  3 Generate (Ctrl+Enter)";
    sameLineIfRoom(ImGui::CalcTextSize(kSteps).x);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(kSteps);
    ImGui::PopTextWrapPos();
    nameLastItem("first-steps");
    sameLineIfRoom(buttonWidth("Got it"));
    if (inlineButton("Got it###first-steps-dismiss", look)) finishFirstSteps(state);
    ImGui::Separator();
}

}  // namespace

void drawFormPanel(AppState& state, const UiLook& look) {
    firstSteps(state, look);
    if (!state.selected) {
        ImGui::TextColored(kColorMuted, "Select a model in the catalog, or write a request in the JSON editor.");
        return;
    }
    const Model& model = *state.selected;
    const Mode mode = requestMode(state);
    modeRow(state, look, model, mode);
    if (!model.limitsKnown) {
        const std::string limits = limitsUnknownText();
        ImGui::PushStyleColor(ImGuiCol_Text, kColorWarning);
        ImGui::TextWrapped("%s", limits.c_str());
        ImGui::PopStyleColor();
        nameLastItem((limits + "###limits-unknown").c_str());
    }

    const FormFields fields = formFields(state);
    fieldTable(state, look, "prompt", fields.prompt);
    if (!fields.inputs.empty()) {
        groupHeading("Inputs");
        fieldTable(state, look, "inputs", fields.inputs);
    }
    if (!fields.parameters.empty()) {
        groupHeading("Parameters");
        fieldTable(state, look, "parameters", fields.parameters);
    }
    for (const auto& [ns, specs] : fields.providers) {
        const std::string title = "Provider options: " + ns + " (" + std::to_string(specs.size()) + ")";
        if (ImGui::CollapsingHeader(title.c_str())) fieldTable(state, look, ns.c_str(), specs);
    }

    ImGui::Spacing();
    if (state.formCheck.rows.empty()) {
        ImGui::TextColored(kColorValid, "No diagnostics for the %s gateway.", dialectName(state.gateway.dialect));
    } else {
        ImGui::TextColored(state.formCheck.errors ? kColorError : kColorWarning, "Diagnostics for the %s gateway (%d error%s, %d warning%s)",
                           dialectName(state.gateway.dialect), state.formCheck.errors, state.formCheck.errors == 1 ? "" : "s",
                           state.formCheck.warnings, state.formCheck.warnings == 1 ? "" : "s");
        diagnosticTable("form-diagnostics", state.formCheck.rows, look,
                        ImGui::GetTextLineHeightWithSpacing() * (2.5f + static_cast<float>(std::min<size_t>(state.formCheck.rows.size(), 6))));
    }
}

}  // namespace vg::app
