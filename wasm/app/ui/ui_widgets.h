// Small widgets the panels share.
#pragma once

#include "app_state.h"
#include "ui/ui_style.h"

#include <optional>
#include <string>
#include <vector>

namespace vg::app {

// A panel's first line: the title in the accent colour, then an optional muted note.
void panelTitle(const char* title, const char* note = nullptr);

// A group's heading inside a panel: a little space, the title muted, a rule.
void groupHeading(const char* title);

// The next item beside the last one when `nextWidth` fits in what is left of the line, else at the
// start of the next line: rows of buttons that wrap on a narrow screen instead of running off it.
void sameLineIfRoom(float nextWidth);

// How wide ImGui::Button(label) is (its visible text and the frame's padding).
float buttonWidth(const char* label);

// A button inside text (a row's action): ImGui's small one, or a full one a finger can hit when the
// look is finger-sized.
bool inlineButton(const char* label, const UiLook& look);

// A table with more columns than a narrow screen holds keeps a wide screen's width there and
// scrolls sideways (a finger's swipe) instead of squeezing every column to nothing: flags and
// inner width for ImGui::BeginTable (none on a wide screen).
struct WideTable {
    ImGuiTableFlags flags = 0;
    float innerWidth = 0.0f;
};
WideTable wideTable(const UiLook& look);

// A note in the muted colour, wrapped at the window's edge.
void mutedText(const std::string& text);

// ImGui adds images, text, groups and dummies as items without an ID: nothing can ask about them
// by name, not hover tests, not Dear ImGui's item hooks (the test build's item list,
// wasm/app/platform/test_hooks.cpp). This makes the item just drawn an item of its own, with the ID
// and label `strId` in the current ID scope, on the same rectangle (no layout change).
void nameLastItem(const char* strId);

// The form check's messages at canonical `path` or inside it, wrapped, in their severity's colour:
// under a form field, or under a creative editor's controls.
void fieldDiagnostics(const AppState& state, const std::string& path);

// Severity, path, code, message; fills `height` (0 = the rest of the parent).
void diagnosticTable(const char* id, const std::vector<DiagnosticRow>& rows, const UiLook& look, float height = 0.0f);

// A dialect selector; with `autoLabel`, nullopt is offered first under that name. True on change.
bool dialectCombo(const char* label, std::optional<Dialect>& value, const char* autoLabel);
bool dialectCombo(const char* label, Dialect& value);

}  // namespace vg::app
