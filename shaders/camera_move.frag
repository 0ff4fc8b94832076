#version 300 es
// The camera control preview (wasm/app/editor_camera.cpp): one frame of the Kling camera move at the
// editor's time. u_camera is vg::cameraTransformAt's matrix (wasm/core/camera_preview.h): it maps a
// frame position to the spot of the input image the camera sees there. Without an input image
// (text-to-video) a stand-in scene is drawn instead: sky above, ground below, a checkerboard and a
// centre cross, so every axis's direction reads at a glance. What the camera sees beyond the image's
// edges is hatched: a move that large shows content the model has to invent.
precision highp float;

in vec2 v_uv;
out vec4 o_color;

uniform mat3 u_camera;       // frame uv -> image uv (both top-left origin, y down), homogeneous
uniform sampler2D u_image;   // the input image, rows top-down
uniform int u_hasImage;      // 0: draw the stand-in scene
uniform float u_aspect;      // frame width / height, so the stand-in's squares stay square

// 1 on a line of half-width `width` (in squares) around integer positions of `coord`, smoothed over a pixel.
float gridLine(vec2 coord, float width) {
    vec2 distance = abs(fract(coord + 0.5) - 0.5);
    vec2 pixel = fwidth(coord);
    vec2 line = 1.0 - smoothstep(vec2(width), vec2(width) + pixel, distance);
    return max(line.x, line.y);
}

vec3 standInScene(vec2 uv) {
    vec2 squares = vec2(uv.x * u_aspect, uv.y) * 8.0;
    vec3 sky = mix(vec3(0.36, 0.55, 0.82), vec3(0.62, 0.76, 0.92), uv.y * 2.0);
    vec3 ground = mix(vec3(0.50, 0.42, 0.30), vec3(0.30, 0.45, 0.26), (uv.y - 0.5) * 2.0);
    vec3 colour = uv.y < 0.5 ? sky : ground;
    float checker = mod(floor(squares.x) + floor(squares.y), 2.0);
    colour *= 0.86 + 0.14 * checker;
    colour = mix(colour, vec3(0.95), 0.35 * gridLine(squares, 0.02));
    // The centre cross, wider than the grid: where the camera pointed at the start.
    vec2 fromCentre = abs(uv - 0.5) * vec2(u_aspect, 1.0) * 8.0;
    vec2 pixel = fwidth(fromCentre);
    float cross = max(1.0 - smoothstep(0.05, 0.05 + pixel.x, fromCentre.x), 1.0 - smoothstep(0.05, 0.05 + pixel.y, fromCentre.y));
    cross *= step(min(fromCentre.x, fromCentre.y), 0.2) * step(max(fromCentre.x, fromCentre.y), 1.0);
    return mix(colour, vec3(1.0, 0.84, 0.30), cross);
}

void main() {
    vec3 p = u_camera * vec3(v_uv, 1.0);
    vec2 source = p.xy / p.z;
    bool inside = p.z > 0.0 && all(greaterThanEqual(source, vec2(0.0))) && all(lessThanEqual(source, vec2(1.0)));
    if (!inside) {
        // Diagonal hatching in frame pixels, so it stays put while the picture moves.
        float stripe = step(0.5, fract((gl_FragCoord.x + gl_FragCoord.y) / 14.0));
        o_color = vec4(mix(vec3(0.10, 0.11, 0.13), vec3(0.16, 0.17, 0.20), stripe), 1.0);
        return;
    }
    vec3 colour = u_hasImage != 0 ? texture(u_image, source).rgb : standInScene(source);
    o_color = vec4(colour, 1.0);
}
