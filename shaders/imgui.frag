#version 300 es
// Dear ImGui's pixels (see imgui.vert). The font atlas is one channel (coverage: the glyphs are
// white), so a glyph is the vertex colour with its alpha scaled; an image (a preview, an input
// picture) multiplies the vertex colour by its texel, as ImGui's own backends do.
precision mediump float;
uniform sampler2D u_texture;
uniform int u_atlas;  // 1 while the font atlas is bound, 0 for an image
in highp vec2 v_uv;   // highp: an atlas thousands of texels wide needs more than mediump's 10 bits
in vec4 v_color;
flat in int v_solid;
out vec4 o_color;

void main() {
    if (v_solid == 1) {
        o_color = v_color;
        return;
    }
    vec4 texel = texture(u_texture, v_uv);
    o_color = u_atlas == 1 ? vec4(v_color.rgb, v_color.a * texel.r) : v_color * texel;
}
