// First-and-last-frame editor; see editor_frames.h.
//
// Index
// [SECTION] The video's shape and length
// [SECTION] Slots and swap
// [SECTION] Transition preview
// [SECTION] The section
#include "editors/editor_frames.h"

#include "app_state.h"
#include "editors/editor_media.h"
#include "input_images.h"
#include "ui/ui_widgets.h"

#include "framing.h"

#include "imgui.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cfloat>
#include <optional>
#include <string>

namespace vg::app {

namespace {

constexpr const char* kFirstPath = "/image";
constexpr const char* kLastPath = "/lastFrame";

//-----------------------------------------------------------------------------
// [SECTION] The video's shape and length
//-----------------------------------------------------------------------------

const InputImage* shown(const InputImage* image) { return image && image->texture && image->height > 0 ? image : nullptr; }

// The video's width / height: the request's aspect ratio, else a WIDTHxHEIGHT resolution, else the
// first frame's shape (the video follows its input image when nothing else says), else the last
// frame's, else 16:9 (every seed's most common ratio).
double videoAspect(const AppState& state, const InputImage* first, const InputImage* last) {
    for (const char* path : {"/aspectRatio", "/resolution"}) {
        const json* value = requestValue(state, path);
        if (!value || !value->is_string()) continue;
        if (std::optional<double> aspect = parseAspectRatio(value->get<std::string>())) return *aspect;
    }
    for (const InputImage* image : {first, last})
        if (shown(image)) return static_cast<double>(image->width) / image->height;
    return 16.0 / 9.0;
}

// Seconds the video lasts, for the preview's pace: videoSeconds, else the catalog's minimum, else 5 s.
double previewSeconds(const AppState& state) {
    if (const std::optional<double> seconds = videoSeconds(state); seconds && *seconds > 0) return *seconds;
    const ParamSpec* spec = state.selected->param("/duration");
    return spec && spec->min && *spec->min > 0 ? *spec->min : 5.0;
}

//-----------------------------------------------------------------------------
// [SECTION] Slots and swap
//-----------------------------------------------------------------------------

// One frame: its title, then the shared media widget (URL or file, with its thumbnail).
void frameSlot(AppState& state, const UiLook& look, const char* title, const char* path, const char* name) {
    ImGui::PushID(path);
    ImGui::TextUnformatted(title);
    ImGui::PushItemWidth(-FLT_MIN);
    ImGui::BeginGroup();
    mediaInput(state, look, path, ValueType::Image);
    ImGui::EndGroup();
    nameLastItem(name);  // the URL field is its first line
    ImGui::PopItemWidth();
    if (!requestValue(state, path)) ImGui::TextColored(kColorMuted, "empty: the request needs both frames");
    ImGui::PopID();
}

// The first frame becomes the last and the other way round, as one change of the request (two
// separate edits would revalidate a request with one frame in between, and the AI SDK form, which
// has no mode field, would read that as another mode).
void swapFrames(AppState& state) {
    const json* first = requestValue(state, kFirstPath);
    const json* last = requestValue(state, kLastPath);
    // Copies: the batch's first set changes the value `first` points at.
    const std::optional<json> firstValue = first ? std::optional<json>(*first) : std::nullopt;
    const std::optional<json> lastValue = last ? std::optional<json>(*last) : std::nullopt;
    applyRequestEdits(state, {{kFirstPath, lastValue}, {kLastPath, firstValue}});
}

//-----------------------------------------------------------------------------
// [SECTION] Transition preview
//-----------------------------------------------------------------------------

// Points one of the shader's frames at `image`, fitted whole into the video's frame.
void setFrameUniforms(unsigned program, const char* sampler, const char* rect, int unit, const InputImage* image, double aspect) {
    NormRect where{0, 0, 0, 0};  // width 0: the shader draws an empty slot
    if (image) where = fitImage(image->width, image->height, aspect, ResizeMode::Pad).imageInFrame;
    bindPreviewTexture(program, sampler, unit, image ? image->texture : 0);
    glUniform4f(glGetUniformLocation(program, rect), static_cast<float>(where.x), static_cast<float>(where.y),
                static_cast<float>(where.width), static_cast<float>(where.height));
}

void transitionPreview(AppState& state, const UiLook& look, FramesEditor& editor) {
    const InputImage* first = shown(inputImage(state, kFirstPath));
    const InputImage* last = shown(inputImage(state, kLastPath));
    const double aspect = videoAspect(state, first, last);
    float width = std::min(ImGui::GetContentRegionAvail().x, dp(look, 420));
    float height = width / static_cast<float>(aspect);
    if (height > dp(look, 160)) {
        height = dp(look, 160);
        width = height * static_cast<float>(aspect);
    }
    const FramesEditor::Drawn wanted{first ? first->load : 0, last ? last->load : 0, editor.time, aspect,
                                     static_cast<int>(width), static_cast<int>(height)};
    if (!(wanted == editor.drawn)) {
        const bool drawn = renderPreview(editor.preview, "transition.frag", wanted.width, wanted.height, [&](unsigned program) {
            setFrameUniforms(program, "u_first", "u_firstRect", 0, first, aspect);
            setFrameUniforms(program, "u_last", "u_lastRect", 1, last, aspect);
            glUniform1f(glGetUniformLocation(program, "u_t"), editor.time);
        });
        editor.drawn = drawn ? wanted : FramesEditor::Drawn{};
    }
    if (!editor.drawn.width) {
        std::string problem;
        previewProgram("transition.frag", &problem);
        ImGui::TextColored(kColorError, "The transition preview cannot be drawn: %s", problem.c_str());
        return;
    }
    previewImage(editor.preview, ImVec2(static_cast<float>(editor.drawn.width), static_cast<float>(editor.drawn.height)));
    nameLastItem("frames:preview");
}

// Play / Pause and the time slider, in seconds of the video.
void playback(AppState& state, const UiLook& look, FramesEditor& editor) {
    const float seconds = static_cast<float>(previewSeconds(state));
    if (ImGui::Button(editor.playing ? "Pause###play" : "Play###play", ImVec2(dp(look, 56), 0))) editor.playing = !editor.playing;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, dp(look, 420) - dp(look, 56) - ImGui::GetStyle().ItemSpacing.x));
    float at = editor.time * seconds;
    if (ImGui::SliderFloat("##time", &at, 0.0f, seconds, "%.1f s")) {
        editor.time = std::clamp(at / seconds, 0.0f, 1.0f);
        editor.playing = false;  // a person scrubbing takes over from playback
    }
    if (editor.playing) {
        // At most a tenth of a second per frame: the first frame after an idle spell is not a jump.
        editor.time += std::min(ImGui::GetIO().DeltaTime, 0.1f) / seconds;
        if (editor.time > 1.0f) editor.time = 0.0f;
        state.dirty = true;  // keeps frames coming while it plays
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The section
//-----------------------------------------------------------------------------

bool framesEditorApplies(const AppState& state) {
    return state.selected && state.selected->supports(Mode::FLF) && state.selected->param(kLastPath);
}

void drawFramesEditor(AppState& state, const UiLook& look) {
    FramesEditor& editor = state.creative.frames;
    const Mode mode = requestMode(state);
    const bool flf = mode == Mode::FLF;
    if (!flf) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
        ImGui::TextWrapped("This request is %s. With both frames it becomes first-and-last frame: the video starts on "
                           "the first image and ends on the last.", modeTitle(mode));
        ImGui::PopStyleColor();
    }
    if (ImGui::BeginTable("slots", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        frameSlot(state, look, "First frame (the video starts here)", kFirstPath, "frames:first");
        ImGui::TableNextColumn();
        frameSlot(state, look, "Last frame (the video ends here)", kLastPath, "frames:last");
        ImGui::EndTable();
    }
    if (!flf) return;  // swap and the transition are about two frames: shown once the request has them

    ImGui::BeginDisabled(!requestValue(state, kFirstPath) && !requestValue(state, kLastPath));
    if (ImGui::Button("Swap first and last")) swapFrames(state);
    ImGui::EndDisabled();

    ImGui::Spacing();
    ImGui::TextColored(kColorMuted, "Transition: a cross-fade guide between your frames, not the model's motion.");
    transitionPreview(state, look, editor);
    playback(state, look, editor);
}

}  // namespace vg::app
