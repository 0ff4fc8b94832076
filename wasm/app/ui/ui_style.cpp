#include "ui/ui_style.h"

namespace vg::app {

namespace {

constexpr float kUiFontCssPx = 15.0f;
constexpr float kMonoFontCssPx = 14.0f;
constexpr float kBuiltinFontCssPx = 13.0f;  // ImGui's ProggyClean is drawn for 13 px

// The theme for fingers: frames (buttons, fields, sliders, tabs) kFingerCss high or more (15 px of
// text and 15 px above and below it: 45), a little more room between controls so a finger hits the
// one it means, and grabs a finger can see under it.
void sizeForFingers(ImGuiStyle& style) {
    style.FramePadding = ImVec2(10, (kFingerCss + 1 - kUiFontCssPx) / 2);
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.GrabMinSize = 24.0f;
    style.SelectableTextAlign = ImVec2(0.0f, 0.5f);  // a list row's text in the middle of its finger-high row
    style.ScrollbarSize = 8.0f;  // a position indicator: fingers scroll the content itself
}

// A font from the slices that arrived: the first slice's file for `target` (its size and metrics),
// then every other arrived file for it or for both fonts, in the table's order, then the stand-in
// that notes missing characters. Null when the first slice's file is not there.
ImFont* addSlicedFont(UiLook& look, FontTarget target, float pixels) {
    const std::vector<FontFile>& files = fontFiles();
    ImFont* font = nullptr;
    for (size_t i = 0; i < files.size(); i++) {
        const FontFileState& file = look.fonts.files[i];
        const bool mine = files[i].target == target || files[i].target == FontTarget::Both;
        if (!mine || file.bytes.empty() || (font == nullptr) != (files[i].slice == 0)) continue;
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;  // UiLook owns the bytes; ImGui copies them
        config.MergeMode = font != nullptr;
        ImFont* added = ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(file.bytes.data()),
                                                                    static_cast<int>(file.bytes.size()), pixels, &config);
        if (!font) font = added;
    }
    if (font) {
        const ImFontConfig standIn = missingGlyphSource();
        ImGui::GetIO().Fonts->AddFont(&standIn);
    }
    return font;
}

void setColors(ImGuiStyle& style) {
    ImGui::StyleColorsDark(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.086f, 0.094f, 0.114f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.110f, 0.118f, 0.141f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.130f, 0.140f, 0.165f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.220f, 0.235f, 0.275f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.160f, 0.172f, 0.204f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.200f, 0.216f, 0.255f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.230f, 0.250f, 0.295f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.200f, 0.330f, 0.520f, 0.80f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.240f, 0.390f, 0.600f, 0.80f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.270f, 0.430f, 0.650f, 1.00f);
    c[ImGuiCol_Button] = ImVec4(0.200f, 0.330f, 0.520f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.250f, 0.400f, 0.620f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.290f, 0.450f, 0.690f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.140f, 0.152f, 0.182f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(1.0f, 1.0f, 1.0f, 0.025f);
    c[ImGuiCol_TableBorderLight] = ImVec4(0.200f, 0.215f, 0.250f, 1.0f);
    c[ImGuiCol_TableBorderStrong] = ImVec4(0.250f, 0.265f, 0.310f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.900f, 0.915f, 0.940f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.500f, 0.530f, 0.590f, 1.0f);
    c[ImGuiCol_PlotHistogram] = ImVec4(0.260f, 0.520f, 0.820f, 1.0f);  // progress bars
    c[ImGuiCol_TextSelectedBg] = ImVec4(0.260f, 0.450f, 0.750f, 0.55f);
}

}  // namespace

void initLook(UiLook& look) {
    ImGuiStyle& style = look.baseStyle;
    setColors(style);
    style.WindowPadding = ImVec2(10, 10);
    style.FramePadding = ImVec2(8, 5);
    style.CellPadding = ImVec2(6, 3);
    style.ItemSpacing = ImVec2(8, 6);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.ScrollbarRounding = 6.0f;
    style.GrabRounding = 4.0f;
    style.ScrollbarSize = 12.0f;
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 1.0f;
}

void updateLook(UiLook& look, float pixelRatio, float textScale, bool fingerSized) {
    if (look.fontsChanged) {
        look.fontsChanged = false;
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        while (!atlas.Fonts.empty()) atlas.RemoveFont(atlas.Fonts.back());
        ImFont* ui = addSlicedFont(look, FontTarget::Ui, kUiFontCssPx);
        ImFont* mono = ui ? addSlicedFont(look, FontTarget::Mono, kMonoFontCssPx) : nullptr;
        if (!ui || !mono) {  // the first slice is missing: ImGui's own font, Latin only
            while (!atlas.Fonts.empty()) atlas.RemoveFont(atlas.Fonts.back());
            ImFontConfig config;
            config.SizePixels = kBuiltinFontCssPx;
            ui = mono = atlas.AddFontDefault(&config);
        }
        ImGui::GetIO().FontDefault = ui;
        look.mono = mono;
        look.pixelRatio = 0.0f;  // the style's font size follows the font
    }
    const float uiScale = pixelRatio * textScale;
    if (pixelRatio == look.pixelRatio && uiScale == look.uiScale && fingerSized == look.fingerSized) return;
    look.pixelRatio = pixelRatio;
    look.uiScale = uiScale;
    look.fingerSized = fingerSized;
    ImGuiStyle scaled = look.baseStyle;
    if (fingerSized) sizeForFingers(scaled);
    scaled.ScaleAllSizes(uiScale);
    scaled.FontSizeBase = ImGui::GetIO().FontDefault->LegacySize;
    scaled.FontScaleDpi = uiScale;
    ImGui::GetStyle() = scaled;
}

void pushMonoFont(const UiLook& look) { ImGui::PushFont(look.mono, look.mono->LegacySize); }

}  // namespace vg::app
