// Tests for text_position.h: line and column of a byte, and where a JSON Pointer's value is written
// in a JSON text (what places `vgen validate`'s diagnostics, its GitHub annotations and SARIF).

#include "text/text_position.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vg {
namespace {

// The line and column of `pointer`'s value in `text`, as "L:C".
std::string placeOf(std::string_view text, std::string_view pointer) {
    const TextPosition at = positionAt(text, pointerOffset(text, pointer));
    return std::to_string(at.line) + ":" + std::to_string(at.column);
}

TEST(TextPosition, LinesAndColumnsCountCharactersFromOne) {
    const std::string text = "{\n  \"prompt\": \"caf\xC3\xA9 \xE6\x9D\xB1\",\n  \"seed\": 1\n}";
    EXPECT_EQ(positionAt(text, 0).line, 1u);
    EXPECT_EQ(positionAt(text, 0).column, 1u);
    const size_t seed = text.find("\"seed\"");
    EXPECT_EQ(positionAt(text, seed).line, 3u);
    EXPECT_EQ(positionAt(text, seed).column, 3u);
    const size_t last = text.find("\xE6\x9D\xB1") + 3;  // after "é" (2 bytes) and "東" (3 bytes): characters count once
    EXPECT_EQ(positionAt(text, last).column, 20u);
    EXPECT_EQ(positionAt(text, text.size() + 100).line, 4u);  // past the end: the end
}

TEST(TextPosition, APointerPlacesTheValueItNames) {
    const std::string text = R"({
  "model": "klingai/kling-v2.6-i2v",
  "prompt": {"image": "https://example.com/cat.png", "text": "a cat"},
  "duration": 7,
  "providerOptions": {"klingai": {"mode": "std", "cfgScale": 2}},
  "shots": [{"prompt": "one"}, {"prompt": "two, with a \"quote\" and ] [ } {"}, {"prompt": "three"}]
})";
    EXPECT_EQ(placeOf(text, ""), "1:1");
    EXPECT_EQ(placeOf(text, "/duration"), "4:15");
    EXPECT_EQ(placeOf(text, "/prompt/text"), "3:62");
    EXPECT_EQ(placeOf(text, "/providerOptions/klingai/cfgScale"), "5:62");
    EXPECT_EQ(placeOf(text, "/shots/2/prompt"), "6:92");  // past a string holding brackets and quotes
    EXPECT_EQ(placeOf(text, "/shots/0"), "6:13");
}

TEST(TextPosition, WhatTheTextDoesNotHoldIsPlacedAtItsNearestAncestor) {
    const std::string text = "{\"providerOptions\": {\"klingai\": {\"mode\": \"std\"}}, \"shots\": [1]}";
    EXPECT_EQ(placeOf(text, "/providerOptions/klingai/cfgScale"), "1:33");  // the klingai object
    EXPECT_EQ(placeOf(text, "/seconds"), "1:1");                            // a member the request lacks
    EXPECT_EQ(placeOf(text, "/shots/3"), "1:60");                           // past the array's end
    EXPECT_EQ(placeOf(text, "/shots/x"), "1:60");                           // not an index
}

TEST(TextPosition, KeysAreComparedDecodedAndPointerTokensUnescaped) {
    const std::string text = "{\"a/b\": 1, \"m~n\": 2, \"\\u0063fg\": 3, \"\\ud83c\\udfac\": 4}";
    EXPECT_EQ(placeOf(text, "/a~1b"), "1:9");
    EXPECT_EQ(placeOf(text, "/m~0n"), "1:19");
    EXPECT_EQ(placeOf(text, "/cfg"), "1:34");
    EXPECT_EQ(placeOf(text, "/\xF0\x9F\x8E\xAC"), "1:53");
}

TEST(TextPosition, TextThatIsNotJsonEndsTheSearchWithoutReadingPastIt) {
    EXPECT_EQ(placeOf("", "/a"), "1:1");
    EXPECT_EQ(placeOf("{\"a\" 1}", "/a"), "1:1");
    EXPECT_EQ(placeOf("{\"a\": [1, 2", "/a/5"), "1:7");
    EXPECT_EQ(placeOf("{\"a\": \"never closed", "/b"), "1:1");
    EXPECT_EQ(placeOf("\xEF\xBB\xBF {\"a\": 1}", "/a"), "1:9");  // after a byte-order mark
}

TEST(TextPosition, ManyPointersFromOneReadingAgreeWithOneAtATime) {
    // An inline image of 256 KB, then two hundred members with a diagnostic each (one reading
    // skips the image once, not two hundred times), in shuffled order, some the text lacks.
    std::string text = "{\n\"prompt\": {\"image\": \"data:image/png;base64," + std::string(1 << 18, 'A') + "\", \"text\": \"x\"}";
    std::vector<std::string> pointers = {"/prompt/text", "/prompt/image", "/missing/deeper", ""};
    for (int i = 0; i < 200; ++i) {
        text += ",\n\"m" + std::to_string(i) + "\": [" + std::to_string(i) + ", {\"k\": \"caf\xC3\xA9\"}]";
        pointers.push_back("/m" + std::to_string((i * 37) % 200) + (i % 3 == 0 ? "/1/k" : i % 3 == 1 ? "/0" : "/5"));
    }
    text += "\n}";
    const std::vector<size_t> offsets = pointerOffsets(text, std::vector<std::string_view>(pointers.begin(), pointers.end()));
    std::vector<size_t> alone;
    for (const std::string& pointer : pointers) alone.push_back(pointerOffset(text, pointer));
    EXPECT_EQ(offsets, alone);
    const std::vector<TextPosition> positions = positionsAt(text, offsets);
    for (size_t i = 0; i < offsets.size(); ++i) {
        EXPECT_EQ(positions[i].line, positionAt(text, offsets[i]).line) << pointers[i];
        EXPECT_EQ(positions[i].column, positionAt(text, offsets[i]).column) << pointers[i];
    }
    EXPECT_EQ(placeOf(text, "/m5/1/k"), "8:17");
}

}  // namespace
}  // namespace vg
