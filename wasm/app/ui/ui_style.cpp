#include "ui/ui_style.h"

namespace vg::app {

namespace {

constexpr float kUiFontCssPx = 15.0f;
constexpr float kMonoFontCssPx = 14.0f;
constexpr float kBuiltinFontCssPx = 13.0f;  // ImGui's ProggyClean is drawn for 13 px

// The ranges of wasm/app/ui/font_ranges.txt (Latin-1, punctuation, arrows, maths signs: what
// catalog notes use), the same the site's font files were cut to.
const ImWchar kGlyphRanges[] = {
#include "font_ranges.inc"
    0};

ImFont* addBuiltinFont(float pixels) {
    ImFontConfig config;
    config.SizePixels = pixels;
    return ImGui::GetIO().Fonts->AddFontDefault(&config);
}

ImFont* addTtfFont(std::vector<unsigned char>& ttf, float pixels) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // UiLook owns the bytes; the atlas is rebuilt on zoom
    config.OversampleH = 2;
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()), pixels, &config, kGlyphRanges);
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

bool updateLook(UiLook& look, float pixelRatio) {
    if (pixelRatio == look.pixelRatio && !look.fontsChanged) return false;
    look.pixelRatio = pixelRatio;
    look.fontsChanged = false;

    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (look.uiFontTtf.empty() || look.monoFontTtf.empty()) {
        io.FontDefault = look.mono = addBuiltinFont(kBuiltinFontCssPx * pixelRatio);
    } else {
        io.FontDefault = addTtfFont(look.uiFontTtf, kUiFontCssPx * pixelRatio);
        look.mono = addTtfFont(look.monoFontTtf, kMonoFontCssPx * pixelRatio);
    }
    io.Fonts->Build();

    ImGuiStyle scaled = look.baseStyle;
    scaled.ScaleAllSizes(pixelRatio);
    ImGui::GetStyle() = scaled;
    return true;
}

}  // namespace vg::app
