#version 300 es
// Dear ImGui's vertices (ImDrawVert: position in display pixels, texture coordinate, colour) for
// wasm/app/gfx/imgui_renderer.cpp.
// v_solid is 1 for a plain fill: a triangle whose texture coordinate is the font atlas's white
// pixel (window backgrounds, frames, buttons, lines). Software GL (SwiftShader, what Chromium uses
// without a GPU) spends most of a frame reading the texture for those pixels, always to multiply by
// one; the fragment shader skips the read. Flat: one value per triangle (its last vertex's), and
// ImGui never mixes plain and textured vertices in one triangle.
uniform mat4 u_projection;
uniform vec2 u_whiteUv;  // the atlas's white pixel while the atlas is bound; (-1, -1) for an image
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
out vec2 v_uv;
out vec4 v_color;
flat out int v_solid;

void main() {
    v_uv = a_uv;
    v_color = a_color;
    v_solid = a_uv == u_whiteUv ? 1 : 0;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
}
