// VideoGen core: prompt templates, motion and framing hints, tag insertion.
//
// Index
// [SECTION] Templates
// [SECTION] Hints
// [SECTION] Tags
#include "text/prompt_help.h"

#include <algorithm>
#include <cctype>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Templates
//-----------------------------------------------------------------------------

namespace {

constexpr PromptTemplate kTemplates[] = {
    {"subject-setting", "A {subject} in {setting}, {action}, {camera movement}, {mood}",
     "A jogger on a misty mountain trail, running uphill, slow tracking shot from behind, golden hour light, "
     "inspirational mood.",
     "seed 003"},
};

// Calls visit(literal) and visit(field, true) along the template, left to right.
template <typename Visit>
void walkTemplate(std::string_view text, Visit visit) {
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t open = text.find('{', pos);
        const size_t close = open == std::string_view::npos ? open : text.find('}', open + 1);
        if (close == std::string_view::npos) {
            visit(text.substr(pos), false);
            return;
        }
        visit(text.substr(pos, open - pos), false);
        visit(text.substr(open + 1, close - open - 1), true);
        pos = close + 1;
    }
}

}  // namespace

std::span<const PromptTemplate> promptTemplates() { return kTemplates; }

std::vector<std::string> templateFields(std::string_view templateText) {
    std::vector<std::string> fields;
    walkTemplate(templateText, [&](std::string_view part, bool isField) {
        if (isField && std::find(fields.begin(), fields.end(), part) == fields.end()) fields.emplace_back(part);
    });
    return fields;
}

FilledTemplate fillTemplate(std::string_view templateText, const std::map<std::string, std::string>& values) {
    FilledTemplate filled;
    walkTemplate(templateText, [&](std::string_view part, bool isField) {
        if (!isField) {
            filled.text += part;
            return;
        }
        auto value = values.find(std::string(part));
        if (value != values.end() && !value->second.empty()) {
            filled.text += value->second;
            return;
        }
        filled.text.push_back('{');  // appended piecewise: "{" + string trips GCC 12's -Wrestrict
        filled.text.append(part);
        filled.text.push_back('}');
        if (std::find(filled.missing.begin(), filled.missing.end(), part) == filled.missing.end())
            filled.missing.emplace_back(part);
    });
    return filled;
}

//-----------------------------------------------------------------------------
// [SECTION] Hints
//-----------------------------------------------------------------------------

namespace {

// Camera moves first, then subject motion; the forms the seeds' own prompts use are all here
// (a test runs every example prompt of seeds 000, 001 and 003 through the hint).
constexpr std::string_view kMotionCues[] = {
    // camera
    "camera movement", "camera moves", "camera motion", "pan", "pans", "panning", "tilt", "tilts", "tilting",
    "zoom", "zooms", "zooming", "dolly", "tracking", "tracking shot", "orbit", "orbits", "orbiting", "crane",
    "handheld", "push in", "pull back", "pulls back", "fly through", "flyover", "drone shot", "aerial",
    "rotation", "rotating", "rotates", "spin", "spins", "spinning", "time lapse", "timelapse", "transition",
    // subject
    "motion", "moving", "moves", "move", "running", "runs", "run", "walking", "walks", "flying", "flies",
    "dancing", "dances", "jumping", "jumps", "falling", "falls", "flowing", "flows", "waving", "waves",
    "blinking", "blinks", "turns", "turning", "bouncing", "bounces", "drifting", "drifts", "drift", "swaying",
    "sways", "rising", "rises", "pouring", "pours", "filled", "filling", "splashing", "chopping", "playing",
    "assembling", "looks up", "looks around", "says", "speaking", "talking", "smiles", "smiling",
};

// Lower-case ASCII words; everything that is not a letter or digit separates words.
std::vector<std::string> wordsOf(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        const unsigned char byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte)) {
            current.push_back(static_cast<char>(std::tolower(byte)));
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

bool containsPhrase(const std::vector<std::string>& words, std::string_view phrase) {
    const std::vector<std::string> wanted = wordsOf(phrase);
    if (wanted.empty() || wanted.size() > words.size()) return false;
    return std::search(words.begin(), words.end(), wanted.begin(), wanted.end()) != words.end();
}

}  // namespace

std::span<const std::string_view> motionCues() { return kMotionCues; }

std::optional<std::string> promptMotionHint(std::string_view prompt) {
    const std::vector<std::string> words = wordsOf(prompt);
    if (words.empty()) return std::nullopt;
    for (std::string_view cue : kMotionCues)
        if (containsPhrase(words, cue)) return std::nullopt;
    return "The prompt names no camera or subject motion, so the video may come out as a near-static frame: "
           "say it explicitly, e.g. \"dynamic camera movement, subject in motion\"";
}

std::optional<std::string> promptFramingHint(std::string_view prompt, std::string_view aspectRatio) {
    if (aspectRatio != "9:16" || containsPhrase(wordsOf(prompt), "vertical")) return std::nullopt;
    return "For a 9:16 video, describe a scene that works in vertical framing; mention \"vertical composition\" "
           "if needed";
}

//-----------------------------------------------------------------------------
// [SECTION] Tags
//-----------------------------------------------------------------------------

std::string voiceTag(size_t number) { return "<<<voice_" + std::to_string(number) + ">>>"; }

std::string referenceTag(size_t number) { return "character" + std::to_string(number); }

PromptEdit insertTag(std::string_view prompt, size_t cursor, std::string_view tag) {
    cursor = std::min(cursor, prompt.size());
    while (cursor > 0 && cursor < prompt.size() && (static_cast<unsigned char>(prompt[cursor]) & 0xC0) == 0x80)
        --cursor;  // inside a multi-byte character: insert before it
    const auto isWordByte = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    const bool wordTag = !tag.empty() && isWordByte(tag.front());
    const bool spaceBefore = wordTag && cursor > 0 && isWordByte(prompt[cursor - 1]);
    const bool spaceAfter = wordTag && cursor < prompt.size() && isWordByte(prompt[cursor]);

    PromptEdit edit;
    edit.text.reserve(prompt.size() + tag.size() + 2);
    edit.text.append(prompt.substr(0, cursor));
    if (spaceBefore) edit.text.push_back(' ');
    edit.text.append(tag);
    edit.cursor = edit.text.size();
    if (spaceAfter) edit.text.push_back(' ');
    edit.text.append(prompt.substr(cursor));
    return edit;
}

}  // namespace vg
