#version 300 es
// The motion brush canvas: the input image with every mask tinted over it in its layer's colour
// (wasm/app/editor_motion_brush.cpp). Masks are layers of one R8 texture array at the image's
// resolution, rows top-down like the image, so both are sampled at the same v_uv.
precision mediump float;
precision mediump sampler2DArray;

in vec2 v_uv;
out vec4 o_color;

const int kMaxLayers = 16;            // the app never passes more (static + dynamic masks)
uniform sampler2D u_image;
uniform sampler2DArray u_masks;
uniform int u_layers;                 // masks in u_masks (layer 0 the static mask)
uniform vec4 u_tints[kMaxLayers];     // per layer: rgb the tint, a its strength

void main() {
    vec3 color = texture(u_image, v_uv).rgb;
    for (int i = 0; i < kMaxLayers; ++i) {
        if (i >= u_layers) break;
        float painted = texture(u_masks, vec3(v_uv, float(i))).r;
        color = mix(color, u_tints[i].rgb, painted * u_tints[i].a);
    }
    o_color = vec4(color, 1.0);
}
