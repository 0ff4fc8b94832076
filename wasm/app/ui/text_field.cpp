// Free text in a browser control over the field; see text_field.h.
#include "ui/text_field.h"

#include "ui/page_overlay.h"

#include "imgui_internal.h"  // ImGuiContext: the keyboard navigation (NavJustMovedToId, SetFocusID), modal popups

#include <algorithm>
#include <map>

namespace vg::app {

namespace {

// A field as it was last drawn: where its edits go and what its control was handed. Keyed by the
// control's id, the field's ImGui ID in decimal (also the <textarea>'s data-id, for the tests).
struct FieldSlot {
    int drawnFrame = -1;     // ImGui::GetFrameCount() of the frame that last drew the field
    bool handedOver = false;  // the control has been handed the app's text at least once
    std::string shown;        // the text the control shows, as far as the app knows
    std::function<void(const std::string&)> edited;
    size_t* cursor = nullptr;
    std::string leaveKey;  // "next", "previous" or "leave": the control let go of the keyboard so; done at the next draw
    float textHeight = 0;  // the height the control's text needs, CSS pixels (0: not measured yet)
};

std::map<std::string, FieldSlot>& fieldSlots() {
    static std::map<std::string, FieldSlot> slots;  // one playground per page
    return slots;
}

// The control handed the keyboard back (web/text_fields.js): the canvas's navigation stands on the
// field and, for Tab or Shift+Tab, goes on from it as ImGui's own Tab would.
void takeKeyboardBack(ImGuiID item, const std::string& key) {
    ImGui::SetFocusID(item, ImGui::GetCurrentWindow());
    ImGui::SetNavCursorVisible(true);
    if (key == "leave") return;
    ImGuiIO& io = ImGui::GetIO();
    const bool back = key == "previous";
    if (back) io.AddKeyEvent(ImGuiMod_Shift, true);
    io.AddKeyEvent(ImGuiKey_Tab, true);
    io.AddKeyEvent(ImGuiKey_Tab, false);
    if (back) io.AddKeyEvent(ImGuiMod_Shift, false);
    web::requestFrameBurst();  // the keys wait in ImGui's queue for the next frames
}

// The text as ImGui draws it, wrapped inside the frame: while a modal dialog lies over the field.
void drawTextInFrame(ImVec2 min, ImVec2 max, const std::string& text, const std::string& placeholder) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const bool empty = text.empty();
    const ImVec4 clip(min.x, min.y, max.x, max.y);
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                        ImVec2(min.x + style.FramePadding.x, min.y + style.FramePadding.y),
                                        ImGui::GetColorU32(empty ? ImGuiCol_TextDisabled : ImGuiCol_Text),
                                        empty ? placeholder.c_str() : text.c_str(), nullptr,
                                        max.x - min.x - style.FramePadding.x * 2, &clip);
}

}  // namespace

void textField(const UiLook& look, const char* strId, const std::string& text, ImVec2 size, const TextFieldSpec& spec,
               std::function<void(const std::string&)> edited) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImGuiID item = window->GetID(strId);
    const std::string id = std::to_string(item);
    FieldSlot& slot = fieldSlots()[id];
    slot.drawnFrame = ImGui::GetFrameCount();
    slot.edited = std::move(edited);
    slot.cursor = spec.cursor;

    if (spec.maxHeight > size.y) size.y = std::clamp(slot.textHeight * look.pixelRatio, size.y, spec.maxHeight);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    // A stop for the keyboard navigation; pressed by Enter or Space on it while the canvas has the keyboard.
    const bool pressed = ImGui::InvisibleButton(strId, size, ImGuiButtonFlags_EnableNav);
    const ImVec2 max = ImGui::GetItemRectMax();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::RenderFrame(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), true, style.FrameRounding);

    const ImGuiContext& g = *ImGui::GetCurrentContext();
    bool takeKeyboard = false;
    if (!slot.leaveKey.empty()) {
        takeKeyboardBack(item, slot.leaveKey);
        slot.leaveKey.clear();
    } else {
        takeKeyboard = pressed || (g.NavJustMovedToId == item && g.NavCursorVisible);
    }

    const ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    if (modal && window->RootWindow != modal) {
        drawTextInFrame(min, max, text, spec.placeholder);
        return;  // the control is not placed, so it hides: it would lie over the dialog
    }
    const float r = look.pixelRatio;
    const web::TextFieldLook fieldLook{ImGui::GetFontSize() / r, style.FramePadding.x / r, style.FramePadding.y / r,
                                       ImGui::GetColorU32(ImGuiCol_Text)};
    const PagePlace place = pagePlace(look, min, max);
    const bool handOver = !slot.handedOver || slot.shown != text;
    if (web::placeTextField(id, handOver ? &text : nullptr, place.rect, place.visible, fieldLook, spec.label, spec.placeholder) && handOver) {
        slot.shown = text;
        slot.handedOver = true;
    }
    if (takeKeyboard) web::focusTextField(id);
}

void endTextFields(const std::vector<web::PageRect>& covers) { web::endTextFieldFrame(covers); }

TextFieldAction textFieldEvent(const nlohmann::json& event) {
    const std::string type = event.value("type", ""), key = event.value("key", "");
    if (type == "text-key" && key == "generate") return TextFieldAction::Generate;
    const auto found = fieldSlots().find(event.value("id", ""));
    // A field the last frame did not draw has no control on the page: nothing of it can come.
    if (found == fieldSlots().end() || found->second.drawnFrame != ImGui::GetFrameCount()) return TextFieldAction::None;
    FieldSlot& slot = found->second;
    if (type == "text-key" && (key == "next" || key == "previous" || key == "leave")) slot.leaveKey = key;
    if (type != "text") return TextFieldAction::None;
    const auto value = event.find("value");
    if (value != event.end() && value->is_string()) {
        slot.shown = value->get<std::string>();
        slot.edited(slot.shown);
    }
    const auto height = event.find("height");
    if (height != event.end() && height->is_number()) slot.textHeight = height->get<float>();
    const auto cursor = event.find("cursor");
    if (slot.cursor && cursor != event.end() && cursor->is_number_unsigned()) *slot.cursor = cursor->get<size_t>();
    return TextFieldAction::None;
}

}  // namespace vg::app
