// The playground's look: colours, fonts, and scaling by devicePixelRatio.
// ImGui runs in physical pixels (the canvas backing store is CSS size x ratio), so fonts are
// rasterised at size x ratio (style.FontScaleDpi) and every style size is scaled by the ratio:
// text stays crisp.
#pragma once

#include "ui/font_slices.h"

#include "imgui.h"

namespace vg::app {

// Semantic colours the panels use beyond the theme.
inline const ImVec4 kColorAccent{0.42f, 0.72f, 1.00f, 1.0f};
inline const ImVec4 kColorError{1.00f, 0.42f, 0.42f, 1.0f};
inline const ImVec4 kColorWarning{1.00f, 0.78f, 0.35f, 1.0f};
inline const ImVec4 kColorValid{0.45f, 0.85f, 0.55f, 1.0f};
inline const ImVec4 kColorMuted{0.60f, 0.63f, 0.70f, 1.0f};

struct UiLook {
    float pixelRatio = 0.0f;   // the ratio the style is built for; 0 = not built yet
    FontSlices fonts;          // the font files fetched, and the slices drawn text asks for
    bool fontsChanged = true;  // a font file arrived: the fonts are made again before the next frame
    ImFont* mono = nullptr;    // for JSON (editor, wire preview); the UI font otherwise
    ImGuiStyle baseStyle;      // the theme at ratio 1, scaled into ImGui's style
};

// Sets the theme (call once, after ImGui::CreateContext).
void initLook(UiLook& look);

// Before ImGui::NewFrame: makes the fonts again from the files that arrived, and the style when
// the ratio changed.
void updateLook(UiLook& look, float pixelRatio);

// The monospace font at its own size, until ImGui::PopFont.
void pushMonoFont(const UiLook& look);

// CSS pixels to ImGui (physical) pixels.
inline float dp(const UiLook& look, float cssPixels) { return cssPixels * look.pixelRatio; }

}  // namespace vg::app
