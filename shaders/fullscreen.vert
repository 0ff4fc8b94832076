#version 300 es
// One triangle that covers the whole target; no vertex buffer (positions come from gl_VertexID).
// v_uv: 0..1 across the target, origin at the top-left corner, y down (the image's row order), so
// fragment shaders work in the same coordinates as the core's preview matrices and rectangles.
out vec2 v_uv;

void main() {
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));  // (0,0) (2,0) (0,2)
    v_uv = corner;
    gl_Position = vec4(corner.x * 2.0 - 1.0, 1.0 - corner.y * 2.0, 0.0, 1.0);
}
