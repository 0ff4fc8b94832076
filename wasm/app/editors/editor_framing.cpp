// Framing editor; see editor_framing.h. Reads top to bottom like the section: placement presets,
// the frame they give, pad or crop, then the preview with its legend.
//
// Index
// [SECTION] What the model offers
// [SECTION] Placements
// [SECTION] Pad or crop
// [SECTION] Preview
// [SECTION] The section
#include "editors/editor_framing.h"

#include "app_state.h"
#include "framing.h"
#include "input_images.h"
#include "ui/model_text.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"

#include "imgui.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace vg::app {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] What the model offers
//-----------------------------------------------------------------------------

// The provider's resize mode ("/providerOptions/vertex/resizeMode") when the model takes it in
// `mode`; nullptr otherwise.
const ParamSpec* resizeModeSpec(const Model& model, Mode mode) {
    const ParamSpec* spec = model.param("/providerOptions/" + model.provider + "/resizeMode");
    if (!spec || !spec->unsupported.empty()) return nullptr;
    if (!spec->modes.empty() && std::find(spec->modes.begin(), spec->modes.end(), mode) == spec->modes.end()) return nullptr;
    return spec;
}

std::string stringAt(const AppState& state, const std::string& path) {
    const json* value = requestValue(state, path);
    return value && value->is_string() ? value->get<std::string>() : "";
}

std::string shortPath(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// The frame's shape: the request's value, else the spec's default. `from` says which, for people.
struct Frame {
    std::string value;          // "9:16", "720x1280"; "" when neither is there
    std::optional<double> aspect;
    const char* from = "";      // "set" or "default"
};

Frame currentFrame(const AppState& state, const ParamSpec& spec) {
    Frame frame;
    frame.value = stringAt(state, spec.path);
    frame.from = "set";
    if (frame.value.empty() && spec.defaultValue.is_string()) {
        frame.value = spec.defaultValue.get<std::string>();
        frame.from = "default";
    }
    frame.aspect = parseAspectRatio(frame.value);
    return frame;
}

//-----------------------------------------------------------------------------
// [SECTION] Placements
//-----------------------------------------------------------------------------

// A placement's button is lit while it is the one chosen and the frame still has its shape.
bool placementShown(const FramingEditor& editor, const Placement& placement, const Frame& frame) {
    const std::optional<double> shape = parseAspectRatio(placement.aspectRatio);
    return editor.placement == placement.id && frame.aspect && shape && sameAspect(*frame.aspect, *shape);
}

// One button per placement, flowing onto new lines; a preset whose shape the spec does not offer is
// disabled, and a line under the buttons says which and what the model takes instead.
void drawPlacements(AppState& state, const ParamSpec& spec, const Frame& frame) {
    FramingEditor& editor = state.creative.framing;
    const std::string current = stringAt(state, spec.path);
    std::string notOffered;
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    bool first = true;
    for (const Placement& placement : placements()) {
        const std::optional<std::string> value = frameValueFor(spec, placement.aspectRatio, current);
        const std::string label = std::string(placement.name) + "  " + std::string(placement.aspectRatio);
        const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
        first = false;
        const bool lit = placementShown(editor, placement, frame);
        if (lit) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        ImGui::BeginDisabled(!value);
        if (ImGui::Button(label.c_str())) {
            editor.placement = std::string(placement.id);
            setRequestValue(state, spec.path, *value);
        }
        ImGui::EndDisabled();
        if (lit) ImGui::PopStyleColor();
        if (!value) {
            notOffered += (notOffered.empty() ? "" : ", ") + std::string(placement.name) + " (" + std::string(placement.aspectRatio) + ")";
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s needs %s, which %s does not offer: its %s takes %s",
                                  std::string(placement.name).c_str(), std::string(placement.aspectRatio).c_str(),
                                  state.selected->name.c_str(), shortPath(spec.path).c_str(), describeAllowed(spec).c_str());
        } else if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s: %s %s", std::string(placement.name).c_str(), shortPath(spec.path).c_str(), value->c_str());
        }
    }
    if (!notOffered.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
        ImGui::TextWrapped("Not offered by %s: %s. Its %s takes %s.", state.selected->name.c_str(), notOffered.c_str(),
                           shortPath(spec.path).c_str(), describeAllowed(spec).c_str());
        ImGui::PopStyleColor();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Pad or crop
//-----------------------------------------------------------------------------

// Two radio buttons writing the resize mode; the unset value shows as the spec's default.
ResizeMode drawResizeMode(AppState& state, const ParamSpec& spec) {
    std::string name = stringAt(state, spec.path);
    const bool unset = name.empty();
    if (unset && spec.defaultValue.is_string()) name = spec.defaultValue.get<std::string>();
    const ResizeMode mode = resizeModeByName(name).value_or(ResizeMode::Pad);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Fit the image:");
    struct Choice {
        ResizeMode mode;
        const char* value;
        const char* label;
        const char* help;
    };
    for (const Choice& choice : {Choice{ResizeMode::Pad, "pad", "Pad (bars)", "the whole image inside the frame, black bars on the other sides"},
                                 Choice{ResizeMode::Crop, "crop", "Crop (fill)", "the frame filled, the image's overflow cut off equally on both sides"}}) {
        ImGui::SameLine();
        if (ImGui::RadioButton(choice.label, mode == choice.mode)) setRequestValue(state, spec.path, choice.value);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s \"%s\": %s", shortPath(spec.path).c_str(), choice.value, choice.help);
    }
    if (unset) {
        ImGui::SameLine();
        ImGui::TextColored(kColorMuted, "(%s: %s, the default)", shortPath(spec.path).c_str(), name.c_str());
    }
    return mode;
}

//-----------------------------------------------------------------------------
// [SECTION] Preview
//-----------------------------------------------------------------------------

// Redraws the shader preview when what it shows changed.
void renderFraming(FramingEditor& editor, const InputImage* image, const Framing& framing, int width, int height) {
    const unsigned texture = image ? image->texture : 0;
    char key[256];  // the load number too: GL may give a new image the texture name of the one it replaced
    std::snprintf(key, sizeof key, "%u/%d %dx%d %.5f %.5f %.5f %.5f | %.5f %.5f %.5f %.5f", texture, image ? image->load : 0, width, height,
                  framing.imageInFrame.x, framing.imageInFrame.y, framing.imageInFrame.width, framing.imageInFrame.height,
                  framing.sourceCrop.x, framing.sourceCrop.y, framing.sourceCrop.width, framing.sourceCrop.height);
    if (editor.renderedKey == key && editor.preview.texture) return;
    const bool drawn = renderPreview(editor.preview, "framing.frag", width, height, [&](unsigned program) {
        const NormRect& in = framing.imageInFrame;
        const NormRect& crop = framing.sourceCrop;
        bindPreviewTexture(program, "u_image", 0, texture);
        glUniform1i(glGetUniformLocation(program, "u_hasImage"), texture ? 1 : 0);
        glUniform4f(glGetUniformLocation(program, "u_imageInFrame"), float(in.x), float(in.y), float(in.width), float(in.height));
        glUniform4f(glGetUniformLocation(program, "u_sourceCrop"), float(crop.x), float(crop.y), float(crop.width), float(crop.height));
        glUniform2f(glGetUniformLocation(program, "u_frameSize"), float(width), float(height));
    });
    editor.renderedKey = drawn ? key : "";
}

// A coloured square and its meaning, one line of the legend.
void legendLine(ImU32 fill, ImU32 outline, const char* text) {
    const float side = ImGui::GetTextLineHeight() * 0.8f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float inset = (ImGui::GetTextLineHeight() - side) / 2;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(at.x, at.y + inset), ImVec2(at.x + side, at.y + inset + side), fill);
    draw->AddRect(ImVec2(at.x, at.y + inset), ImVec2(at.x + side, at.y + inset + side), outline);
    ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", text);
}

const ImU32 kSafeAreaColor = IM_COL32(255, 214, 64, 255);

// The frame as the shader draws it, the safe-area overlay, and the legend under them. The image is
// placed only when the model says how (`resize`); otherwise the frame alone is shown.
void drawPreview(AppState& state, const UiLook& look, const Frame& frame, std::optional<ResizeMode> resize) {
    FramingEditor& editor = state.creative.framing;
    const InputImage* image = resize ? inputImage(state, "/image") : nullptr;
    const bool imageShown = image && image->texture && image->width > 0 && image->height > 0;
    if (image && image->loading) ImGui::TextColored(kColorMuted, "Loading the input image...");
    else if (image && !image->problem.empty()) ImGui::TextColored(kColorWarning, "The input image cannot be shown: %s", image->problem.c_str());

    // The frame as large as fits a modest box, keeping its shape.
    const float aspect = static_cast<float>(*frame.aspect);
    const float maxWidth = std::min(ImGui::GetContentRegionAvail().x, dp(look, 420));
    const float maxHeight = dp(look, 300);
    const float width = std::max(1.0f, std::floor(std::min(maxWidth, maxHeight * aspect)));
    const float height = std::max(1.0f, std::floor(width / aspect));
    const Framing framing = imageShown ? fitImage(image->width, image->height, *frame.aspect, *resize) : Framing{};
    renderFraming(editor, imageShown ? image : nullptr, framing, static_cast<int>(width), static_cast<int>(height));
    if (!editor.preview.texture) {
        std::string problem;
        previewProgram("framing.frag", &problem);
        ImGui::TextColored(kColorError, "The preview cannot be drawn: %s", problem.empty() ? "WebGL gave no frame buffer" : problem.c_str());
        return;
    }
    previewImage(editor.preview, ImVec2(width, height));
    nameLastItem("framing:preview");
    const ImVec2 min = ImGui::GetItemRectMin();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), ImGui::GetColorU32(ImGuiCol_Border));

    const Placement* placement = placementById(editor.placement);
    const bool safeShown = placement && placementShown(editor, *placement, frame);
    if (safeShown) {
        const NormRect& safe = placement->safeArea;
        const ImVec2 a(min.x + float(safe.x) * width, min.y + float(safe.y) * height);
        const ImVec2 b(a.x + float(safe.width) * width, a.y + float(safe.height) * height);
        draw->AddRect(a, b, kSafeAreaColor, 0.0f, 0, dp(look, 1.5f));
        draw->AddText(ImVec2(a.x + dp(look, 3), a.y + dp(look, 2)), kSafeAreaColor, "safe area");
    }

    // Legend: what each part of the preview is, with the numbers behind it.
    char line[256];
    if (!imageShown) {
        if (!requestValue(state, "/image"))
            std::snprintf(line, sizeof line, "the frame (the request has no input image to place)");
        else if (!resize)
            std::snprintf(line, sizeof line, "the frame (%s does not say how it fits an image of another shape)",
                          state.selected->name.c_str());
        else
            std::snprintf(line, sizeof line, "the frame (the input image is not shown yet)");
        legendLine(IM_COL32(51, 54, 61, 255), IM_COL32(90, 94, 104, 255), line);
    } else if (!framing.bars.empty()) {
        const bool above = framing.imageInFrame.width >= 1.0;
        const double barShare = above ? 1.0 - framing.imageInFrame.height : 1.0 - framing.imageInFrame.width;
        legendLine(IM_COL32(200, 200, 200, 255), IM_COL32(120, 120, 120, 255), "the whole input image");
        std::snprintf(line, sizeof line, "pad bars: %.0f%% of the frame's %s is empty (%s)", barShare * 100,
                      above ? "height" : "width", above ? "above and below" : "left and right");
        legendLine(IM_COL32(0, 0, 0, 255), IM_COL32(120, 120, 120, 255), line);
    } else if (framing.sourceCrop.width < 1.0 || framing.sourceCrop.height < 1.0) {
        const bool sides = framing.sourceCrop.width < 1.0;
        const double cut = sides ? 1.0 - framing.sourceCrop.width : 1.0 - framing.sourceCrop.height;
        std::snprintf(line, sizeof line, "the middle of the input image: %.0f%% of its %s is cut off (%s)", cut * 100,
                      sides ? "width" : "height", sides ? "both sides" : "top and bottom");
        legendLine(IM_COL32(200, 200, 200, 255), IM_COL32(120, 120, 120, 255), line);
    } else {
        legendLine(IM_COL32(200, 200, 200, 255), IM_COL32(120, 120, 120, 255),
                   "the whole input image: it has the frame's shape, nothing is padded or cut");
    }
    if (safeShown) {
        std::snprintf(line, sizeof line, "safe area of %s: keep text and faces inside, clear of the app's buttons and captions",
                      std::string(placement->name).c_str());
        legendLine(IM_COL32(0, 0, 0, 0), kSafeAreaColor, line);
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The section
//-----------------------------------------------------------------------------

bool framingApplies(const AppState& state) {
    return state.selected && frameParam(*state.selected, requestMode(state)) != nullptr;
}

void drawFramingEditor(AppState& state, const UiLook& look) {
    const Model& model = *state.selected;
    const Mode mode = requestMode(state);
    const ParamSpec& spec = *frameParam(model, mode);

    ImGui::TextColored(kColorMuted, "Where the video will be shown:");
    Frame frame = currentFrame(state, spec);
    drawPlacements(state, spec, frame);
    frame = currentFrame(state, spec);  // a preset may just have changed it

    ImGui::Spacing();
    if (frame.value.empty()) {
        ImGui::TextWrapped("No %s set, and %s has no default in the catalog: choose a placement to give the video a frame.",
                           shortPath(spec.path).c_str(), model.name.c_str());
        return;
    }
    if (!frame.aspect) {
        ImGui::TextColored(kColorWarning, "%s \"%s\" is not a shape like 16:9 or 1280x720: choose a placement, or write one in the form.",
                           shortPath(spec.path).c_str(), frame.value.c_str());
        return;
    }
    ImGui::Text("Frame: %s (%s, %s)", frame.value.c_str(), shortPath(spec.path).c_str(), frame.from);

    std::optional<ResizeMode> resize;
    if (const ParamSpec* resizeSpec = resizeModeSpec(model, mode)) resize = drawResizeMode(state, *resizeSpec);
    ImGui::Spacing();
    drawPreview(state, look, frame, resize);
}

}  // namespace vg::app
