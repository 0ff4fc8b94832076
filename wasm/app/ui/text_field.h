// Free text (the prompt, the negative prompt, a shot's prompt) in a real browser text control over
// the ImGui rectangle, the way results use <video>: wrapping, input methods (composition), emoji,
// dictation, spell check, the phone's keyboard and undo all come from the browser, while ImGui lays
// the field out and draws its frame and everything around it. The control is a <textarea>
// (web/text_fields.js, platform_web.h placeTextField); this file is its ImGui side and the one
// place its events are read.
//
// The keyboard moves through it as through any control: Tab arriving at the field (ImGui's keyboard
// navigation) or Enter on it gives the control the keyboard; Tab, Shift+Tab and Esc in the control
// hand it back to the canvas, which goes on to the next control, the previous one, or stays on the
// field; Ctrl+Enter generates from inside it.
#pragma once

#include "platform/platform_web.h"
#include "ui/ui_style.h"

#include "imgui.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace vg::app {

struct TextFieldSpec {
    std::string label;         // its accessible name ("Prompt")
    std::string placeholder;   // what it shows while empty; "" for nothing
    size_t* cursor = nullptr;  // where its cursor is kept (a UTF-8 byte offset into the text), or nowhere
    float maxHeight = 0;       // the field grows with its text up to this height (ImGui pixels); 0 = stays at its size
};

// A text field of `size` (or taller, up to spec.maxHeight, while its text needs it) at the cursor: one ImGui item named `strId` in the current ID scope (the
// keyboard navigation and the tests find it by that name), its frame drawn by ImGui, the browser's
// control over it. `text` is the app's text now. `edited` runs with the new text whenever the
// person changes it: as soon as the browser says so, between frames (textFieldEvent), so that a
// Generate right after it (Ctrl+Enter) sends it. While the control cannot lie over the field (a
// modal dialog is open) ImGui draws the text itself.
void textField(const UiLook& look, const char* strId, const std::string& text, ImVec2 size, const TextFieldSpec& spec,
               std::function<void(const std::string&)> edited);

// After ImGui::Render: the controls of fields not drawn this frame are hidden, the others cut where
// one of `covers` lies (ui/page_overlay.h canvasCovers).
void endTextFields(const std::vector<web::PageRect>& covers);

// What a text field's event asks of the app beyond its own text.
enum class TextFieldAction { None, Generate };

// Reads a "text" or "text-key" event from the page (web/text_fields.js): applies a new text or
// cursor to the field that showed it last frame, takes note of a key that leaves it.
TextFieldAction textFieldEvent(const nlohmann::json& event);

}  // namespace vg::app
