// Offscreen previews drawn by the GLSL shaders in shaders/ (camera move, frame transition, framing).
// A preview is a texture the panel shows with previewImage(); renderPreview() draws it once per
// change with a full-target triangle (shaders/fullscreen.vert) and the named fragment shader. The
// fragment shader gets `in vec2 v_uv` (0..1, origin top-left, y down) and writes `out vec4 o_color`.
// Input images (input_images.h) are GL textures with row 0 at the top, so texture(u_image, uv)
// samples them in the same coordinates.
// Plain OpenGL ES 3 (WebGL2): no ImGui state is touched, and no GL state is read back (each glGet*
// waits for the GPU process); the canvas's framebuffer is bound again afterwards, and ImGui's
// renderer (imgui_renderer.h) sets every other state it draws with, each frame.
#pragma once

#include "imgui.h"

#include <functional>
#include <string>

namespace vg::app {

struct PreviewTarget {
    unsigned framebuffer = 0;  // 0 until the first render
    unsigned texture = 0;      // RGBA8, width x height
    int width = 0, height = 0;
};

// The compiled program for `fragmentName` (a file in shaders/) with fullscreen.vert; compiled on
// first use and kept. 0 when it does not compile or link: `problem` (when given) says why, with
// the driver's log.
unsigned previewProgram(const char* fragmentName, std::string* problem = nullptr);

// Binds `texture` to `unit` and points the sampler uniform `name` at it (program in use).
void bindPreviewTexture(unsigned program, const char* name, int unit, unsigned texture);

// Draws `fragmentName` into `target` (created or resized to width x height). `setUniforms` runs with
// the program in use. False when the program is not available or the size is not positive.
bool renderPreview(PreviewTarget& target, const char* fragmentName, int width, int height,
                   const std::function<void(unsigned program)>& setUniforms);

// Shows the target's texture as an ImGui image of `size` (right way up: GL's rows run bottom-up).
void previewImage(const PreviewTarget& target, ImVec2 size);

// An input image's texture (rows top-down) as an ImGui image of `size`.
void textureImage(unsigned texture, ImVec2 size);

void releasePreview(PreviewTarget& target);

}  // namespace vg::app
