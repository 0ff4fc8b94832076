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
