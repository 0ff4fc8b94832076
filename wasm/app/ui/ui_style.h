// The playground's look: colours, fonts, and scaling by devicePixelRatio.
// ImGui runs in physical pixels (the canvas backing store is CSS size x ratio), so fonts are
// rasterised at size x ratio and every style size is scaled by the ratio: text stays crisp.
#pragma once

#include "imgui.h"

#include <vector>

namespace vg::app {

// Semantic colours the panels use beyond the theme.
inline const ImVec4 kColorAccent{0.42f, 0.72f, 1.00f, 1.0f};
inline const ImVec4 kColorError{1.00f, 0.42f, 0.42f, 1.0f};
inline const ImVec4 kColorWarning{1.00f, 0.78f, 0.35f, 1.0f};
inline const ImVec4 kColorValid{0.45f, 0.85f, 0.55f, 1.0f};
inline const ImVec4 kColorMuted{0.60f, 0.63f, 0.70f, 1.0f};

struct UiLook {
    float pixelRatio = 0.0f;                // the ratio fonts and style are built for; 0 = not built yet
    std::vector<unsigned char> uiFontTtf;   // fetched fonts; empty = ImGui's built-in font
    std::vector<unsigned char> monoFontTtf;
    bool fontsChanged = true;               // rebuild the atlas before the next frame
    ImFont* mono = nullptr;                 // for JSON (editor, wire preview); the UI font otherwise
    ImGuiStyle baseStyle;                   // the theme at ratio 1, scaled into ImGui's style
};

// Sets the theme (call once, after ImGui::CreateContext).
void initLook(UiLook& look);

// Before ImGui::NewFrame: rebuilds the fonts and the style when the ratio or the fonts changed.
// Returns true when it did, i.e. the renderer's font texture must be recreated.
bool updateLook(UiLook& look, float pixelRatio);

// CSS pixels to ImGui (physical) pixels.
inline float dp(const UiLook& look, float cssPixels) { return cssPixels * look.pixelRatio; }

}  // namespace vg::app
