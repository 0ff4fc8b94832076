// Browser platform layer: the one place that talks to the page (EM_JS, emscripten_*, the DOM).
// Everything else in wasm/app is plain C++ and ImGui. What lives here and why:
// - the frame loop: requestAnimationFrame only while awake (input in the last second or an explicit
//   request), so an idle tab costs no CPU;
// - canvas size in physical pixels (CSS size x devicePixelRatio), which the GLFW port lacks;
// - keyboard scoping: the GLFW port listens on `window` and swallows Backspace/Tab for the whole page;
//   its listeners move to the canvas, so only a focused canvas takes keys;
// - the mouse wheel in notches (the port passes raw, inverted pixel deltas);
// - the clipboard through navigator.clipboard and the DOM paste event (the port's is empty);
// - fetching small assets (fonts) and a JS-readable status object, window.__vg, for tests.
#pragma once

#include <string>
#include <vector>

namespace vg::web {

// The app's entry points, called from browser events. All must be set.
struct PlatformHooks {
    void (*frame)();                                 // draw one frame
    void (*wheel)(float notchesX, float notchesY);   // ImGui's sign: +y scrolls up, +x scrolls left
    void (*paste)(const std::string& text);          // a paste into the focused canvas
};

struct CanvasMetrics {
    int width = 1;            // backing store in physical pixels: CSS width x pixelRatio
    int height = 1;
    float pixelRatio = 1.0f;  // window.devicePixelRatio
};

// Call once, after glfwCreateWindow (the GLFW port installs its listeners there).
void installPlatform(const PlatformHooks& hooks);
// Draws frames while awake; returns at once (the browser drives the loop).
void startFrameLoop();
// Keeps drawing for about a second more: for changes that did not come from input.
void requestFrames();

CanvasMetrics canvasMetrics();

void copyToClipboard(const std::string& text);

// GET `url` (relative to the page). `done` runs later with the bytes, or with an empty vector on
// any failure; `context` is passed back untouched.
void fetchBytes(const char* url, void (*done)(std::vector<unsigned char> bytes, void* context), void* context);

// Merges a JSON object into window.__vg (read by tests and by people in the console).
void publishStatus(const std::string& jsonObject);

}  // namespace vg::web
