// A benchmark fixture, not part of the playground: the smallest Dear ImGui page this toolchain
// builds (one window, a line of text, a button), with ImGui's stock GLFW and OpenGL3 backends on
// WebGL2 and the playground's optimisation (-Oz -flto). bench/first_frame.mjs compares the
// playground's navigation-to-first-frame with this page's. Built by bench/hello/hello.cmake into
// build/wasm/hello-site/; only the API ImGui 1.86 and 1.92 share.
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

namespace {

GLFWwindow* window = nullptr;

void frame() {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("Hello");
    ImGui::Text("Hello from Dear ImGui %s", IMGUI_VERSION);
    ImGui::Button("A button");
    ImGui::End();
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    EM_ASM({ Module['frameDrawn'](); });  // hello_glue.js: window.__hello.readyAt and .frames
}

}  // namespace

int main() {
    if (!glfwInit()) return 1;
    // The canvas fills the page, as the playground's does (hello_glue.js sizes it before main runs).
    const int width = EM_ASM_INT({ return Module['canvas'].width; });
    const int height = EM_ASM_INT({ return Module['canvas'].height; });
    window = glfwCreateWindow(width, height, "ImGui hello", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
