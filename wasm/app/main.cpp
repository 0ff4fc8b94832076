// The playground's entry point: the GLFW window (WebGL2 canvas), ImGui, the core's catalog, and
// the frame function the platform layer calls while the page is awake.
#include "app_runtime.h"
#include "app_state.h"
#include "gfx/imgui_renderer.h"
#include "panels/panels.h"
#include "platform/platform_web.h"
#include "platform/test_hooks.h"
#include "ui/ui_style.h"

#include "imgui.h"
#include "imgui_internal.h"  // ErrorCheckEndFrameRecover
#include "imgui_impl_glfw.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace {

struct Playground {
    GLFWwindow* window = nullptr;
    vg::app::AppState state;
    vg::app::UiLook look;
    int pendingFonts = 0;         // fonts still being fetched: the first frame waits, so text never jumps
    std::string clipboard;        // what ImGui pastes: the last DOM paste or the last copy
    std::string publishedStatus;  // the last window.__vg content sent (without the request), to send only changes
    uint64_t publishedRequest = ~uint64_t(0);  // the state's requestVersion when requestText and submit were last sent
};

// The browser calls back into free functions; there is one playground per page.
Playground* gApp = nullptr;

// The request's text and what Generate sends can be megabytes (inline media): they are rendered
// and sent only after the request changed and the editor's text caught up with it, never
// compared frame by frame.
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
    if (app.pendingFonts > 0) {
        vg::app::clearCanvas(background);
        return;
    }
    // A frame that threw (platform_web.h guarded) left ImGui inside it, its windows still open:
    // they are closed, so this frame starts clean.
    if (ImGui::GetCurrentContext()->WithinFrameScope) {
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        ImGui::EndFrame();
    }

    // New fonts need a new atlas texture: the renderer uploads it again before the frame.
    if (vg::app::updateLook(app.look, metrics.pixelRatio)) vg::app::releaseImGuiFontAtlas();
    vg::app::pumpJobs(app.state);
    vg::app::imguiRendererNewFrame();
    ImGui_ImplGlfw_NewFrame();
    // For ImGui's clock a frame lasts at most 50 ms: after one long frame (a busy machine, a tab
    // coming back) two clicks a person made 0.2 s apart still count as a double-click (0.3 s by that
    // clock; at 60 frames a second nothing changes).
    ImGui::GetIO().DeltaTime = std::min(ImGui::GetIO().DeltaTime, 0.05f);
    vg::app::test_hooks::beginFrame(metrics.pixelRatio);
    ImGui::NewFrame();
    vg::app::drawPlayground(app.state, app.look);
    ImGui::Render();
    vg::app::test_hooks::endFrame();
    vg::app::renderImGui(*ImGui::GetDrawData(), background);
    vg::web::endVideoFrame();

    publishStatusIfChanged(app);
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

void paste(const std::string& text) { gApp->clipboard = text; }

void pageEvent(const std::string& jsonObject) { vg::app::handleEvent(gApp->state, jsonObject); }

void fontFetched(std::vector<unsigned char> bytes, void* target) {
    *static_cast<std::vector<unsigned char>*>(target) = std::move(bytes);
    gApp->pendingFonts--;
    gApp->look.fontsChanged = true;
    vg::web::requestFrames();
}

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

void installClipboard(Playground& app) {
    ImGuiIO& io = ImGui::GetIO();
    io.ClipboardUserData = &app;
    io.SetClipboardTextFn = [](void* user, const char* text) {
        static_cast<Playground*>(user)->clipboard = text;
        vg::web::copyToClipboard(text);
    };
    io.GetClipboardTextFn = [](void* user) { return static_cast<Playground*>(user)->clipboard.c_str(); };
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
    // Held keys repeat at the system's rate, as browser key-downs (web/platform.js queueKey), never
    // by ImGui's timer (default 0.275 s), which counts frames: a key-up a few slow frames late
    // would repeat a key the person pressed once.
    ImGui::GetIO().KeyRepeatDelay = std::numeric_limits<float>::max();
    ImGui_ImplGlfw_InitForOpenGL(app.window, false);
    std::string rendererProblem;
    if (!vg::app::initImGuiRenderer(rendererProblem)) {
        vg::web::fault("starting the renderer", rendererProblem);
        return 1;
    }
    installInputCallbacks(app.window);
    installClipboard(app);
    vg::app::initLook(app.look);

    vg::app::initState(app.state, vg::builtinCatalog());
#ifdef VG_SITE_HAS_FONTS
    app.pendingFonts = 2;
    vg::web::fetchBytes("fonts/ui.ttf", fontFetched, &app.look.uiFontTtf);
    vg::web::fetchBytes("fonts/mono.ttf", fontFetched, &app.look.monoFontTtf);
#endif
    vg::web::installPlatform({frame, wheel, paste, pageEvent});
    vg::web::startFrameLoop();
    // The share link, the remembered key and history come from outside: a fault there is reported, and the
    // playground runs with what it has.
    vg::web::guarded("starting the playground (share link, history)", [] { vg::app::startRuntime(gApp->state); });
    return 0;
}
