#include "ui/font_slices.h"

#include "imgui_internal.h"  // ImFontLoader: how a font source hands ImGui its glyphs

#include <algorithm>
#include <cstring>

namespace vg::app {

namespace {

struct FontRange {
    unsigned first, last;  // inclusive
    int slice;
};

#include "font_slices.inc"

FontSlices* gWatched = nullptr;  // the page has one set of fonts

void noteMissing(unsigned codepoint) {
    const int slice = fontSliceOf(codepoint);
    if (slice < 0 || !gWatched) return;
    FontSlices& slices = *gWatched;
    for (size_t i = 0; i < slices.files.size(); i++) {
        if (fontFiles()[i].slice == slice && slices.files[i].requested) return;  // on its way or here
    }
    if (std::find(slices.wanted.begin(), slices.wanted.end(), slice) == slices.wanted.end()) slices.wanted.push_back(slice);
}

// ImGui calls this for a character no earlier source of the font had, to draw it or to measure it
// (out_glyph null). It never has the glyph: ImGui then draws its fallback until the slice arrives.
bool loadMissingGlyph(ImFontAtlas*, ImFontConfig*, ImFontBaked*, void*, ImWchar codepoint, ImFontGlyph*, float*) {
    noteMissing(codepoint);
    return false;
}

const ImFontLoader& missingGlyphLoader() {
    static const ImFontLoader loader = [] {
        ImFontLoader value;
        value.Name = "vg_missing_glyphs";
        value.FontBakedLoadGlyph = loadMissingGlyph;
        return value;
    }();
    return loader;
}

}  // namespace

const std::vector<FontFile>& fontFiles() {
    static const std::vector<FontFile> files(std::begin(kFontFiles), std::end(kFontFiles) - 1);  // without the end mark
    return files;
}

bool firstSliceArrived(const FontSlices& slices) {
    for (size_t i = 0; i < slices.files.size(); i++) {
        if (fontFiles()[i].slice == 0 && !slices.files[i].arrived) return false;
    }
    return true;
}

int fontSliceOf(unsigned codepoint) {
    for (const FontRange* range = kFontRanges; range->slice >= 0; range++) {
        if (codepoint >= range->first && codepoint <= range->last) return range->slice;
    }
    return -1;
}

void watchMissingGlyphs(FontSlices& slices) {
    gWatched = &slices;
    slices.files.resize(fontFiles().size());
}

ImFontConfig missingGlyphSource() {
    ImFontConfig config;
    config.MergeMode = true;
    config.FontLoader = &missingGlyphLoader();
    std::strncpy(config.Name, "missing glyphs", sizeof config.Name - 1);
    return config;
}

}  // namespace vg::app
