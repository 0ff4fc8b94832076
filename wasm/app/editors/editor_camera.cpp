// Kling camera control editor; see editor_camera.h. Reads like the section: what the move cannot be
// combined with (across the top), then the move's type, its axes (simple moves) and reset on the
// left, and beside them the live preview with its time slider and play/loop.
// The rules come from the core: cameraControlLimits (types, axes, range, where the value lives),
// setSimpleAxis (one non-zero axis), cameraControlJson (the wire shape), exclusivePartners and
// offeredInMode (the catalog's exclusive rule), cameraTransformAt (the preview's matrix).
//
// Index
// [SECTION] Helpers
// [SECTION] Conflicts
// [SECTION] Type and axes
// [SECTION] Preview
// [SECTION] The section
#include "editors/editor_camera.h"

#include "app_state.h"
#include "camera_preview.h"
#include "framing.h"
#include "input_images.h"
#include "request/rules.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"

#include "imgui.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace vg::app {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

constexpr const char* kShader = "camera_move.frag";
constexpr float kLabelWidth = 80;     // CSS pixels before the controls of the left column
constexpr float kControlsWidth = 330; // CSS pixels of the left column (type, axes); the preview takes the rest
// The preview's frame shape when neither the input image nor the request's aspectRatio gives one:
// 16:9, the ratio seed 001's Kling examples send.
constexpr double kFallbackAspect = 16.0 / 9.0;
// How long a played preview lasts when neither the request nor the catalog gives a duration.
constexpr double kFallbackSeconds = 5.0;

// "staticMask" for "/providerOptions/klingai/staticMask": the member's name, as the form labels it.
std::string memberName(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::string joinNames(const std::vector<std::string>& paths) {
    std::string text;
    for (const std::string& path : paths) text += (text.empty() ? "" : ", ") + memberName(path);
    return text;
}

bool hasConfig(const CameraControlLimits& limits, const std::string& type) {
    return std::find(limits.typesWithConfig.begin(), limits.typesWithConfig.end(), type) != limits.typesWithConfig.end();
}

// The clip's length in seconds: the request's duration, else the model's default.
std::optional<double> clipSeconds(const AppState& state) {
    const json* duration = requestValue(state, "/duration");
    if (duration && duration->is_number() && duration->get<double>() > 0) return duration->get<double>();
    const ParamSpec* spec = state.selected->param("/duration");
    if (spec && spec->defaultValue.is_number() && spec->defaultValue.get<double>() > 0) return spec->defaultValue.get<double>();
    return std::nullopt;
}

void wrappedText(const ImVec4& colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void setControl(AppState& state, const CameraControlLimits& limits, const CameraControl& control) {
    setRequestValue(state, limits.path, cameraControlJson(control, limits));
}

//-----------------------------------------------------------------------------
// [SECTION] Conflicts
//-----------------------------------------------------------------------------

// The catalog's exclusive rule (camera control or the last frame or the motion brush): the inputs
// already in the request that camera control cannot be sent with, named, with one button per way
// out. Nothing is removed unless the person presses one.
void drawConflicts(AppState& state, const CameraControlLimits& limits, bool cameraSet) {
    std::vector<std::string> present;
    for (const std::string& path : exclusivePartners(*state.selected, limits.path))
        if (requestValue(state, path)) present.push_back(path);
    if (present.empty()) return;
    const std::string names = joinNames(present);
    const std::string& model = state.selected->name;
    wrappedText(kColorWarning, cameraSet ? model + " takes either a camera control or " + names + ", not both: keep one."
                                         : model + " takes either a camera control or " + names + ": a camera move needs " +
                                               names + " removed first.");
    if (ImGui::Button(("Remove " + names + "###remove-conflicts").c_str())) {
        for (const std::string& path : present) clearRequestValue(state, path);
    }
    if (!cameraSet) return;
    ImGui::SameLine();
    if (ImGui::Button("Remove camera control")) clearRequestValue(state, limits.path);
}

//-----------------------------------------------------------------------------
// [SECTION] Type and axes
//-----------------------------------------------------------------------------

constexpr const char* kNotSet = "not set: the model moves the camera";

void drawTypeCombo(AppState& state, const UiLook& look, const CameraControlLimits& limits,
                   const std::optional<CameraControl>& control, const json* value) {
    CameraEditor& editor = state.creative.camera;
    const std::string preview = control ? control->type : value ? "(not a camera control: pick a type)" : kNotSet;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Type");
    ImGui::SameLine(dp(look, kLabelWidth));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    const bool open = ImGui::BeginCombo("##type", preview.c_str());
    if (!open) return;
    if (ImGui::Selectable(kNotSet, !value) && value) clearRequestValue(state, limits.path);
    for (const std::string& type : limits.types) {
        if (ImGui::Selectable(type.c_str(), control && control->type == type) && !(control && control->type == type)) {
            CameraControl next;
            next.type = type;
            if (hasConfig(limits, type)) next.axes = editor.simpleAxes;  // the person's last simple move
            setControl(state, limits, next);
        }
    }
    ImGui::EndCombo();
}

// One slider per axis the rule names. Moving one makes it the only non-zero axis (setSimpleAxis);
// the others show 0. Without a simple move (none yet, or a preset) every slider shows 0, and moving
// one starts a simple move. The slider says which way its value goes ("-4.0 turn left").
void drawAxes(AppState& state, const UiLook& look, const CameraControlLimits& limits, const std::optional<CameraControl>& control) {
    CameraEditor& editor = state.creative.camera;
    const bool simple = control && hasConfig(limits, control->type);
    for (CameraAxis axis : limits.axes) {
        double value = simple ? (*control)[axis] : 0.0;
        const CameraAxisDirections directions = cameraAxisDirections(axis);
        const std::string format = value < 0 ? std::string("%.1f ") + directions.negative
                                   : value > 0 ? std::string("%.1f ") + directions.positive
                                               : std::string("%.1f");
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(cameraAxisName(axis));
        ImGui::SameLine(dp(look, kLabelWidth));
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
        ImGui::PushID(cameraAxisName(axis));
        const bool changed = ImGui::SliderScalar("##axis", ImGuiDataType_Double, &value, &limits.minAxis, &limits.maxAxis, format.c_str());
        ImGui::PopID();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: negative = %s, positive = %s. Ctrl+click to type a value.", cameraAxisName(axis),
                              directions.negative, directions.positive);
        if (!changed) continue;
        CameraControl next = control.value_or(CameraControl{});
        setSimpleAxis(next, axis, std::clamp(value, limits.minAxis, limits.maxAxis));
        editor.simpleAxes = next.axes;
        setControl(state, limits, next);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Preview
//-----------------------------------------------------------------------------

// The shape of the video's frame: the input image's (image-to-video keeps it), else the request's
// aspect ratio, else the fallback.
double frameAspect(const AppState& state, const InputImage* image) {
    if (image && image->texture && image->width > 0 && image->height > 0) return double(image->width) / image->height;
    const json* ratio = requestValue(state, "/aspectRatio");
    if (ratio && ratio->is_string())
        if (std::optional<double> parsed = parseAspectRatio(ratio->get<std::string>())) return *parsed;
    return kFallbackAspect;
}

// Advances a playing preview by the frame's time; stops (or starts over, when looping) at the end.
void advance(AppState& state, double seconds) {
    CameraEditor& editor = state.creative.camera;
    if (!editor.playing) return;
    // A long gap (the tab was idle or hidden) moves on by one frame, not by the gap.
    const double step = std::min<double>(ImGui::GetIO().DeltaTime, 0.1) / seconds;
    editor.time += step;
    if (editor.time >= 1.0) {
        editor.time = editor.loop ? std::fmod(editor.time, 1.0) : 1.0;
        editor.playing = editor.loop;
    }
    state.dirty = true;  // the next frame draws the next picture
}

void drawPreview(AppState& state, const UiLook& look, const std::optional<CameraControl>& control) {
    CameraEditor& editor = state.creative.camera;
    const std::optional<double> knownSeconds = clipSeconds(state);
    const double seconds = knownSeconds.value_or(kFallbackSeconds);
    advance(state, seconds);

    const InputImage* image = inputImage(state, "/image");
    const bool showImage = image && image->texture;
    if (!image) {
        wrappedText(kColorMuted, "No input image (text-to-video): the move is shown on a stand-in scene.");
    } else if (image->loading) {
        wrappedText(kColorMuted, "Loading the input image; the stand-in scene meanwhile.");
    } else if (!image->problem.empty()) {
        wrappedText(kColorWarning, "The input image cannot be shown (" + image->problem + "); the stand-in scene instead.");
    }

    const double aspect = frameAspect(state, image);
    float width = ImGui::GetContentRegionAvail().x;
    float height = width / static_cast<float>(aspect);
    if (height > dp(look, 260)) {  // a portrait image: as tall as the axes' column, narrower
        height = dp(look, 260);
        width = height * static_cast<float>(aspect);
    }
    const CameraEditor::Drawn wanted{showImage ? image->load : 0,
                                     cameraTransformAt(control.value_or(CameraControl{}), editor.time, aspect), aspect,
                                     static_cast<int>(width), static_cast<int>(height)};
    if (!(wanted == editor.drawn)) {
        const bool drawn = renderPreview(editor.preview, kShader, wanted.width, wanted.height, [&](unsigned program) {
            glUniformMatrix3fv(glGetUniformLocation(program, "u_camera"), 1, GL_FALSE, wanted.camera.data());
            glUniform1i(glGetUniformLocation(program, "u_hasImage"), showImage ? 1 : 0);
            glUniform1f(glGetUniformLocation(program, "u_aspect"), static_cast<float>(aspect));
            bindPreviewTexture(program, "u_image", 0, showImage ? image->texture : 0);
        });
        editor.drawn = drawn ? wanted : CameraEditor::Drawn{};
    }
    if (editor.drawn.width) {
        previewImage(editor.preview, ImVec2(width, height));
        nameLastItem("camera:preview");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("An approximation: the preview moves the flat picture, the model moves through the scene.");
    } else {
        std::string problem;
        previewProgram(kShader, &problem);
        wrappedText(kColorError, "The preview cannot be drawn: " + (problem.empty() ? std::string("no room for it") : problem));
    }

    // Time: seconds into the clip when its length is known, else a share of it.
    double shown = knownSeconds ? editor.time * seconds : editor.time * 100;
    const double shownMax = knownSeconds ? seconds : 100.0, zero = 0.0;
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderScalar("##time", ImGuiDataType_Double, &shown, &zero, &shownMax, knownSeconds ? "%.2f s" : "%.0f%%")) {
        editor.time = std::clamp(shown / shownMax, 0.0, 1.0);
        editor.playing = false;
    }
    if (ImGui::Button(editor.playing ? "Pause###play" : "Play###play", ImVec2(dp(look, 64), 0))) {
        if (!editor.playing && editor.time >= 1.0) editor.time = 0;
        editor.playing = !editor.playing;
        state.dirty = true;
    }
    ImGui::SameLine();
    ImGui::Checkbox("Loop", &editor.loop);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The section
//-----------------------------------------------------------------------------

bool cameraEditorApplies(const AppState& state) {
    if (!state.selected) return false;
    const std::optional<CameraControlLimits> limits = cameraControlLimits(*state.selected);
    return limits && offeredInMode(*state.selected, limits->path, requestMode(state));
}

void drawCameraEditor(AppState& state, const UiLook& look) {
    const std::optional<CameraControlLimits> limits = cameraControlLimits(*state.selected);
    if (!limits) return;
    CameraEditor& editor = state.creative.camera;
    const json* value = requestValue(state, limits->path);
    const std::optional<CameraControl> control = value ? cameraControlFromJson(*value) : std::nullopt;
    // A simple move typed in the JSON editor or loaded from a link is the one to come back to.
    if (control && hasConfig(*limits, control->type)) editor.simpleAxes = control->axes;

    drawConflicts(state, *limits, value != nullptr);
    // Two columns, so the preview sits next to the axes it shows: controls left, preview right.
    if (!ImGui::BeginTable("##camera", 2, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("controls", ImGuiTableColumnFlags_WidthFixed, dp(look, kControlsWidth));
    ImGui::TableSetupColumn("preview", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableNextColumn();
    drawTypeCombo(state, look, *limits, control, value);
    if (!control || hasConfig(*limits, control->type)) {
        drawAxes(state, look, *limits, control);
        ImGui::TextColored(kColorMuted, "One axis moves: setting one zeroes the others.");
    } else {
        wrappedText(kColorMuted, "A preset move: the model knows its path, so it takes no axes.");
    }
    fieldDiagnostics(state, limits->path);
    if (ImGui::Button("Reset")) {
        if (value) clearRequestValue(state, limits->path);
        editor.simpleAxes = {};
        editor.time = 0;
        editor.playing = false;
        state.dirty = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("No camera control in the request, and the preview back at the start");
    ImGui::TableNextColumn();
    drawPreview(state, look, control);
    ImGui::EndTable();
}

}  // namespace vg::app
