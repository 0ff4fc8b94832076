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

// The line and column of every byte of a text with characters of one to four bytes, some split
// across the eight-byte words positionsAt counts in, against counting them one byte at a time.
TEST(TextPosition, EveryOffsetAgreesWithCountingByteByByte) {
    std::string text = "{\"prompt\": \"";
    for (int i = 0; i < 40; ++i) text += i % 7 == 0 ? "\n" : i % 3 == 0 ? "\xC3\xA9" : i % 5 == 0 ? "\xE6\x9D\xB1" : i % 4 == 0 ? "\xF0\x9F\x8E\xAC" : "ab";
    text += "\", \"seed\": 1}";
    TextPosition expected;
    for (size_t offset = 0; offset <= text.size(); ++offset) {
        const TextPosition at = positionAt(text, offset);
        EXPECT_EQ(at.line, expected.line) << offset;
        EXPECT_EQ(at.column, expected.column) << offset;
        if (offset == text.size()) break;
        const auto c = static_cast<unsigned char>(text[offset]);
        if (c == '\n') expected = {expected.line + 1, 1};
        else if ((c & 0xC0) != 0x80) ++expected.column;
    }
    // In any order, many at once (and in the order given back).
    const std::vector<size_t> offsets = {text.size(), 3, text.find("seed"), 0, 3, text.find('\n') + 1};
    const std::vector<TextPosition> positions = positionsAt(text, offsets);
    for (size_t i = 0; i < offsets.size(); ++i) {
        EXPECT_EQ(positions[i].line, positionAt(text, offsets[i]).line) << offsets[i];
        EXPECT_EQ(positions[i].column, positionAt(text, offsets[i]).column) << offsets[i];
    }
}

TEST(TextPosition, PointersThroughArraysAndNestedObjects) {
    const std::string text = "{\"b\": {\"a\": 1}, \"a\": {\"b\": [[0, 1], [2, [3, {\"b\": \"x\"}]], 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]}}";
    EXPECT_EQ(placeOf(text, "/a/b/1/1/1/b"), "1:51");
    EXPECT_EQ(placeOf(text, "/a/b/11"), "1:89");   // an index of two digits
    EXPECT_EQ(placeOf(text, "/a/b/01"), "1:28");   // not an index as a pointer writes one: the array
    EXPECT_EQ(placeOf(text, "/a/b/12"), "1:28");   // past its end: the array
    EXPECT_EQ(placeOf(text, "/b/a"), "1:13");      // the same names at other levels
    EXPECT_EQ(placeOf(text, "/a/c/d"), "1:22");    // missing: its nearest ancestor the text holds
    // Pointers that are each other's ancestors, and the same one twice, from one reading.
    const std::vector<std::string_view> pointers = {"/a/b/1/1/1/b", "/a", "/a/b/1", "/a", ""};
    const std::vector<size_t> offsets = pointerOffsets(text, pointers);
    for (size_t i = 0; i < pointers.size(); ++i) EXPECT_EQ(offsets[i], pointerOffset(text, pointers[i])) << pointers[i];
}

TEST(TextPosition, EscapedKeysLongAndShortMatchOnlyTheirOwnPointer) {
    // Keys past the first words read eight bytes at a time, with and without escapes; "~" and "/"
    // in keys; a pointer token escaped some other way ("~2") names no key.
    const std::string text = "{\"a_key_longer_than_thirty_two_bytes_here\": 1, \"a_key_longer_than_thirty_two_\\u0062ytes\": 2, "
                             "\"\": 3, \"~/\": 4, \"~2\": 5, \"caf\xC3\xA9\": 6}";
    EXPECT_EQ(placeOf(text, "/a_key_longer_than_thirty_two_bytes_here"), "1:45");
    EXPECT_EQ(placeOf(text, "/a_key_longer_than_thirty_two_bytes"), "1:91");
    EXPECT_EQ(placeOf(text, "/"), "1:98");
    EXPECT_EQ(placeOf(text, "/~0~1"), "1:107");
    EXPECT_EQ(placeOf(text, "/~2"), "1:1");
    EXPECT_EQ(placeOf(text, "/caf\xC3\xA9"), "1:127");
}

TEST(TextPosition, AKeyWrittenTwicePlacesItsFirstValue) {
    // parseJsonInput refuses such a text; placing stops at the first value it was asked for.
    EXPECT_EQ(placeOf("{\"a\": 1, \"a\": 2}", "/a"), "1:7");
    EXPECT_EQ(placeOf("{\"a\": {\"b\": 1}, \"a\": {}}", "/a/b"), "1:13");
    EXPECT_EQ(placeOf("{\"a\": 1, \"b\": [never read", "/a"), "1:7");  // what follows is not read
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
