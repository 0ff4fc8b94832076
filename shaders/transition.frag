#version 300 es
// First-and-last-frame preview: both frames fitted whole into the video's frame (letterboxed, the
// rectangles come from the core's fitImage) and cross-faded over u_t, 0 = the first frame, 1 = the
// last. A guide to what the request pins down (where the video starts and where it ends), not the
// model's motion: the model invents what happens between the two frames.
precision mediump float;

in vec2 v_uv;
out vec4 o_color;

uniform sampler2D u_first;
uniform sampler2D u_last;
uniform vec4 u_firstRect;  // where the first frame lands: x, y, width, height in 0..1 (y down); width 0 = no image
uniform vec4 u_lastRect;   // the same for the last frame
uniform float u_t;         // 0..1 through the video

const vec3 kBackground = vec3(0.07, 0.08, 0.10);  // the frame around a letterboxed image
const vec3 kEmptyA = vec3(0.16, 0.17, 0.20);      // an empty slot: a checkerboard, so it reads as "nothing here"
const vec3 kEmptyB = vec3(0.22, 0.23, 0.27);

vec3 frameColor(sampler2D image, vec4 rect) {
    if (rect.z <= 0.0) {
        vec2 cell = floor(v_uv * vec2(16.0, 9.0));
        return mod(cell.x + cell.y, 2.0) < 1.0 ? kEmptyA : kEmptyB;
    }
    vec2 local = (v_uv - rect.xy) / rect.zw;
    if (any(lessThan(local, vec2(0.0))) || any(greaterThan(local, vec2(1.0)))) return kBackground;
    return texture(image, local).rgb;
}

void main() {
    o_color = vec4(mix(frameColor(u_first, u_firstRect), frameColor(u_last, u_lastRect), clamp(u_t, 0.0, 1.0)), 1.0);
}
