// Dear ImGui settings for the playground, passed as IMGUI_USER_CONFIG so ImGui itself stays untouched.
#pragma once

// The demo window alone costs about 135 KB gzip; the playground never shows it, nor ImGui's
// debugging windows (metrics, debug log, ID stack tool, item picker).
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
// Keep the API we code against to the current one.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
// Built with -sFILESYSTEM=0: no ini file, no fopen. Settings that must persist go through the
// platform layer (localStorage), not ImGui's file functions.
#define IMGUI_DISABLE_FILE_FUNCTIONS
// 32-bit ImWchar: characters above U+FFFF (emoji, rarer CJK) typed or pasted into a text field keep
// their code point. With the 16-bit default ImGui turns each into U+FFFD, so "🎬" in a prompt
// reached the request as "\uFFFD". (A character no font slice has draws as the fallback glyph.)
#define IMGUI_USE_WCHAR32
// The browser tests' build (CMake option VG_TEST_HOOKS) turns on ImGui's test-engine hooks, which
// wasm/app/test_hooks.cpp defines; release builds never see them.
#ifdef VG_TEST_HOOKS
#define IMGUI_ENABLE_TEST_ENGINE
#endif
