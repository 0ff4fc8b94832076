// The playground's look: colours, fonts, and scaling by devicePixelRatio.
// ImGui runs in physical pixels (the canvas backing store is CSS size x ratio), so fonts are
// rasterised at size x ratio (style.FontScaleDpi) and every style size is scaled by the ratio:
// text stays crisp. On a touch screen (or a narrow one) controls are sized for a finger: at least
// kFingerCss high, the size both Apple's and Google's guidelines ask for.
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

// Below this width (CSS px) the playground is one column (ui/layout.cpp) and its controls finger-sized.
constexpr float kSingleColumnBelowCss = 700.0f;
// The least height (CSS px) of a control a finger presses.
constexpr float kFingerCss = 44.0f;

struct UiLook {
    float pixelRatio = 0.0f;   // the ratio the style is built for (physical pixels a CSS pixel); 0 = not built yet
    float uiScale = 0.0f;      // ImGui pixels a CSS pixel of the UI's sizes, fonts included: pixelRatio
                               // x the browser's text size (its root font size / 16), so a person who
                               // set larger text in the browser gets it here too
    bool fingerSized = false;  // the style is built for fingers: controls at least kFingerCss high
    FontSlices fonts;          // the font files fetched, and the slices drawn text asks for
    bool fontsChanged = true;  // a font file arrived: the fonts are made again before the next frame
    ImFont* mono = nullptr;    // for JSON (editor, wire preview); the UI font otherwise
    ImGuiStyle baseStyle;      // the theme at ratio 1, scaled into ImGui's style
};

// Sets the theme (call once, after ImGui::CreateContext).
void initLook(UiLook& look);

// Before ImGui::NewFrame: makes the fonts again from the files that arrived, and the style when
// the ratio, the text scale (the browser's text size: 1 = its default) or `fingerSized` changed.
void updateLook(UiLook& look, float pixelRatio, float textScale, bool fingerSized);

// The monospace font at its own size, until ImGui::PopFont.
void pushMonoFont(const UiLook& look);

// A size of the UI in CSS pixels (at the browser's default text size) to ImGui (physical) pixels.
// A place on the page (a rectangle handed to the page) converts by look.pixelRatio instead.
inline float dp(const UiLook& look, float cssPixels) { return cssPixels * look.uiScale; }

// Below this height (CSS px) two columns would leave each panel a row or two (a laptop's window at
// 200 % zoom is about 700 x 430): the playground is one column that scrolls instead.
constexpr float kTwoColumnsFromHeightCss = 560.0f;

// The screen is narrow (a phone): one column, rows of controls that wrap (ui/layout.cpp).
inline bool singleColumn(const UiLook& look) {
    return ImGui::GetMainViewport()->Size.x < dp(look, kSingleColumnBelowCss);
}
// One column that scrolls: on a narrow screen, or one too short for two columns of panels.
inline bool oneColumnLayout(const UiLook& look) {
    return singleColumn(look) || ImGui::GetMainViewport()->Size.y < dp(look, kTwoColumnsFromHeightCss);
}

// The height a row of text that is pressed (a list's row) needs to be a finger's target: 0 (its
// text's height) unless the look is finger-sized.
inline float pressableRowHeight(const UiLook& look) { return look.fingerSized ? dp(look, kFingerCss) : 0.0f; }

}  // namespace vg::app
