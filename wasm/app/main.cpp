// The playground's entry point: the GLFW window (WebGL2 canvas), ImGui, the core's catalog, and
// the frame function the platform layer calls while the page is awake.
#include "accessibility.h"
#include "app_runtime.h"
#include "app_state.h"
#include "gfx/imgui_renderer.h"
#include "panels/panels.h"
#include "platform/platform_web.h"
#include "platform/test_hooks.h"
#include "ui/touch_scroll.h"
#include "ui/ui_style.h"
#include "ui/page_overlay.h"
#include "ui/text_field.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImGuiContext: WithinFrameScope, InputEventsQueue
#include "imgui_impl_glfw.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cfloat>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace {

struct Playground {
    GLFWwindow* window = nullptr;
    vg::app::AppState state;
    vg::app::UiLook look;
    std::string clipboard;        // what ImGui pastes: the last DOM paste or the last copy
    std::string publishedStatus;  // the last window.__vg content sent (without the request), to send only changes
    int publishedFontsPending = -1;  // the last __vg.fontSlicesPending sent
    uint64_t publishedRequest = ~uint64_t(0);  // the state's requestVersion when requestText and submit were last sent
    std::string publishedMirror;  // the accessible mirror's last description, to send only changes
    vg::app::TouchScroll touchScroll;  // a finger's scroll since the last frame
    bool touched = false;              // a finger has used the page: controls stay sized for one
};

// The browser calls back into free functions; there is one playground per page.
Playground* gApp = nullptr;

void fontFetched(std::vector<unsigned char> bytes, void* target) {
    vg::app::FontFileState& file = *static_cast<vg::app::FontFileState*>(target);
    file.arrived = true;
    file.bytes = std::move(bytes);  // empty when the fetch failed: the slice's characters stay '?'
    gApp->look.fontsChanged = true;
    vg::web::requestFrames();
}

void fetchFontSlice(vg::app::UiLook& look, int slice) {
    const std::vector<vg::app::FontFile>& files = vg::app::fontFiles();
    for (size_t i = 0; i < files.size(); i++) {
        vg::app::FontFileState& file = look.fonts.files[i];
        if (files[i].slice != slice || file.requested) continue;
        file.requested = true;
        // The first slice is preloaded by the page and mostly read by now: the first frame draws text.
        if (std::optional<std::vector<unsigned char>> bytes = vg::web::takePreloaded(files[i].path)) {
            fontFetched(std::move(*bytes), &file);
        } else {
            vg::web::fetchBytes(files[i].path, fontFetched, &file);
        }
    }
}

// The slices the last frame's text needed and the page does not have yet; window.__vg.fontSlicesPending
// counts the font files on their way (tests wait for 0 before they look at the text).
void fetchWantedFontSlices(Playground& app) {
    for (int slice : app.look.fonts.wanted) fetchFontSlice(app.look, slice);
    app.look.fonts.wanted.clear();
    int pending = 0;
    for (const vg::app::FontFileState& file : app.look.fonts.files) pending += file.requested && !file.arrived ? 1 : 0;
    if (pending == app.publishedFontsPending) return;
    app.publishedFontsPending = pending;
    vg::web::publishStatus("{\"fontSlicesPending\":" + std::to_string(pending) + "}");
}

// The request's text and what Generate sends can be megabytes (inline media): they are rendered
// and sent only after the request changed and the editor's text caught up with it, never
// compared frame by frame.
// The accessible mirror follows the state: a few kilobytes at most (simple fields, five jobs), so
// it is described every drawn frame and handed to the page when it differs.
void publishMirrorIfChanged(Playground& app) {
    std::string mirror = vg::app::mirrorJson(app.state);
    if (mirror == app.publishedMirror) return;
    vg::web::publishMirror(mirror);
    app.publishedMirror = std::move(mirror);
}

void publishStatusIfChanged(Playground& app) {
    vg::app::syncEditorText(app.state, ImGui::GetTime());
    const bool requestChanged = app.state.requestVersion != app.publishedRequest &&
                                app.state.editorRevision == app.state.session.revision();
    std::string status = vg::app::statusJson(app.state, false);
    if (!requestChanged && status == app.publishedStatus) return;
    vg::web::publishStatus(requestChanged ? vg::app::statusJson(app.state, true) : status);
    app.publishedStatus = std::move(status);
    app.publishedRequest = app.state.requestVersion;
}

void frame() {
    Playground& app = *gApp;
    const vg::web::CanvasMetrics metrics = vg::web::canvasMetrics();
    int width = 0, height = 0;
    glfwGetWindowSize(app.window, &width, &height);
    if (width != metrics.width || height != metrics.height) glfwSetWindowSize(app.window, metrics.width, metrics.height);

    const ImVec4 background = app.look.baseStyle.Colors[ImGuiCol_WindowBg];
    if (!vg::app::firstSliceArrived(app.look.fonts)) {
        vg::app::clearCanvas(background);
        return;
    }
    // A frame that threw (platform_web.h guarded) left ImGui inside it, its windows still open:
    // EndFrame closes them (io.ConfigErrorRecovery), so this frame starts clean.
    if (ImGui::GetCurrentContext()->WithinFrameScope) ImGui::EndFrame();

    // Finger-sized controls on a touch screen, and on a narrow one (a phone whose browser does not say
    // its pointer is coarse); the same narrow width makes the layout one column (ui/layout.cpp).
    const bool narrow = static_cast<float>(metrics.width) < vg::app::kSingleColumnBelowCss * metrics.pixelRatio * metrics.textScale;
    vg::app::updateLook(app.look, metrics.pixelRatio, metrics.textScale, metrics.coarsePointer || app.touched || narrow);
    vg::app::pumpJobs(app.state);
    ImGui_ImplGlfw_NewFrame();
    // For ImGui's clock a frame lasts at most 50 ms: after one long frame (a busy machine, a tab
    // coming back) two clicks a person made 0.2 s apart still count as a double-click (0.3 s by that
    // clock; at 60 frames a second nothing changes).
    ImGui::GetIO().DeltaTime = std::min(ImGui::GetIO().DeltaTime, 0.05f);
    vg::app::test_hooks::beginFrame(metrics.pixelRatio);
    ImGui::NewFrame();
    // Input that came faster than frames (a key pressed and released between two of them) waits in
    // ImGui's queue for the next frame: ask for it, the page would otherwise sleep on it.
    if (!ImGui::GetCurrentContext()->InputEventsQueue.empty()) vg::web::requestFrameBurst();
    vg::app::applyTouchScroll(app.touchScroll);
    vg::app::drawPlayground(app.state, app.look);
    ImGui::Render();
    vg::app::test_hooks::endFrame();
    vg::app::renderImGui(*ImGui::GetDrawData(), background);
    const std::vector<vg::web::PageRect> covers = vg::app::canvasCovers(app.look);
    vg::web::endVideoFrame(covers);
    vg::app::endTextFields(covers);
    fetchWantedFontSlices(app);

    publishStatusIfChanged(app);
    publishMirrorIfChanged(app);
    if (app.state.dirty) {
        app.state.dirty = false;
        vg::web::requestFrames();
    }
}

void wheel(float notchesX, float notchesY) {
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH += notchesX;
    io.MouseWheel += notchesY;
}

// A touch reaches ImGui as the mouse does, marked as a touch (ImGui then waits a frame between a
// finger's arrival and its press: there was no hover before it), and the pointer leaves after a
// release: no hover highlight or tooltip stays where a finger was. A scroll moves windows itself.
void touch(const vg::web::TouchInput& input) {
    Playground& app = *gApp;
    app.touched = true;
    if (input.action == vg::web::TouchAction::Scroll) {
        vg::app::addTouchScroll(app.touchScroll, ImVec2(input.x, input.y), ImVec2(input.moveX, input.moveY));
        return;
    }
    ImGuiIO& io = ImGui::GetIO();
    // While it thinks the pointer is outside the window, ImGui's GLFW backend hands ImGui the mouse's
    // last place every frame, which would move a finger's press there.
    if (input.action == vg::web::TouchAction::Press) ImGui_ImplGlfw_CursorEnterCallback(app.window, 1);
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    if (input.action == vg::web::TouchAction::Cancel) {  // away first: the release lands on nothing, clicks nothing
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    } else {
        io.AddMousePosEvent(input.x, input.y);
        if (input.action == vg::web::TouchAction::Press) io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
        if (input.action == vg::web::TouchAction::Release) {
            io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
            io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        }
    }
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);  // what the mouse's own events are
}

void paste(const std::string& text) { gApp->clipboard = text; }

void pageEvent(const std::string& jsonObject) { vg::app::handleEvent(gApp->state, jsonObject); }

// The GLFW port calls these from the page's input events: each goes through the platform's boundary
// (platform_web.h guarded) into ImGui's GLFW backend. No scroll callback: the wheel comes in notches
// through PlatformHooks::wheel (the port passes raw, inverted pixel deltas).
void installInputCallbacks(GLFWwindow* window) {
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int focused) {
        vg::web::guarded("taking the focus", [&] { ImGui_ImplGlfw_WindowFocusCallback(w, focused); });
    });
    glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int entered) {
        vg::web::guarded("following the pointer", [&] { ImGui_ImplGlfw_CursorEnterCallback(w, entered); });
    });
    glfwSetCursorPosCallback(window, [](GLFWwindow* w, double x, double y) {
        vg::web::guarded("following the pointer", [&] { ImGui_ImplGlfw_CursorPosCallback(w, x, y); });
    });
    glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int button, int action, int mods) {
        vg::web::guarded("taking a click", [&] { ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods); });
    });
    glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
        vg::web::guarded("taking a key", [&] { ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods); });
    });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int c) {
        vg::web::guarded("taking typed text", [&] { ImGui_ImplGlfw_CharCallback(w, c); });
    });
}

void installClipboard() {
    ImGuiPlatformIO& platform = ImGui::GetPlatformIO();
    platform.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
        gApp->clipboard = text;
        vg::web::copyToClipboard(text);
    };
    platform.Platform_GetClipboardTextFn = [](ImGuiContext*) { return gApp->clipboard.c_str(); };
}

}  // namespace

int main() {
    static Playground app;
    gApp = &app;
    if (!glfwInit()) return 1;
    const vg::web::CanvasMetrics metrics = vg::web::canvasMetrics();
    // The canvas needs colour only: ImGui draws with neither depth nor stencil, and an opaque
    // canvas is cheaper for the browser to compose than one with alpha.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    app.window = glfwCreateWindow(metrics.width, metrics.height, "VideoGen Playground", nullptr, nullptr);
    if (!app.window) return 1;
    glfwMakeContextCurrent(app.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no file system; layout is computed, not saved
    // Held keys repeat at the system's rate, as browser key-downs (web/platform.js takeKey), never
    // by ImGui's timer (default 0.275 s), which counts frames: a key-up a few slow frames late
    // would repeat a key the person pressed once.
    ImGui::GetIO().KeyRepeatDelay = std::numeric_limits<float>::max();
    // The keyboard moves through the page as through a web page: Tab and Shift+Tab from control to
    // control in reading order (the panels are flattened into one order: ui/layout.cpp), arrows
    // within lists and tables, Enter or Space to press, Esc to leave; a ring shows where it is.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(app.window, false);
    std::string rendererProblem;
    if (!vg::app::initImGuiRenderer(rendererProblem)) {
        vg::web::fault("starting the renderer", rendererProblem);
        return 1;
    }
    installInputCallbacks(app.window);
    installClipboard();
    vg::app::initLook(app.look);
    vg::app::watchMissingGlyphs(app.look.fonts);

    // The first slice (Latin) comes with the page; a site built without fonts has none to fetch. It
    // is asked for before the catalog is read and the first request checked, so it travels meanwhile.
    fetchFontSlice(app.look, 0);
    vg::app::initState(app.state, vg::builtinCatalog());
    vg::web::installPlatform({frame, wheel, touch, paste, pageEvent});
    vg::web::startFrameLoop();
    // The share link, the remembered key and history come from outside: a fault there is reported, and the
    // playground runs with what it has.
    vg::web::guarded("starting the playground (share link, history)", [] { vg::app::startRuntime(gApp->state); });
    return 0;
}
