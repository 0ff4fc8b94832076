// VideoGen core: help for writing prompts.
// Seed 003's prompt patterns (an anchor template, "specify motion vs static", vertical framing for
// 9:16) and the tags other seeds read inside a prompt: Kling's <<<voice_N>>> (seed 001) and the
// character1, character2 ... tags for reference images (seed 000).
//
// Index
// [SECTION] Templates
// [SECTION] Hints
// [SECTION] Tags
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Templates
//-----------------------------------------------------------------------------

struct PromptTemplate {
    std::string_view id;       // "subject-setting"
    std::string_view text;     // "A {subject} in {setting}, {action}, {camera movement}, {mood}"
    std::string_view example;  // the seed's own filled-in example
    std::string_view source;   // "seed 003"
};
std::span<const PromptTemplate> promptTemplates();

// The {field} names of a template, in order of first appearance, each once.
std::vector<std::string> templateFields(std::string_view templateText);

struct FilledTemplate {
    std::string text;                  // fields replaced; an empty or missing field keeps its {name}
    std::vector<std::string> missing;  // the fields left as {name}, in order
};
FilledTemplate fillTemplate(std::string_view templateText, const std::map<std::string, std::string>& values);

//-----------------------------------------------------------------------------
// [SECTION] Hints
//-----------------------------------------------------------------------------

// Words and phrases that name camera or subject motion ("pan", "tracking shot", "running" ...),
// lower case; a phrase matches whole words in sequence, case-insensitively.
std::span<const std::string_view> motionCues();

// Seed 003: "If the AI generates a near-static frame: explicitly say 'dynamic camera movement,
// subject in motion'". A hint saying so when the prompt names no motion cue; nullopt when it does
// or when the prompt is blank (nothing to judge yet).
std::optional<std::string> promptMotionHint(std::string_view prompt);

// Seed 003: "For 9:16 Reels: prompts that work in vertical framing. Mention 'vertical composition'
// if needed." A hint when the aspect ratio is 9:16 and the prompt never says "vertical".
std::optional<std::string> promptFramingHint(std::string_view prompt, std::string_view aspectRatio);

//-----------------------------------------------------------------------------
// [SECTION] Tags
//-----------------------------------------------------------------------------

std::string voiceTag(size_t number);      // 1 -> "<<<voice_1>>>": the voiceList entry, counting from 1 (seed 001)
std::string referenceTag(size_t number);  // 1 -> "character1": the reference, counting from 1 (seed 000)

struct PromptEdit {
    std::string text;
    size_t cursor = 0;  // byte offset just after the inserted tag
};

// Inserts `tag` at byte offset `cursor` (clamped to the text, moved back to the start of a UTF-8
// character). A word tag (character1) gets a space on each side where it would otherwise touch a
// letter or digit; a delimited tag (<<<voice_1>>>) goes in as is, as seed 001 writes it right
// after its speaker: "The person<<<voice_1>>> says".
PromptEdit insertTag(std::string_view prompt, size_t cursor, std::string_view tag);

}  // namespace vg
