// Widget positions for the browser tests, from Dear ImGui's own test-engine hooks: in the test build
// (CMake option VG_TEST_HOOKS, which defines IMGUI_ENABLE_TEST_ENGINE through imconfig_vg.h) every
// item ImGui adds is recorded with its ID, label, window and rectangle, and each drawn frame's list
// goes to the page as window.__vg.ui (tests/browser/harness.mjs finds items there by their ID path
// or label). Release builds compile both functions to nothing: no hooks, no list, no bridge.
#pragma once

namespace vg::app::test_hooks {

// Before ImGui::NewFrame: turns the hooks on and starts a new list. `pixelRatio` turns physical
// pixels into the CSS pixels the page works in.
void beginFrame(float pixelRatio);
// After ImGui::Render: publishes the frame's list (window.__vg.ui).
void endFrame();
// Names the item `id` just added with `label` (its ID string, "###" part included), as Dear ImGui's
// IMGUI_TEST_ENGINE_ITEM_INFO does. For code compiled once for both builds (ui_widgets.cpp's
// nameLastItem), where that macro is empty: only this file is compiled per build.
void itemInfo(unsigned id, const char* label, int flags);

}  // namespace vg::app::test_hooks
