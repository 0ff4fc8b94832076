// The page's fonts come in slices by Unicode range (wasm/app/ui/font_slices.txt): the first slice
// with the page, any other the first time text needs one of its characters. ImGui 1.92 asks its font
// sources for a glyph when it first draws or measures it; the last source of each font is a stand-in
// (missingGlyphSource) that holds no glyph and notes the character ImGui could not find, so the
// slice that has it is fetched, whoever put the text there (typing, paste, history, a share link).
#pragma once

#include "imgui.h"

#include <vector>

namespace vg::app {

// Which of the playground's two fonts a file merges into.
enum class FontTarget { Ui, Mono, Both };

// A file of a slice, as the site serves it (generated from font_slices.txt).
struct FontFile {
    const char* path;   // relative to the page, e.g. "fonts/cjk-han-6600.otf"
    FontTarget target;
    int slice;          // the slice's row in font_slices.txt, from 0
};

// What the page holds of one FontFile.
struct FontFileState {
    std::vector<unsigned char> bytes;  // empty until it arrived (or when the fetch failed)
    bool requested = false;            // its fetch has been sent
    bool arrived = false;              // its fetch answered (with bytes or without)
};

struct FontSlices {
    std::vector<FontFileState> files;  // one per fontFiles() entry
    std::vector<int> wanted;           // slices a drawn character needs, not requested yet
};

// Every file of every slice whose source font the build had.
const std::vector<FontFile>& fontFiles();

// True once every file of the first slice has answered (with its bytes or without), or when the
// site has no fonts: the first frame waits for it, so text never jumps.
bool firstSliceArrived(const FontSlices& slices);

// The slice holding `codepoint`; -1 when none does.
int fontSliceOf(unsigned codepoint);

// Notes the slices that characters ImGui looked for and could not find need, in `slices.wanted`
// (once each). Call once, before the first font is added.
void watchMissingGlyphs(FontSlices& slices);

// The source to merge last into every font: ImGui asks it for each character the real sources lack.
ImFontConfig missingGlyphSource();

}  // namespace vg::app
