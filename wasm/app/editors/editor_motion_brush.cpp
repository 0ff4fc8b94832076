// Kling's motion brush editor; see editor_motion_brush.h. Reads top to bottom like the section: what
// the brush cannot be combined with, the layers, the tools, the canvas, then Apply and its result.
//
// Index
// [SECTION] Catalog: where the masks go, their limits, what excludes them
// [SECTION] Layers
// [SECTION] Mask textures and the overlay
// [SECTION] Canvas: painting and paths
// [SECTION] Apply
// [SECTION] The editor
#include "editors/editor_motion_brush.h"

#include "app_state.h"
#include "input_images.h"
#include "text/json_path.h"
#include "request/rules.h"
#include "text/text_format.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"

#include "imgui.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace vg::app {

//-----------------------------------------------------------------------------
// [SECTION] Catalog: where the masks go, their limits, what excludes them
//-----------------------------------------------------------------------------

namespace {

// The members motionBrushOptions() fills, which sit in the model's provider namespace.
constexpr const char* kMembers[] = {"staticMask", "dynamicMasks"};

std::string memberPath(const Model& model, const char* member) { return providerOptionPath(model, member); }

std::optional<MotionBrushLimits> limitsFor(const AppState& state) {
    if (!state.selected) return std::nullopt;
    // The trajectory limit is stated for one duration.
    return motionBrushLimits(*state.selected, videoSeconds(state).value_or(0));
}

// The request paths the catalog's exclusive rules forbid next to the masks, with the rule's source.
std::vector<Exclusion> exclusions(const Model& model) {
    std::vector<Exclusion> out;
    for (const char* member : kMembers)
        for (Exclusion& exclusion : exclusionsOf(model, memberPath(model, member)))
            if (std::none_of(out.begin(), out.end(), [&](const Exclusion& e) { return e.path == exclusion.path; }))
                out.push_back(std::move(exclusion));
    return out;
}

// One line on what the masks exclude; when the request has one of those, a warning and a button
// that removes it, since the gateway refuses the combination.
void drawExclusionNote(AppState& state, const std::vector<Exclusion>& excluded) {
    if (excluded.empty()) return;
    std::vector<std::string> names;
    std::vector<std::string> present;
    for (const Exclusion& exclusion : excluded) {
        names.push_back(pointerLeaf(exclusion.path));
        if (requestValue(state, exclusion.path)) present.push_back(exclusion.path);
    }
    if (present.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
        ImGui::TextWrapped("%s does not combine the motion brush with %s.", state.selected->name.c_str(),
                           joinWords(names).c_str());
        ImGui::PopStyleColor();
        return;
    }
    for (const std::string& path : present) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorWarning);
        ImGui::TextWrapped("The request has %s, which %s does not combine with the motion brush: remove one of them.",
                           pointerLeaf(path).c_str(), state.selected->name.c_str());
        ImGui::PopStyleColor();
        ImGui::PushID(path.c_str());
        if (ImGui::SmallButton(("Remove " + pointerLeaf(path) + "###remove-" + pointerLeaf(path)).c_str())) clearRequestValue(state, path);
        ImGui::PopID();
    }
}

}  // namespace

bool motionBrushApplies(const AppState& state) {
    if (!limitsFor(state)) return false;
    const Mode mode = requestMode(state);
    for (const char* member : kMembers) {
        const ParamSpec* spec = state.selected->param(memberPath(*state.selected, member));
        if (!spec || !spec->unsupported.empty()) return false;
        if (!spec->modes.empty() && std::find(spec->modes.begin(), spec->modes.end(), mode) == spec->modes.end())
            return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Layers
//-----------------------------------------------------------------------------

namespace {

// Layer 0 is the static mask, layer k the k-th dynamic mask.
size_t layerCount(const MotionBrushEditor& editor) { return 1 + editor.brush.dynamicMasks.size(); }

Mask& layerMask(MotionBrushEditor& editor, size_t layer) {
    return layer == 0 ? *editor.brush.staticMask : editor.brush.dynamicMasks[layer - 1].mask;
}

std::string layerName(size_t layer) { return layer == 0 ? "Static" : "Dynamic " + std::to_string(layer); }

// Static: a cool blue (what stays still); dynamic masks: warm, distinct colours, repeating after six.
ImVec4 layerTint(size_t layer) {
    static const ImVec4 kStatic{0.25f, 0.55f, 1.00f, 1.0f};
    static const ImVec4 kDynamic[] = {{1.00f, 0.55f, 0.10f, 1.0f}, {0.30f, 0.90f, 0.35f, 1.0f}, {0.95f, 0.25f, 0.75f, 1.0f},
                                      {1.00f, 0.90f, 0.20f, 1.0f}, {0.20f, 0.90f, 0.90f, 1.0f}, {1.00f, 0.30f, 0.30f, 1.0f}};
    return layer == 0 ? kStatic : kDynamic[(layer - 1) % (sizeof kDynamic / sizeof kDynamic[0])];
}

// Rows [first, last] of `layer` must be uploaded again.
void touchRows(MotionBrushEditor& editor, size_t layer, int first, int last) {
    editor.dirty.resize(layerCount(editor));
    DirtyRows& rows = editor.dirty[layer];
    rows.first = std::max(0, std::min(rows.first, first));
    rows.last = std::min(editor.height - 1, std::max(rows.last, last));
}

// New, empty masks at the image's size. False when the image is too large for masks.
bool startOver(MotionBrushEditor& editor, int width, int height) {
    Mask mask = makeMask(width, height);
    if (mask.pixels.empty()) return false;
    editor.brush = MotionBrush{std::move(mask), {}};
    editor.width = width;
    editor.height = height;
    editor.layer = 0;
    editor.tool = BrushTool::Paint;
    editor.radius = std::max(2.0f, float(std::max(width, height)) / 24.0f);
    editor.problems.clear();
    editor.textureLayers = 0;  // every layer is uploaded again
    ++editor.revision;
    return true;
}

void clearLayer(MotionBrushEditor& editor, size_t layer) {
    Mask& mask = layerMask(editor, layer);
    std::fill(mask.pixels.begin(), mask.pixels.end(), 0);
    if (layer > 0) editor.brush.dynamicMasks[layer - 1].path.clear();
    touchRows(editor, layer, 0, editor.height - 1);
    ++editor.revision;
}

// "+ Dynamic" adds a mask and selects it to paint; the catalog's maximum disables it.
void drawLayerRow(AppState& state, MotionBrushEditor& editor, const MotionBrushLimits& limits) {
    for (size_t layer = 0; layer < layerCount(editor); ++layer) {
        if (layer > 0) ImGui::SameLine();
        const ImVec4 tint = layerTint(layer);
        const bool selected = layer == editor.layer;
        const float strength = selected ? 0.85f : 0.35f;
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(tint.x * strength, tint.y * strength, tint.z * strength, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(tint.x * 0.7f, tint.y * 0.7f, tint.z * 0.7f, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? ImVec4(0, 0, 0, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
        ImGui::PushID(int(layer));
        if (ImGui::Button(layerName(layer).c_str())) {
            editor.layer = layer;
            if (layer == 0 && editor.tool == BrushTool::Path) editor.tool = BrushTool::Paint;
        }
        ImGui::PopID();
        ImGui::PopStyleColor(3);
    }
    ImGui::SameLine();
    const bool full = editor.brush.dynamicMasks.size() >= limits.maxDynamicMasks;
    ImGui::BeginDisabled(full);
    if (ImGui::Button("+ Dynamic")) {
        editor.brush.dynamicMasks.push_back({makeMask(editor.width, editor.height), {}});
        editor.layer = editor.brush.dynamicMasks.size();
        editor.tool = BrushTool::Paint;
        ++editor.revision;
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s: %s takes at most %zu dynamic masks.", full ? "Full" : "Add a mask for an area that moves",
                          state.selected->name.c_str(), limits.maxDynamicMasks);
}

// What the selected layer is for, its path's point count against the limits, Clear and Remove.
void drawLayerInfo(MotionBrushEditor& editor, const MotionBrushLimits& limits) {
    const size_t layer = editor.layer;
    if (layer == 0) {
        ImGui::TextColored(kColorMuted, "Paint what must stay still.%s",
                           isPainted(*editor.brush.staticMask) ? "" : " (Unpainted: Apply leaves it out.)");
    } else {
        const std::vector<ImagePoint>& path = editor.brush.dynamicMasks[layer - 1].path;
        const size_t sent = resamplePath(path, limits.maxTrajectoryPoints).size();
        const std::string range = std::to_string(limits.minTrajectoryPoints) + "-" + std::to_string(limits.maxTrajectoryPoints) +
                                  (limits.statedForSeconds > 0 ? " for " + formatNumber(limits.statedForSeconds) + " s" : "");
        if (path.empty()) {
            ImGui::TextColored(kColorMuted, "Paint what moves, then drag its path with \"Draw path\" (%s points).", range.c_str());
        } else {
            const ImVec4 color = sent < limits.minTrajectoryPoints ? kColorError : kColorMuted;
            ImGui::TextColored(color, "Path: %zu points drawn, sent as %zu (%s).", path.size(), sent, range.c_str());
        }
        if (!limits.maxStatedForDuration) {
            ImGui::PushStyleColor(ImGuiCol_Text, kColorWarning);
            ImGui::TextWrapped("The limit is stated for a %s s video only; for this duration the playground keeps %zu points.",
                               formatNumber(limits.statedForSeconds).c_str(), limits.maxTrajectoryPoints);
            ImGui::PopStyleColor();
        }
    }
    if (ImGui::SmallButton("Clear")) clearLayer(editor, layer);
    if (layer > 0) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Remove this mask")) {
            editor.brush.dynamicMasks.erase(editor.brush.dynamicMasks.begin() + std::ptrdiff_t(layer - 1));
            editor.layer = layer - 1;
            if (editor.layer == 0 && editor.tool == BrushTool::Path) editor.tool = BrushTool::Paint;
            editor.dirty.clear();  // the texture is rebuilt with one layer less
            ++editor.revision;
        }
    }
}

void drawTools(const UiLook& look, MotionBrushEditor& editor) {
    const auto tool = [&](const char* label, BrushTool value) {
        if (ImGui::RadioButton(label, editor.tool == value)) editor.tool = value;
        ImGui::SameLine();
    };
    tool("Paint", BrushTool::Paint);
    tool("Erase", BrushTool::Erase);
    ImGui::BeginDisabled(editor.layer == 0);
    tool("Draw path", BrushTool::Path);
    ImGui::EndDisabled();
    ImGui::SetNextItemWidth(dp(look, 160));
    const float largest = float(std::max(editor.width, editor.height)) / 4.0f;
    ImGui::SliderFloat("Radius", &editor.radius, 1.0f, std::max(2.0f, largest), "%.0f px", ImGuiSliderFlags_AlwaysClamp);
}

//-----------------------------------------------------------------------------
// [SECTION] Mask textures and the overlay
//-----------------------------------------------------------------------------

// mask_overlay.frag's u_tints has this many entries; layers beyond it are painted but not tinted.
constexpr int kMaxTintedLayers = 16;

// Brings the texture array up to date: rebuilt (every layer uploaded) when the size or the layer
// count changed, otherwise only the rows painted since the last frame. True when anything changed.
bool syncMaskTexture(MotionBrushEditor& editor) {
    bool changed = false;
    const int layers = int(layerCount(editor));
    if (!editor.maskTexture) glGenTextures(1, &editor.maskTexture);
    glBindTexture(GL_TEXTURE_2D_ARRAY, editor.maskTexture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of one byte per pixel are not 4-byte aligned
    if (editor.textureWidth != editor.width || editor.textureHeight != editor.height || editor.textureLayers != layers) {
        glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GL_R8, editor.width, editor.height, layers, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        editor.textureWidth = editor.width;
        editor.textureHeight = editor.height;
        editor.textureLayers = layers;
        editor.dirty.assign(size_t(layers), DirtyRows{0, editor.height - 1});
        changed = true;
    }
    editor.dirty.resize(size_t(layers));
    for (int layer = 0; layer < layers; ++layer) {
        DirtyRows& rows = editor.dirty[size_t(layer)];
        if (rows.first > rows.last) continue;
        const Mask& mask = layerMask(editor, size_t(layer));
        glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, rows.first, layer, editor.width, rows.last - rows.first + 1, 1, GL_RED,
                        GL_UNSIGNED_BYTE, mask.pixels.data() + size_t(rows.first) * size_t(editor.width));
        rows = DirtyRows{};
        changed = true;
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D_ARRAY, 0);
    return changed;
}

// The image with the masks tinted, at the canvas's size; the selected layer stands out.
bool renderOverlay(MotionBrushEditor& editor, unsigned imageTexture, ImVec2 size) {
    const bool masksChanged = syncMaskTexture(editor);
    const int layers = std::min(int(layerCount(editor)), kMaxTintedLayers);
    const MotionBrushEditor::OverlayDrawn wanted{imageTexture, int(size.x), int(size.y), layers, editor.layer};
    if (!masksChanged && wanted == editor.overlayDrawn && editor.overlay.texture) return true;
    editor.overlayDrawn = MotionBrushEditor::OverlayDrawn{};
    const bool drawn = renderPreview(editor.overlay, "mask_overlay.frag", wanted.width, wanted.height, [&](unsigned program) {
        bindPreviewTexture(program, "u_image", 0, imageTexture);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D_ARRAY, editor.maskTexture);
        glUniform1i(glGetUniformLocation(program, "u_masks"), 1);
        glUniform1i(glGetUniformLocation(program, "u_layers"), layers);
        std::vector<float> tints;
        for (int layer = 0; layer < layers; ++layer) {
            const ImVec4 tint = layerTint(size_t(layer));
            tints.insert(tints.end(), {tint.x, tint.y, tint.z, size_t(layer) == editor.layer ? 0.6f : 0.35f});
        }
        glUniform4fv(glGetUniformLocation(program, "u_tints"), layers, tints.data());
    });
    if (drawn) editor.overlayDrawn = wanted;
    return drawn;
}

//-----------------------------------------------------------------------------
// [SECTION] Canvas: painting and paths
//-----------------------------------------------------------------------------

void paintSegment(MotionBrushEditor& editor, ImagePoint from, ImagePoint to) {
    paintStroke(layerMask(editor, editor.layer), from, to, editor.radius, editor.tool == BrushTool::Erase);
    const double reach = double(editor.radius) + 1;
    touchRows(editor, editor.layer, int(std::floor(std::min(from.y, to.y) - reach)), int(std::ceil(std::max(from.y, to.y) + reach)));
    ++editor.revision;
}

// A drag on the canvas: paints or erases the selected mask along the pointer, or (path tool)
// records a new path for the selected dynamic mask, a point every few screen pixels.
void handleDrag(const UiLook& look, MotionBrushEditor& editor, ImVec2 origin, float scale) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const ImagePoint point{std::clamp(double(mouse.x - origin.x) / scale, 0.0, double(editor.width)),
                           std::clamp(double(mouse.y - origin.y) / scale, 0.0, double(editor.height))};
    const bool drawsPath = editor.tool == BrushTool::Path && editor.layer > 0;
    if (ImGui::IsItemActivated()) {
        editor.dragging = true;
        if (drawsPath) {
            editor.brush.dynamicMasks[editor.layer - 1].path = {point};
            ++editor.revision;
        } else {
            paintSegment(editor, point, point);
        }
        editor.lastPoint = point;
        return;
    }
    if (!ImGui::IsItemActive()) {
        editor.dragging = false;
        return;
    }
    if (!editor.dragging) return;
    const double moved = std::hypot(point.x - editor.lastPoint.x, point.y - editor.lastPoint.y) * scale;
    if (drawsPath) {
        if (moved < dp(look, 3)) return;
        editor.brush.dynamicMasks[editor.layer - 1].path.push_back(point);
        ++editor.revision;
    } else {
        if (moved <= 0) return;
        paintSegment(editor, editor.lastPoint, point);
    }
    editor.lastPoint = point;
}

// Every dynamic mask's path as drawn, with the points that are sent (resampled to the limit) as
// dots, a disc where it starts and an arrowhead where it ends.
void drawPaths(const UiLook& look, const MotionBrushEditor& editor, const MotionBrushLimits& limits, ImVec2 origin, float scale) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto screen = [&](ImagePoint p) { return ImVec2(origin.x + float(p.x) * scale, origin.y + float(p.y) * scale); };
    for (size_t index = 0; index < editor.brush.dynamicMasks.size(); ++index) {
        const std::vector<ImagePoint>& path = editor.brush.dynamicMasks[index].path;
        if (path.empty()) continue;
        const size_t layer = index + 1;
        const ImU32 color = ImGui::ColorConvertFloat4ToU32(layerTint(layer));
        const ImU32 outline = IM_COL32(0, 0, 0, 200);
        const float width = dp(look, layer == editor.layer ? 3.0f : 2.0f);
        std::vector<ImVec2> points;
        for (const ImagePoint& p : path) points.push_back(screen(p));
        draw->AddPolyline(points.data(), int(points.size()), outline, ImDrawFlags_None, width + dp(look, 2));
        draw->AddPolyline(points.data(), int(points.size()), color, ImDrawFlags_None, width);
        for (const ImagePoint& p : resamplePath(path, limits.maxTrajectoryPoints))
            draw->AddCircleFilled(screen(p), width * 0.6f, outline);
        draw->AddCircleFilled(points.front(), width * 1.6f, color);
        if (points.size() < 2) continue;
        const ImVec2 tip = points.back(), before = points[points.size() - 2];
        const float length = std::hypot(tip.x - before.x, tip.y - before.y);
        if (length <= 0) continue;
        const ImVec2 along((tip.x - before.x) / length, (tip.y - before.y) / length);
        const float head = dp(look, 9);
        const ImVec2 base(tip.x - along.x * head, tip.y - along.y * head);
        draw->AddTriangleFilled(tip, ImVec2(base.x - along.y * head * 0.5f, base.y + along.x * head * 0.5f),
                                ImVec2(base.x + along.y * head * 0.5f, base.y - along.x * head * 0.5f), color);
    }
}

// The image scaled to fit the section's width and 60% of the panel's height (at most 420 CSS px), so
// the layers, the tools and Apply are in view with it; the masks tinted over it, the paths on top,
// and the brush's outline under the pointer.
void drawCanvas(const UiLook& look, MotionBrushEditor& editor, const InputImage& image,
                const MotionBrushLimits& limits) {
    const float maxHeight = std::min(dp(look, 420), ImGui::GetWindowHeight() * 0.6f);
    const float scale = std::min(ImGui::GetContentRegionAvail().x / float(editor.width), maxHeight / float(editor.height));
    if (!(scale > 0)) return;
    const ImVec2 size(std::floor(float(editor.width) * scale), std::floor(float(editor.height) * scale));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    std::string problem;
    if (previewProgram("mask_overlay.frag", &problem) && renderOverlay(editor, image.texture, size)) {
        previewImage(editor.overlay, size);
    } else {
        textureImage(image.texture, size);
        ImGui::TextColored(kColorError, "Masks cannot be shown: %s", problem.c_str());
    }
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("canvas", size);
    handleDrag(look, editor, origin, scale);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    drawPaths(look, editor, limits, origin, scale);
    if (ImGui::IsItemHovered() && editor.tool != BrushTool::Path)
        draw->AddCircle(ImGui::GetIO().MousePos, editor.radius * scale, IM_COL32(255, 255, 255, 220), 0, dp(look, 1.5f));
    draw->PopClipRect();
    ImGui::SetCursorScreenPos(after);
}

//-----------------------------------------------------------------------------
// [SECTION] Apply
//-----------------------------------------------------------------------------

bool requestHasMasks(const AppState& state) {
    return std::any_of(std::begin(kMembers), std::end(kMembers),
                       [&](const char* member) { return requestValue(state, memberPath(*state.selected, member)); });
}

// True when the request's masks are exactly `applied` (the members Apply wrote, and no others).
bool requestHolds(const AppState& state, const json& applied) {
    if (!applied.is_object()) return false;
    for (const char* member : kMembers) {
        const json* value = requestValue(state, memberPath(*state.selected, member));
        const auto written = applied.find(member);
        if ((value != nullptr) != (written != applied.end()) || (value && *value != *written)) return false;
    }
    return true;
}

// Writes the masks into the request, or keeps the request as it is and lists what to change.
void apply(AppState& state, MotionBrushEditor& editor, const MotionBrushLimits& limits) {
    MotionBrush brush = editor.brush;
    if (brush.staticMask && !isPainted(*brush.staticMask)) brush.staticMask.reset();
    MotionBrushOptions options = motionBrushOptions(brush, limits);
    editor.problems = std::move(options.problems);
    if (!brush.staticMask && brush.dynamicMasks.empty())
        editor.problems.push_back("nothing is painted: paint the static mask, or add a dynamic mask, paint it and draw its path");
    if (!editor.problems.empty()) return;
    // One edit of the request: the masks arrive together, checked once.
    std::vector<MemberEdit> edits;
    for (const char* member : kMembers) {
        const std::string path = memberPath(*state.selected, member);
        if (options.klingOptions.contains(member)) {
            edits.push_back({path, options.klingOptions[member]});
        } else if (requestValue(state, path)) {
            edits.push_back({path, std::nullopt});
        }
    }
    applyRequestEdits(state, edits);
    editor.applied = std::move(options.klingOptions);
    editor.appliedRevision = editor.revision;
}

void drawApply(AppState& state, MotionBrushEditor& editor, const MotionBrushLimits& limits) {
    const bool hasMasks = requestHasMasks(state);
    const bool current = requestHolds(state, editor.applied);
    const bool pending = !current || editor.revision != editor.appliedRevision;
    if (pending) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.18f, 0.50f, 0.32f, 1.0f));
    if (ImGui::Button("Apply to request")) apply(state, editor, limits);
    if (pending) ImGui::PopStyleColor();
    if (hasMasks) {
        ImGui::SameLine();
        if (ImGui::Button("Remove from request")) {
            std::vector<MemberEdit> edits;
            for (const char* member : kMembers) edits.push_back({memberPath(*state.selected, member), std::nullopt});
            applyRequestEdits(state, edits);
            editor.applied = nullptr;
            editor.problems.clear();
        }
    }

    if (!editor.problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorError);
        ImGui::TextWrapped("Not applied, the request is unchanged:");
        for (const std::string& problem : editor.problems) ImGui::BulletText("%s", problem.c_str());
        ImGui::PopStyleColor();
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    if (editor.applied.is_null()) {
        ImGui::TextWrapped("%s", !hasMasks ? "Not in the request yet: paint, then Apply."
                                             : "The request has masks the editor did not paint (from the JSON or a share "
                                               "link): Apply replaces them with these.");
    } else if (!current) {
        ImGui::TextWrapped("The request's masks were changed outside the editor: Apply writes these again.");
    } else if (editor.revision != editor.appliedRevision) {
        ImGui::TextWrapped("Changed since Apply: Apply again to update the request.");
    } else {
        const size_t dynamic = editor.applied.contains("dynamicMasks") ? editor.applied["dynamicMasks"].size() : 0;
        ImGui::TextWrapped("In the request: %s%zu dynamic mask%s, PNG at %dx%d.",
                           editor.applied.contains("staticMask") ? "the static mask, " : "", dynamic, dynamic == 1 ? "" : "s",
                           editor.width, editor.height);
    }
    ImGui::PopStyleColor();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The editor
//-----------------------------------------------------------------------------

void drawMotionBrushEditor(AppState& state, const UiLook& look) {
    const std::optional<MotionBrushLimits> limits = limitsFor(state);
    if (!limits) return;
    MotionBrushEditor& editor = state.creative.motionBrush;
    drawExclusionNote(state, exclusions(*state.selected));

    const InputImage* image = inputImage(state, "/image");
    if (!image) {
        ImGui::TextColored(kColorMuted, "Choose the input image first: the masks are painted over it, at its resolution.");
        return;
    }
    if (image->loading) {
        ImGui::TextColored(kColorMuted, "Loading the input image...");
        return;
    }
    if (!image->problem.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorError);
        ImGui::TextWrapped("The input image cannot be shown, so masks cannot be painted on it: %s", image->problem.c_str());
        ImGui::PopStyleColor();
        return;
    }
    if (editor.width == 0 && !startOver(editor, image->width, image->height)) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorError);
        ImGui::TextWrapped("The input image (%dx%d) is too large to paint masks on: use a smaller image.", image->width, image->height);
        ImGui::PopStyleColor();
        return;
    }
    if (editor.width != image->width || editor.height != image->height) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorWarning);
        ImGui::TextWrapped("The masks were painted on a %dx%d image; the input image is now %dx%d, and every mask must have "
                           "the image's resolution. Start over to paint new masks on it.",
                           editor.width, editor.height, image->width, image->height);
        ImGui::PopStyleColor();
        if (ImGui::Button("Start over") && !startOver(editor, image->width, image->height)) editor.width = 0;
        return;
    }

    drawLayerRow(state, editor, *limits);
    drawLayerInfo(editor, *limits);
    drawTools(look, editor);
    drawCanvas(look, editor, *image, *limits);
    drawApply(state, editor, *limits);
}

}  // namespace vg::app
