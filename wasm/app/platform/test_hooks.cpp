// The test build's item list; see test_hooks.h. The only file that defines Dear ImGui's
// test-engine hook functions (declared in imgui_internal.h when IMGUI_ENABLE_TEST_ENGINE is set).
#include "platform/test_hooks.h"

#ifdef VG_TEST_HOOKS

#include "platform/platform_web.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Item {
    ImGuiID id = 0;
    std::vector<ImGuiID> stack;  // its window's ID stack when it was added; the top is what its label was hashed with
    ImRect rect;
    int window = 0;  // index into Frame::windows
    ImGuiItemStatusFlags flags = 0;
    std::string label;
};

struct Frame {
    float pixelRatio = 1.0f;
    std::vector<ImGuiWindow*> windows;
    std::unordered_map<ImGuiWindow*, int> windowIndex;
    std::vector<Item> items;
    std::string text;  // the published form, kept to reuse its buffer
};

Frame gFrame;

int windowOf(ImGuiWindow* window) {
    auto [found, added] = gFrame.windowIndex.emplace(window, static_cast<int>(gFrame.windows.size()));
    if (added) gFrame.windows.push_back(window);
    return found->second;
}

// A label or window name on one line of the tab-separated list.
void appendField(std::string& out, const char* text) {
    for (const char* c = text; *c; ++c) out += (*c == '\t' || *c == '\n' || *c == '\r') ? ' ' : *c;
}

void appendRect(std::string& out, const ImRect& rect) {
    const float r = gFrame.pixelRatio;
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "\t%.1f\t%.1f\t%.1f\t%.1f", rect.Min.x / r, rect.Min.y / r,
                  (rect.Max.x - rect.Min.x) / r, (rect.Max.y - rect.Min.y) / r);
    out += buffer;
}

}  // namespace

// ---- Dear ImGui's hooks (imgui_internal.h) ----------------------------------------------------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
    Item item;
    item.id = id;
    const ImVector<ImGuiID>& stack = ctx->CurrentWindow->IDStack;
    item.stack.assign(stack.begin(), stack.end());
    item.rect = bb;
    item.window = windowOf(ctx->CurrentWindow);
    gFrame.items.push_back(std::move(item));
}

// Called after ItemAdd by widgets that have a label: it names the item just added.
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    for (auto item = gFrame.items.rbegin(); item != gFrame.items.rend(); ++item) {
        if (item->id != id) continue;
        item->label = label ? label : "";
        item->flags = flags;
        return;
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    for (const Item& item : gFrame.items) {
        if (item.id == id && !item.label.empty()) return item.label.c_str();
    }
    return nullptr;
}

namespace vg::app::test_hooks {

void beginFrame(float pixelRatio) {
    GImGui->TestEngineHookItems = true;
    gFrame.pixelRatio = pixelRatio > 0 ? pixelRatio : 1.0f;
    gFrame.windows.clear();
    gFrame.windowIndex.clear();
    gFrame.items.clear();
}

// One line per window, then one per item (tab-separated; rectangles in CSS pixels within the canvas):
//   W <index> <clip x y w h> <name>          the window's visible inside
//   I <id> <ID stack, comma-separated> <window index> <x y w h> <status flags> <label>
//   A <active item ID, 0 for none>            e.g. the text field that has the keyboard
//   N <keyboard focus item ID, 0 for none> <1 when its focus ring shows, else 0>
void endFrame() {
    std::string& out = gFrame.text;
    out.clear();
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "A\t%u\nN\t%u\t%d\n", GImGui->ActiveId, GImGui->NavId,
                  GImGui->NavCursorVisible ? 1 : 0);
    out += buffer;
    for (size_t i = 0; i < gFrame.windows.size(); ++i) {
        ImGuiWindow* window = gFrame.windows[i];
        std::snprintf(buffer, sizeof buffer, "W\t%zu", i);
        out += buffer;
        appendRect(out, window->InnerClipRect);
        out += '\t';
        appendField(out, window->Name);
        out += '\n';
    }
    for (const Item& item : gFrame.items) {
        std::snprintf(buffer, sizeof buffer, "I\t%u\t", item.id);
        out += buffer;
        for (size_t level = 0; level < item.stack.size(); ++level) {
            std::snprintf(buffer, sizeof buffer, level ? ",%u" : "%u", item.stack[level]);
            out += buffer;
        }
        std::snprintf(buffer, sizeof buffer, "\t%d", item.window);
        out += buffer;
        appendRect(out, item.rect);
        std::snprintf(buffer, sizeof buffer, "\t%d\t", item.flags);
        out += buffer;
        appendField(out, item.label.c_str());
        out += '\n';
    }
    vg::web::publishTestItems(out);
}

void itemInfo(unsigned id, const char* label, int flags) { ImGuiTestEngineHook_ItemInfo(GImGui, id, label, flags); }

}  // namespace vg::app::test_hooks

#else

namespace vg::app::test_hooks {
void beginFrame(float) {}
void endFrame() {}
void itemInfo(unsigned, const char*, int) {}
}  // namespace vg::app::test_hooks

#endif
