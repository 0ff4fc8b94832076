// Tests for JsonWriter and appendJsonString: byte for byte what nlohmann prints for the same tree
// (printedJson), which every report printed before them was, and tools diff against.

#include "api/api.h"
#include "text/json_writer.h"
#include "text/text_format.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vg {
namespace {

using ordered_json = nlohmann::ordered_json;

TEST(JsonWriter, StringsAreEscapedAsNlohmannEscapesThem) {
    const std::vector<std::string> texts = {
        "", "plain", "quote \" and backslash \\", "\b\f\n\r\t", std::string("nul \0 byte", 10), "\x01\x1f\x7f",
        "caf\xC3\xA9 \xE6\x9D\xB1 \xF0\x9F\x8E\xAC", "broken \xC3 byte", "\xFF", "overlong \xC0\x80", "tail \xE6\x9D",
        "surrogate \xED\xA0\x80 half", "/slash/ ~tilde~",
    };
    for (const std::string& text : texts) {
        std::string ours;
        appendJsonString(ours, text);
        EXPECT_EQ(ours, json(text).dump(-1, ' ', false, json::error_handler_t::replace)) << text;
        std::string after = "kept:";
        appendJsonString(after, text);
        EXPECT_EQ(after, "kept:" + ours) << "what was in the buffer before stays";
    }
}

// Whether a string needs escaping is read eight bytes at a time: a byte to escape at every place
// of every length up to three words, as a key and as a value, must come out as nlohmann has it.
TEST(JsonWriter, ABadByteAnywhereIsEscapedAtEveryLength) {
    for (size_t length = 0; length <= 24; ++length) {
        for (const char bad : {'"', '\\', '\x1f', '\x7f', '\xC3', '\xFF'}) {
            for (size_t at = 0; at <= length; ++at) {
                std::string text(length, 'a');
                if (at < length) text[at] = bad;
                EXPECT_EQ(isPlainJsonString(text), at == length || bad == '\x7f') << length << " " << at;
                const ordered_json tree = ordered_json::array({ordered_json{{text, text}}});
                for (int indent : {2, -1}) {
                    std::string ours;
                    {
                        JsonWriter writer(ours, indent);
                        writer.beginArray();
                        writer.beginObject();
                        writer.key(text);
                        writer.value(text);
                        writer.endObject();
                        writer.endArray();
                    }
                    EXPECT_EQ(ours + "\n", printedJson(tree, indent)) << length << " " << at;
                }
            }
        }
    }
}

// Writes `value` with JsonWriter, the way a report is written.
void writeTree(JsonWriter& writer, const ordered_json& value) {
    if (value.is_object()) {
        writer.beginObject();
        for (auto it = value.begin(); it != value.end(); ++it) {
            writer.key(it.key());
            writeTree(writer, it.value());
        }
        writer.endObject();
    } else if (value.is_array()) {
        writer.beginArray();
        for (const ordered_json& item : value) writeTree(writer, item);
        writer.endArray();
    } else if (value.is_boolean()) {
        writer.value(value.get<bool>());
    } else if (value.is_number_unsigned()) {
        writer.value(value.get<uint64_t>());
    } else {
        writer.value(value.get_ref<const std::string&>());
    }
}

TEST(JsonWriter, LayoutIsPrintedJsonsIndentedAndOnOneLine) {
    const std::vector<ordered_json> trees = {
        ordered_json::object(),
        ordered_json::array(),
        ordered_json{{"valid", true}, {"dialect", "aisdk"}, {"diagnostics", ordered_json::array()}},
        ordered_json{{"a", ordered_json::object()}, {"b", ordered_json::array({ordered_json::array(), 1u, "x"})},
                     {"c", {{"d", {{"e", false}}}}}},
        ordered_json::array({ordered_json{{"line", 3u}, {"k\"ey", "v\nalue"}}, ordered_json::object()}),
    };
    for (const ordered_json& tree : trees) {
        for (int indent : {2, -1}) {
            std::string ours;
            {
                JsonWriter writer(ours, indent);
                writeTree(writer, tree);
            }  // the text is whole once the writer is gone
            EXPECT_EQ(ours + "\n", printedJson(tree, indent)) << tree.dump();
            // After text already there (a JSON Lines report after the one before), with room
            // made ahead of it or not: that text stays, the tree follows it.
            for (const size_t expected : {size_t{0}, size_t{3}, size_t{4096}}) {
                std::string after = "before\n";
                {
                    JsonWriter writer(after, indent, expected);
                    writeTree(writer, tree);
                }
                EXPECT_EQ(after, "before\n" + ours) << expected;
            }
        }
    }
}

// The report `vgen validate --json` prints is written with no tree: it must still read back as the
// tree it stands for, printed exactly as printedJson prints that tree.
TEST(JsonWriter, TheValidationReportIsPrintedJsonOfItsOwnTree) {
    const std::vector<std::string> requests = {
        R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a fox", "duration": 5})",
        R"({"model": "klingai/kling-v2.6-t2v", "prompt": "a \"fox\"\n\tin snow \u00e9", "duration": 11,
            "aspectRatio": "2:1", "providerOptions": {"klingai": {"cfgScale": 7}}})",
        R"({"model": "no-such/model", "prompt": "x"})",
        R"({"model": 5})",
        "{\"model\": \"klingai/kling-v2.6-t2v\",\n \"prompt\": tru}",
        "\xFF\xFE{}",
    };
    for (const std::string& request : requests) {
        const ApiResult result = apiValidate(request, "aisdk", true);
        ASSERT_FALSE(result.output.empty()) << request;
        const ordered_json tree = ordered_json::parse(result.output);
        EXPECT_EQ(result.output, printedJson(tree)) << request;
        ASSERT_TRUE(tree.contains("diagnostics")) << result.output;
        for (const ordered_json& d : tree["diagnostics"]) {
            EXPECT_TRUE(d["line"].is_number_unsigned() && d["column"].is_number_unsigned()) << result.output;
        }
    }
}

}  // namespace
}  // namespace vg
