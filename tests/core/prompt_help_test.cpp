// Prompt help: seed 003's template and hints, every example prompt of seeds 000, 001 and 003 run
// through the motion hint, and tag insertion for Kling voices (seed 001) and references (seed 000).
#include "text/prompt_help.h"

#include <gtest/gtest.h>

#include <string>

namespace vg {
namespace {

TEST(PromptTemplatesSeed003, FieldsAndTheSeedsExample) {
    ASSERT_FALSE(promptTemplates().empty());
    const PromptTemplate& anchor = promptTemplates()[0];
    EXPECT_EQ(anchor.text, "A {subject} in {setting}, {action}, {camera movement}, {mood}");
    EXPECT_EQ(anchor.source, "seed 003");
    EXPECT_EQ(templateFields(anchor.text),
              (std::vector<std::string>{"subject", "setting", "action", "camera movement", "mood"}));
    FilledTemplate filled = fillTemplate(anchor.text, {{"subject", "jogger"},
                                                       {"setting", "a misty mountain trail"},
                                                       {"action", "running uphill"},
                                                       {"camera movement", "slow tracking shot from behind"},
                                                       {"mood", "golden hour light, inspirational mood"}});
    EXPECT_EQ(filled.text, "A jogger in a misty mountain trail, running uphill, slow tracking shot from behind, "
                           "golden hour light, inspirational mood");
    EXPECT_TRUE(filled.missing.empty());
    EXPECT_FALSE(promptMotionHint(anchor.example));
}

TEST(PromptTemplates, MissingFieldsStayVisible) {
    FilledTemplate filled = fillTemplate("A {subject} in {setting}, {mood} {subject", {{"subject", "cat"}, {"mood", ""}});
    EXPECT_EQ(filled.text, "A cat in {setting}, {mood} {subject");  // an unclosed brace is text
    EXPECT_EQ(filled.missing, (std::vector<std::string>{"setting", "mood"}));
    EXPECT_EQ(templateFields("{a} {b} {a}"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(templateFields("no fields").empty());
}

TEST(PromptHintSeed003, SeedExamplePromptsNameMotion) {
    const char* examples[] = {
        // seed 003
        "A jogger on a misty mountain trail, running uphill, slow tracking shot from behind, golden hour light.",
        "A coffee cup being filled with steaming coffee",
        "slow zoom in", "pan from left to right",
        // seed 001
        "Camera slowly pans across the scene as clouds drift by",
        "The cat slowly turns its head and blinks",
        "Smooth transition between the two scenes",
        "The person<<<voice_1>>> says: \"Hello, welcome to my channel\"",
        "A ball bouncing across the scene",
        "The character looks up at the sky.", "A bird flies across the frame.", "The character smiles and waves.",
        "The cat waves hello and smiles",
        // seed 000
        "Generate a 30-second cinematic travel video of a sunrise over the Alps, with gentle camera pans",
        "Create a photorealistic kitchen scene with a chef chopping vegetables, realistic lighting",
        "Add a slow 360° rotation and subtle lighting changes.",
        "Generate a smooth transition showing the product assembling.",
        "Create a short video of the dog playing fetch in a park, preserving its identity.",
        "Apply a watercolor painting style while keeping the original motion.",
    };
    for (const char* prompt : examples) EXPECT_FALSE(promptMotionHint(prompt)) << prompt;
}

TEST(PromptHintSeed003, StillPromptsGetTheHint) {
    for (const char* prompt : {"A red apple on a wooden table", "Portrait of a woman, studio lighting",
                               "A serene mountain landscape",  // seed 001 pairs it with cameraControl
                               "PANTRY SHELVES, MOVIE POSTER"}) {
        std::optional<std::string> hint = promptMotionHint(prompt);
        ASSERT_TRUE(hint) << prompt;  // "pantry" is not "pan", "movie" is not "move": whole words only
        EXPECT_NE(hint->find("dynamic camera movement, subject in motion"), std::string::npos);
        EXPECT_EQ(hint->find("seed"), std::string::npos) << *hint;  // a hint for people names no document key
    }
    EXPECT_FALSE(promptMotionHint("   "));  // nothing written yet
    EXPECT_FALSE(promptMotionHint("DOLLY ZOOM on a lighthouse"));  // case-insensitive
}

TEST(PromptHintSeed003, VerticalCompositionFor916) {
    ASSERT_TRUE(promptFramingHint("A dancer on a rooftop", "9:16"));
    EXPECT_NE(promptFramingHint("A dancer on a rooftop", "9:16")->find("vertical composition"), std::string::npos);
    EXPECT_EQ(promptFramingHint("A dancer on a rooftop", "9:16")->find("seed"), std::string::npos);
    EXPECT_FALSE(promptFramingHint("A dancer on a rooftop, vertical composition", "9:16"));
    EXPECT_FALSE(promptFramingHint("A dancer on a rooftop", "16:9"));
}

TEST(PromptTagsSeed001, VoiceTagGoesRightAfterTheSpeaker) {
    EXPECT_EQ(voiceTag(1), "<<<voice_1>>>");
    PromptEdit edit = insertTag("The person says: \"Hello\"", 10, voiceTag(1));
    EXPECT_EQ(edit.text, "The person<<<voice_1>>> says: \"Hello\"");  // seed 001's example
    EXPECT_EQ(edit.cursor, 23u);
    EXPECT_EQ(insertTag("abc", 99, voiceTag(2)).text, "abc<<<voice_2>>>");  // cursor past the end: appended
}

TEST(PromptTagsSeed000, CharacterTagsAreSeparateWords) {
    EXPECT_EQ(referenceTag(2), "character2");
    PromptEdit between = insertTag("Adog plays", 1, referenceTag(1));
    EXPECT_EQ(between.text, "A character1 dog plays");
    EXPECT_EQ(between.cursor, 12u);
    EXPECT_EQ(insertTag("A  runs", 2, referenceTag(1)).text, "A character1 runs");
    EXPECT_EQ(insertTag("", 0, referenceTag(1)).text, "character1");
    // A cursor inside a multi-byte character moves to its start: "é" is two bytes.
    EXPECT_EQ(insertTag("caf\xC3\xA9 time", 4, voiceTag(1)).text, "caf<<<voice_1>>>\xC3\xA9 time");
}

}  // namespace
}  // namespace vg
