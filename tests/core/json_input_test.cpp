// Tests for parseJsonInput: every kind of bad input from issue 2's "Bad input" section gives a clear
// error (never a crash, hang or stack overflow), and good input comes back intact.

#include "text/json_input.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vg {
namespace {

// The error message, or "" when the text parsed.
std::string errorOf(std::string_view text, const JsonLimits& limits = {}) {
    const JsonInput input = parseJsonInput(text, limits);
    return input.error ? input.error->message : "";
}

std::string nested(size_t depth, const std::string& open, const std::string& close, const std::string& leaf) {
    std::string text;
    for (size_t i = 0; i < depth; ++i) text += open;
    text += leaf;
    for (size_t i = 0; i < depth; ++i) text += close;
    return text;
}

TEST(JsonInput, ParsesAnOrdinaryRequest) {
    const JsonInput input = parseJsonInput(R"({"model":"klingai/kling-v2.6-i2v","duration":5,
        "providerOptions":{"klingai":{"cfgScale":0.5,"sound":true,"voiceList":[]}},"seed":null,"n":-3})");
    ASSERT_FALSE(input.error) << input.error->message;
    EXPECT_EQ(input.value["duration"], 5);
    EXPECT_EQ(input.value["providerOptions"]["klingai"]["cfgScale"], 0.5);
    EXPECT_TRUE(input.value["providerOptions"]["klingai"]["voiceList"].is_array());
    EXPECT_TRUE(input.value["seed"].is_null());
    EXPECT_EQ(input.value["n"], -3);
}

TEST(JsonInput, ScalarDocumentsAreDocuments) {
    EXPECT_EQ(parseJsonInput("42").value, 42);
    EXPECT_EQ(parseJsonInput(" \"text\" ").value, "text");
    EXPECT_EQ(parseJsonInput("18446744073709551615").value, 18446744073709551615u);
}

TEST(JsonInput, SyntaxErrorsSayLineColumnAndWhatWasExpected) {
    const JsonInput input = parseJsonInput("{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3\n}");
    ASSERT_TRUE(input.error);
    EXPECT_EQ(input.error->message, "invalid JSON at line 3, column 10: expected ',' or '}' but found a string");
    EXPECT_EQ(input.error->byteOffset, 21u);

    EXPECT_EQ(errorOf("[1 2]"), "invalid JSON at line 1, column 4: expected ',' or ']' but found a number");
    EXPECT_EQ(errorOf("{\"a\" 1}"), "invalid JSON at line 1, column 6: expected ':' after the key but found a number");
    EXPECT_EQ(errorOf("{1:2}"), "invalid JSON at line 1, column 2: expected a key in double quotes but found a number");
    EXPECT_EQ(errorOf("{\"a\":"), "invalid JSON at line 1, column 6: expected a value but the document ends");
    EXPECT_EQ(errorOf("[1,2,]"), "invalid JSON at line 1, column 5: trailing comma before ']', remove the comma");
    EXPECT_EQ(errorOf("{\"a\":1 , }"), "invalid JSON at line 1, column 8: trailing comma before '}', remove the comma");
    EXPECT_EQ(errorOf("{\"a\":tru}"),
              "invalid JSON at line 1, column 6: 'tru' is not a JSON value, use a string in double quotes, a number, "
              "true, false, null, an object or an array");
    EXPECT_EQ(errorOf("\"open"), "invalid JSON at line 1, column 1: the string that starts here has no closing quote");
    EXPECT_EQ(errorOf("[-]"), "invalid number at line 1, column 2: expected digit after '-'");
    EXPECT_EQ(errorOf("[1e999]"),
              "number 1e999 at line 1, column 2 is out of range: use a finite number (at most about 1.7e308)");
}

TEST(JsonInput, CommonHandWritingMistakesGetAHint) {
    EXPECT_EQ(errorOf("// note\n{}"), "comment at line 1, column 1: JSON has no comments, remove it");
    EXPECT_EQ(errorOf("{'a':1}"), "single quote at line 1, column 2: JSON strings and keys use double quotes \"");
    EXPECT_EQ(errorOf("{\xE2\x80\x9C"
                      "a\xE2\x80\x9D:1}"),
              "curly quote \xE2\x80\x9C at line 1, column 2: JSON strings and keys use straight double quotes \"");
    EXPECT_EQ(errorOf("{\"a\":\"x\ny\"}"),
              "unescaped control character U+000A (LF) in a string at line 1, column 8: write it as \\u000A or \\n");
    EXPECT_EQ(errorOf(R"(["a\qb"])"),
              "invalid escape in a string at line 1, column 4: after a backslash use \\\", \\\\, \\/, \\b, \\f, \\n, "
              "\\r, \\t or \\uXXXX");
    EXPECT_EQ(errorOf(R"(["\u12"])"),
              "invalid escape in a string at line 1, column 3: \\u must be followed by 4 hex digits");
}

TEST(JsonInput, TrailingGarbageIsRejected) {
    EXPECT_EQ(errorOf("{} {}"),
              "invalid JSON at line 1, column 4: expected the end of the document but found '{' "
              "(wrap several values in an array)");
    EXPECT_EQ(errorOf("{\"a\":1}x"),
              "invalid JSON at line 1, column 8: 'x' is not a JSON value, use a string in double quotes, a number, "
              "true, false, null, an object or an array");
}

// nlohmann's lexer takes a NUL byte for the end of the text: "{...}\0anything" read as the object
// alone, so a payload with binary junk after it (or a C string cut short) passed as valid.
TEST(JsonInput, NulBytesAreRejectedWhereverTheyAre) {
    using namespace std::string_view_literals;
    EXPECT_EQ(errorOf("{\"a\":1}\0trailing"sv),
              "NUL byte at line 1, column 8: JSON text holds none (is this a binary file? inside a string write "
              "\\u0000)");
    EXPECT_EQ(errorOf("{\"a\":\n \"x\0y\"}"sv),
              "NUL byte at line 2, column 4: JSON text holds none (is this a binary file? inside a string write "
              "\\u0000)");
    EXPECT_EQ(errorOf("\0"sv), "NUL byte at line 1, column 1: JSON text holds none (is this a binary file? inside "
                               "a string write \\u0000)");
    EXPECT_FALSE(parseJsonInput("{\"a\":\"x\\u0000y\"}").error) << "the escape is fine";
}

TEST(JsonInput, EmptyAndWhitespaceOnlyInput) {
    EXPECT_EQ(errorOf(""), "empty input: expected a JSON document");
    EXPECT_EQ(errorOf(" \n\t\r\n "), "empty input: expected a JSON document");
    EXPECT_EQ(errorOf("\xEF\xBB\xBF"), "empty input: expected a JSON document");
}

TEST(JsonInput, ByteOrderMarkIsSkipped) {
    const JsonInput input = parseJsonInput("\xEF\xBB\xBF{\"duration\":5}");
    ASSERT_FALSE(input.error) << input.error->message;
    EXPECT_EQ(input.value["duration"], 5);
    // offsets still count from the start of the file, BOM included
    const JsonInput broken = parseJsonInput("\xEF\xBB\xBF{\"duration\":}");
    ASSERT_TRUE(broken.error);
    EXPECT_EQ(broken.error->byteOffset, 15u);
    EXPECT_EQ(broken.error->message, "invalid JSON at line 1, column 13: expected a value but found '}'");
    EXPECT_EQ(errorOf("\xEF\xBB{}"), "invalid UTF-8 at line 1, column 1: save the file as UTF-8");
}

TEST(JsonInput, NaNAndInfinityAreNotJson) {
    EXPECT_EQ(errorOf("NaN"), "NaN at line 1, column 1 is not JSON: use a number or null");
    EXPECT_EQ(errorOf("{\"cfgScale\": NaN}"), "NaN at line 1, column 14 is not JSON: use a number or null");
    EXPECT_EQ(errorOf("[Infinity]"), "Infinity at line 1, column 2 is not JSON: use a number or null");
    EXPECT_EQ(errorOf("[1, -Infinity]"), "-Infinity at line 1, column 5 is not JSON: use a number or null");
    EXPECT_EQ(errorOf("[+Infinity]"), "+Infinity at line 1, column 2 is not JSON: use a number or null");
    EXPECT_EQ(errorOf("[nan]"), "nan at line 1, column 2 is not JSON: use a number or null");
}

TEST(JsonInput, InvalidUtf8IsRejectedWithItsPosition) {
    // 0xC3 starts a two-byte sequence; 0x28 '(' cannot continue it
    const JsonInput input = parseJsonInput("{\"a\": \"\xC3\x28\"}");
    ASSERT_TRUE(input.error);
    EXPECT_EQ(input.error->message, "invalid UTF-8 in a string at line 1, column 8: save the file as UTF-8");
    EXPECT_EQ(input.error->byteOffset, 7u);
    // overlong encodings of '/', two and three bytes long
    EXPECT_EQ(errorOf("[\"\xC0\xAF\"]"), "invalid UTF-8 in a string at line 1, column 3: save the file as UTF-8");
    EXPECT_EQ(errorOf("[\"\xE0\x80\xAF\"]"), "invalid UTF-8 in a string at line 1, column 3: save the file as UTF-8");
    // a surrogate encoded directly in UTF-8 (CESU-8) and a code point above U+10FFFF
    EXPECT_EQ(errorOf("\"\xED\xA0\x80\""), "invalid UTF-8 in a string at line 1, column 2: save the file as UTF-8");
    EXPECT_EQ(errorOf("\"\xF4\x90\x80\x80\""), "invalid UTF-8 in a string at line 1, column 2: save the file as UTF-8");
    // a stray byte outside any string
    EXPECT_EQ(errorOf("[\xFF]"), "invalid UTF-8 at line 1, column 2: save the file as UTF-8");
    // columns count characters: the byte after the two-byte "é" is in column 3, not 4
    EXPECT_EQ(errorOf("\"\xC3\xA9\xFF\""), "invalid UTF-8 in a string at line 1, column 3: save the file as UTF-8");
}

TEST(JsonInput, ValidUtf8AndEscapesSurvive) {
    const JsonInput input = parseJsonInput(R"(["é", "\u00e9", "\ud83c\udfac", "日本"])");
    ASSERT_FALSE(input.error) << input.error->message;
    EXPECT_EQ(input.value[0], "\xC3\xA9");
    EXPECT_EQ(input.value[1], "\xC3\xA9");
    EXPECT_EQ(input.value[2], "\xF0\x9F\x8E\xAC");
}

TEST(JsonInput, LoneSurrogateEscapesAreRejected) {
    EXPECT_EQ(errorOf(R"({"prompt": "\ud800"})"),
              "unpaired UTF-16 surrogate in a string at line 1, column 13: a \\uD800-\\uDBFF escape must be followed "
              "by a \\uDC00-\\uDFFF escape");
    EXPECT_EQ(errorOf(R"(["x\udc00"])"),
              "unpaired UTF-16 surrogate in a string at line 1, column 4: a \\uDC00-\\uDFFF escape must follow a "
              "\\uD800-\\uDBFF escape");
}

TEST(JsonInput, DuplicateKeysAreRejectedAtTopAndNested) {
    EXPECT_EQ(errorOf(R"({"duration": 5, "duration": 10})"),
              "duplicate key \"duration\" in the top-level object (line 1, column 17): keep one");
    const JsonInput input = parseJsonInput(R"({"providerOptions": {"klingai": {"duration": 5,
        "duration": 10}}})");
    ASSERT_TRUE(input.error);
    EXPECT_EQ(input.error->message,
              "duplicate key \"duration\" in /providerOptions/klingai (line 2, column 9): keep one");
    EXPECT_EQ(input.error->byteOffset, 56u);  // the second "duration"
    EXPECT_EQ(errorOf(R"([{"a":1}, {"b":[{"a/b":1, "a/b":2}]}])"),
              "duplicate key \"a/b\" in /1/b/0 (line 1, column 27): keep one");
    EXPECT_EQ(errorOf(R"({"\"q":1, "\"q":2})"),
              "duplicate key \"\\\"q\" in the top-level object (line 1, column 11): keep one");
    // the same key in sibling objects is fine
    EXPECT_EQ(errorOf(R"([{"a":1}, {"a":2}])"), "");
}

// Issue 9, finding 1: the fast pass had no read position, so describing a duplicate key scanned
// memory before the document (ASan: stack-buffer-underflow; a segfault from about 128 KB on).
TEST(JsonInput, DuplicateKeysInSmallAndLargeDocumentsSayWhere) {
    EXPECT_EQ(errorOf(R"({"a":1,"a":2})"), "duplicate key \"a\" in the top-level object (line 1, column 8): keep one");
    const std::string padding(200 * 1024, 'x');  // well past the size that used to segfault
    const std::string prefix = "{\"pad\":\"" + padding + "\",\n";
    const std::vector<std::pair<std::string, std::string>> documents = {
        {prefix + "\"a\":1,\"a\":2}", "the top-level object"},
        {prefix + "\"b\":{\"c\":[0,{\"d\":1,\"d\":2}]}}", "/b/c/1"},
        {prefix + "\"e\":" + nested(30, "{\"f\":", "}", "{\"g\":1,\"g\":2}") + "}",
         "/e" + nested(30, "/f", "", "")},
    };
    for (const auto& [text, where] : documents) {
        const JsonInput input = parseJsonInput(text);
        ASSERT_TRUE(input.error) << where;
        EXPECT_NE(input.error->message.find(" in " + where + " (line 2, column "), std::string::npos)
            << input.error->message;
        const size_t lastKey = text.rfind('"', text.rfind(':') - 2);  // the opening quote of the repeat
        EXPECT_EQ(input.error->byteOffset, lastKey) << input.error->message;
        EXPECT_TRUE(input.value.is_null());
    }
}

TEST(JsonInput, TooDeepNestingInALargeDocumentSaysWhere) {
    const std::string padding(200 * 1024, 'x');
    const std::string text = "{\"pad\":\"" + padding + "\",\n\"deep\":" + nested(70, "[", "]", "") + "}";
    const JsonInput input = parseJsonInput(text);
    ASSERT_TRUE(input.error);
    EXPECT_EQ(input.error->message, "JSON nested deeper than 64 levels (limit nesting_depth) at /deep" +
                                        nested(63, "/0", "", "") + " (line 2, column 71): flatten the document");
    EXPECT_EQ(input.error->byteOffset, text.find('[') + 63);
}

TEST(JsonInput, DepthUpToTheLimitIsFine) {
    EXPECT_EQ(errorOf(nested(64, "[", "]", "1")), "");
    EXPECT_EQ(errorOf(nested(63, "{\"a\":", "}", "[]")), "");
    EXPECT_EQ(errorOf(nested(65, "[", "]", "")),
              "JSON nested deeper than 64 levels (limit nesting_depth) at " + nested(64, "/0", "", "") +
                  " (line 1, column 65): flatten the document");
    JsonLimits shallow;
    shallow.depth.value = 2;
    EXPECT_EQ(errorOf(R"({"a": {"b": [1]}})", shallow),
              "JSON nested deeper than 2 levels (limit nesting_depth) at /a/b (line 1, column 13): flatten the "
              "document");
    EXPECT_EQ(errorOf(R"([[1], [2], [[3]]])", shallow),
              "JSON nested deeper than 2 levels (limit nesting_depth) at /2/0 (line 1, column 13): flatten the "
              "document");
}

TEST(JsonInput, HundredThousandNestedArraysAreAnErrorNotACrash) {
    const std::string deep = nested(100000, "[", "]", "");
    const JsonInput input = parseJsonInput(deep);
    ASSERT_TRUE(input.error);
    EXPECT_NE(input.error->message.find("JSON nested deeper than 64 levels (limit nesting_depth) at /0/0/"),
              std::string::npos);
    EXPECT_EQ(input.error->byteOffset, 64u);
    EXPECT_TRUE(input.value.is_null());
    // unbalanced: no closing brackets at all
    EXPECT_NE(errorOf(std::string(100000, '[')).find("JSON nested deeper than 64 levels"), std::string::npos);
}

TEST(JsonInput, HundredThousandNestedObjectsAreAnErrorNotACrash) {
    EXPECT_NE(errorOf(nested(100000, "{\"a\":", "}", "1"))
                  .find("JSON nested deeper than 64 levels (limit nesting_depth) at /a/a/a/"),
              std::string::npos);
    std::string unclosed;
    for (int i = 0; i < 100000; ++i) unclosed += "{\"a\":";
    EXPECT_NE(errorOf(unclosed).find("JSON nested deeper than 64 levels"), std::string::npos);
}

TEST(JsonInput, TenMegabyteStringParsesQuickly) {
    const std::string big(10u * 1024u * 1024u, 'x');
    const auto start = std::chrono::steady_clock::now();
    const JsonInput input = parseJsonInput("{\"prompt\":\"" + big + "\"}");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_FALSE(input.error) << input.error->message;
    EXPECT_EQ(input.value["prompt"].get_ref<const std::string&>().size(), big.size());
    EXPECT_LT(seconds, 5.0);  // about 0.1 s here; generous for slow CI machines and sanitizer builds
}

// Issue 10: long plain strings (an inline image's base64) are read eight bytes at a time; what comes
// back is what nlohmann reads, wherever they stand.
TEST(JsonInput, LongPlainStringsComeBackIntact) {
    std::string image;
    for (size_t i = 0; image.size() < 70000; ++i) image += "iVBORw0KGgo+/AAA"[i % 16];
    const std::string url = "https://example.com/" + std::string(5000, 'p') + ".png";
    const std::vector<std::string> documents = {
        "\"" + image + "\"",
        "{\"image\": \"" + image + "\", \"text\": \"caf\u00e9 \\\"quoted\\\" \\u00e9\"}",
        "[\"" + image + "\", 1, \"" + url + "\", [\"" + image + "x\"], {\"" + image + "\": \"" + image + "\"}]",
        "{\"a\": \"" + image + "\\n" + image + "\", \"b\": \"" + image + "\u00e9\"}",  // long but not plain
        "{\"prompt\": {\"image\": \"" + image + "\"}, \"n\": [true, null, -1.5e3, \"\"]}",
    };
    JsonLimits longKeys;
    longKeys.keyBytes.value = kStringBytes.value;
    for (const std::string& text : documents) {
        const JsonInput input = parseJsonInput(text, longKeys);
        ASSERT_FALSE(input.error) << input.error->message;
        EXPECT_EQ(input.value, json::parse(text)) << text.substr(0, 80);
    }
}

// The scanner finds the end of a plain run sixteen, then eight bytes at a time, then byte by byte:
// a byte that ends the run must be seen at every offset of every block, and at the text's end.
TEST(JsonInput, EveryByteThatEndsAPlainRunIsSeenWhereverItFalls) {
    const std::vector<std::string> enders = {"\\\"", "\\\\", "\\u00e9", "\x1f", "\t", "\xc3\xa9", "\xe6\x9d\xb1",
                                             "\xff", "\xc3", "\"", "\x7f"};
    size_t checked = 0;
    for (size_t length = 0; length <= 40; ++length)
        for (size_t at = 0; at <= length; ++at)
            for (const std::string& ender : enders) {
                const std::string run = std::string(at, 'a') + ender + std::string(length - at, 'b');
                for (const std::string& text : {"\"" + run + "\"", "{\"k\": \"" + run + "\"}", "[\"" + run + "\", 1]"}) {
                    const JsonInput input = parseJsonInput(text);
                    ASSERT_EQ(!input.error, json::accept(text)) << text;
                    ++checked;
                    if (input.error) continue;
                    ASSERT_EQ(input.value, json::parse(text)) << text;
                }
            }
    EXPECT_GT(checked, 10000u);
}

TEST(JsonInput, LongStringsKeepEveryDiagnosticExact) {
    const std::string image(5000, 'Q');
    JsonLimits roomy;
    roomy.keyBytes.value = 6000;
    JsonLimits tight;
    tight.stringBytes.value = 4999;
    tight.keyBytes.value = 4999;
    const auto expectError = [](const JsonInput& input, const std::string& message, size_t byteOffset) {
        ASSERT_TRUE(input.error);
        EXPECT_EQ(input.error->message, message);
        EXPECT_EQ(input.error->byteOffset, byteOffset);
        EXPECT_TRUE(input.value.is_null());
    };
    expectError(parseJsonInput("{\"a\": \"" + image + "\",\n \"a\": \"" + image + "\"}"),
                "duplicate key \"a\" in the top-level object (line 2, column 2): keep one", 5011);
    expectError(parseJsonInput("{\"" + image + "\": 1,\n \"" + image + "\": 2}", roomy),
                "duplicate key \"" + image + "\" in the top-level object (line 2, column 2): keep one", 5009);
    expectError(parseJsonInput("{\"a\": [\"" + image + "\"]}", tight),
                "string at /a/0 (line 1, column 8) is longer than 4999 bytes (limit string_bytes): send large media "
                "by URL, or upload it and send its URL",
                7);
    expectError(parseJsonInput("{\"" + image + "\": 1}", tight),
                "key in the top-level object (line 1, column 2) is longer than 4999 bytes (limit key_bytes): use the "
                "field names `vgen schema` lists",
                1);
    expectError(parseJsonInput("{\"a\": \"" + image + "\",\n \"b\": tru}"),
                "invalid JSON at line 2, column 7: 'tru' is not a JSON value, use a string in double quotes, a "
                "number, true, false, null, an object or an array",
                5016);
    expectError(parseJsonInput("{\"a\": \"" + image + "\"\n \"b\": 1}"),
                "invalid JSON at line 2, column 2: expected ',' or '}' but found a string", 5010);
    expectError(parseJsonInput("{\"a\": \"" + image),
                "invalid JSON at line 1, column 7: the string that starts here has no closing quote", 6);
    expectError(parseJsonInput("{\"a\": \"" + image + "\xFF" + image + "\"}"),
                "invalid UTF-8 in a string at line 1, column 5008: save the file as UTF-8", 5007);
    expectError(parseJsonInput("{\"a\": \"" + image + "\n\"}"),
                "unescaped control character U+000A (LF) in a string at line 1, column 5008: write it as \\u000A or "
                "\\n",
                5007);
}

TEST(JsonInput, OversizeInputIsRefusedBeforeParsing) {
    JsonLimits small;
    small.bytes.value = 16;
    EXPECT_EQ(errorOf("[1,2,3,4,5,6,7,8,9]", small),
              "input is 19 bytes, more than 16 bytes (limit body_bytes): send a smaller document");
    // refused by size even though it is not JSON at all: the parser never saw it
    EXPECT_EQ(errorOf(std::string(17, '['), small),
              "input is 17 bytes, more than 16 bytes (limit body_bytes): send a smaller document");
    EXPECT_EQ(errorOf("[1,2,3,4,5,6,7]", small), "");
}

// Issue 9, finding 3: every size limit is checked while reading, names its table entry and the
// JSON Pointer, and a refused document costs no more than reading up to the refusal.
TEST(JsonInput, EachLimitIsCheckedWhileReadingAndNamed) {
    JsonLimits small;
    small.stringBytes.value = 8;
    small.keyBytes.value = 4;
    small.arrayItems.value = 3;
    small.objectMembers.value = 2;
    EXPECT_EQ(errorOf(R"({"a": "12345678"})", small), "");
    EXPECT_EQ(errorOf(R"({"a": "123456789"})", small),
              "string at /a (line 1, column 7) is longer than 8 bytes (limit string_bytes): send large media by "
              "URL, or upload it and send its URL");
    EXPECT_EQ(errorOf(R"({"b": ["", "123456789"]})", small).substr(0, 33), "string at /b/1 (line 1, column 12");
    EXPECT_EQ(errorOf(R"( "123456789")", small).substr(0, 41), "string at the top level (line 1, column 2");
    EXPECT_EQ(errorOf(R"({"abcd": 1})", small), "");
    EXPECT_EQ(errorOf(R"({"x": {"abcde": 1}})", small),
              "key in /x (line 1, column 8) is longer than 4 bytes (limit key_bytes): use the field names "
              "`vgen schema` lists");
    EXPECT_EQ(errorOf(R"({"x": [1, 2, 3]})", small), "");
    EXPECT_EQ(errorOf(R"({"x": [1, 2, 3, 4]})", small),
              "array at /x (line 1, column 7) has more than 3 items (limit array_items): send fewer items");
    EXPECT_EQ(errorOf("[[], {}, null, true]", small),
              "array at the top level (line 1, column 1) has more than 3 items (limit array_items): send fewer items");
    EXPECT_EQ(errorOf(R"({"a": 1, "b": 2, "c": 3})", small),
              "the top-level object (line 1, column 1) has more than 2 members (limit object_members): send only the "
              "fields the model takes");
    EXPECT_EQ(errorOf(R"([{"a": 1, "b": 2, "c": 3}])", small).substr(0, 40), "the object at /0 (line 1, column 2) has ");

    JsonLimits few;
    few.values.value = 5;
    EXPECT_EQ(errorOf(R"(["a", "b", ["c"]])", few), "");
    const std::string tooMany = errorOf(R"(["a", "b", ["c", "d"]])", few);
    EXPECT_EQ(tooMany.substr(0, 72), "document has more than 5 values (limit json_values); the next is at /2/1");
    EXPECT_NE(tooMany.find(": send a smaller request"), std::string::npos) << tooMany;
}

TEST(JsonInput, FiftyMegabyteArrayInAnUnknownFieldIsRefusedAtItsLimit) {
    std::string text = R"({"model": "kling-2.6", "junk": [)";
    const size_t arrayStart = text.size() - 1;
    text.reserve(kBodyBytes.value);
    while (text.size() + 3 < kBodyBytes.value) text += "0, ";
    text += "0]}";
    ASSERT_LE(text.size(), kBodyBytes.value);
    const JsonInput input = parseJsonInput(text);
    ASSERT_TRUE(input.error);
    EXPECT_EQ(input.error->message, "array at /junk (line 1, column " + std::to_string(arrayStart + 1) +
                                        ") has more than 1000 items (limit array_items): send fewer items");
    EXPECT_EQ(input.error->byteOffset, arrayStart);
    EXPECT_TRUE(input.value.is_null());
}

TEST(JsonInput, AStoredHistoryMayHoldMoreValuesThanARequest) {
    std::string history = "[";
    for (size_t entry = 0; entry < 100; ++entry) {
        history += entry ? ",[" : "[";
        for (size_t value = 0; value < kJsonValues.value / 50; ++value) history += value ? ",0" : "0";
        history += "]";
    }
    history += "]";
    EXPECT_NE(errorOf(history).find("(limit json_values)"), std::string::npos);
    EXPECT_FALSE(parseJsonInput(history, answerJsonLimits()).error);
}

TEST(JsonInput, AnswersMayCarryAWholeVideoAsOneString) {
    const std::string answer = R"({"videos": [{"data": ")" + std::string(30 * kMiB, 'A') + R"("}]})";
    EXPECT_NE(errorOf(answer).find("(limit string_bytes)"), std::string::npos);
    const JsonInput input = parseJsonInput(answer, answerJsonLimits());
    ASSERT_FALSE(input.error) << input.error->message;
    EXPECT_EQ(input.value["videos"][0]["data"].get_ref<const std::string&>().size(), 30 * kMiB);
}

// The same kinds, recursively: nlohmann's == compares numbers by value, so 5 (unsigned) equals 5
// (signed) there; the core reads a value's kind too.
bool sameKinds(const json& a, const json& b) {
    if (a.type() != b.type() || a.size() != b.size()) return false;
    if (a.is_object()) {
        for (auto member = a.begin(); member != a.end(); ++member) {
            if (!b.contains(member.key()) || !sameKinds(member.value(), b.at(member.key()))) return false;
        }
    } else if (a.is_array()) {
        for (size_t i = 0; i < a.size(); ++i) {
            if (!sameKinds(a[i], b[i])) return false;
        }
    }
    return true;
}

// Issue 15: the one-pass scanner accepts exactly what nlohmann's strict parser accepts, with the same
// values of the same kinds; what it refuses, nlohmann describes.
TEST(JsonInput, ReadsExactlyWhatNlohmannReads) {
    const std::vector<std::string> texts = {
        // numbers: unsigned when not negative, signed when negative, double past 64 bits or with a
        // fraction or exponent; not finite is refused
        "0", "-0", "7", "-7", "123456789012345678", "-123456789012345678", "1234567890123456789",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "99999999999999999999999", "-0.0", "0.1", "1e5", "1E+5",
        "2.5e-3", "1e-400", "1.7976931348623157e308", "1e309", "-1e309", "01", "1.", ".5", "-", "+1", "1e", "1e+",
        "0x10", "1.5.2", "--1", "- 1",
        // literals and whitespace
        "true", "false", "null", " \t\r\n null \n", "tru", "nulll", "True", "[true,false,null]",
        // strings and escapes
        R"("")", R"("plain ascii text that is longer than eight bytes")", R"("\"\\\/\b\f\n\r\t")",
        R"("\u00e9\u00E9\u4e2d\ud83d\ude00\u0000")", R"("\ud83d")", R"("\ude00")", R"("\ud83dx")",
        R"("\ud83d\u0041")", R"("\u12")", R"("\u12G4")", R"("\x")", R"("\)", "\"tab\there\"",
        "\"caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80\"", "\"\xC0\x80\"", "\"\xC1\xBF\"", "\"\xE0\x80\xAF\"",
        "\"\xED\xA0\x80\"", "\"\xF0\x8F\xBF\xBF\"", "\"\xF4\x90\x80\x80\"", "\"\xF5\x80\x80\x80\"", "\"\xC3\"",
        "\"\xE4\xB8\"", "\"\x80\"", "\"\x7F\"", "\"\x1F\"", "\"12345678\\n12345678\xC3\xA9" "12345678\"",
        "\xC3\xA9", "[\"a\xC3\xA9\"]",
        // structure
        "{}", "[]", "[[]]", R"({"a":{}})", R"({"a":[1,{"b":[]}]})", R"( { "a" : 1 , "b" : [ 2 , 3 ] } )",
        R"({"a":1,})", "[1,]", "[1 2]", R"({"a" 1})", R"({"a":})", "{a:1}", R"({"a":1}})", "[1]]", R"({"a":1} x)",
        "[", "{", R"({"a")", R"({"a":)", "1 2", "[1,\n2]\n", "[1,\n2]\x0B",
    };
    for (const std::string& text : texts) {
        const JsonInput ours = parseJsonInput(text);
        std::optional<json> theirs;
        try {
            theirs = json::parse(text);
        } catch (const json::exception&) {
        }
        EXPECT_EQ(!ours.error, theirs.has_value()) << text << ": " << (ours.error ? ours.error->message : "read");
        if (!ours.error && theirs) {
            EXPECT_EQ(ours.value, *theirs) << text;
            EXPECT_TRUE(sameKinds(ours.value, *theirs)) << text << " read as " << ours.value.dump();
            EXPECT_EQ(ours.value.dump(), theirs->dump()) << text;
        }
    }
}

TEST(JsonInput, EveryPrefixOfAValidDocumentIsAnErrorOrAValue) {
    const std::string text = R"({"a": [1, -2.5e3, "x\u00e9\n", true, false, null], "b": {"c": {}}})";
    for (size_t length = 0; length < text.size(); ++length) {
        const JsonInput input = parseJsonInput(std::string_view(text).substr(0, length));
        EXPECT_TRUE(input.error) << "prefix of " << length << " bytes parsed";
        if (input.error) {
            EXPECT_LE(input.error->byteOffset, length);
        }
    }
    EXPECT_FALSE(parseJsonInput(text).error);
}

}  // namespace
}  // namespace vg
