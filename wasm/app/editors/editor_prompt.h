// Prompt help from seed 003: its prompt templates ("A {subject} in {setting}, {action},
// {camera movement}, {mood}") filled in a field per {name} with the result shown live, "Use as
// prompt" writing it to /prompt; and the seed's hints for the current prompt (no motion named:
// the video may come out near-static; 9:16 without "vertical"), which the Form also shows under
// its prompt field. The templates and the hints are the core's (prompt_help.h); this only draws.
#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace vg::app {

struct AppState;
struct UiLook;

struct PromptHelper {
    size_t templateIndex = 0;                   // into vg::promptTemplates()
    std::map<std::string, std::string> fields;  // typed values by {field} name; kept across templates
};

// True when the selected model takes a text prompt (the catalog has /prompt and does not refuse it).
bool promptHelpApplies(const AppState& state);
void drawPromptHelp(AppState& state, const UiLook& look);

// The seed's hints for the request's prompt, one wrapped line each, nothing when none applies.
// `where` names the place for tests ("form", "direct"): each hint's rectangle is published as
// "<where>:hint:motion" / "<where>:hint:framing", with zero size while the hint is not shown.
void drawPromptHints(const AppState& state, const char* where);

}  // namespace vg::app
