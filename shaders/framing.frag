#version 300 es
// Framing preview: the video's frame (the whole target) with the input image placed as Veo's
// resizeMode places it (core framing.h, fitImage). Pad: the whole image inside the frame, black bars
// on the remaining sides. Crop: the frame filled by the middle of the image (u_sourceCrop), no bars.
// Without an image (u_hasImage 0) a neutral grid shows the frame's shape.
// Rectangles are (x, y, width, height) in 0..1, origin top-left, y down, like v_uv.
precision mediump float;

in vec2 v_uv;
out vec4 o_color;

uniform sampler2D u_image;
uniform int u_hasImage;        // 1 when u_image holds the input image
uniform vec4 u_imageInFrame;   // where the shown part of the image lands in the frame
uniform vec4 u_sourceCrop;     // the part of the image shown
uniform vec2 u_frameSize;      // the target's size in pixels, to keep the grid's cells square

const vec3 kBar = vec3(0.0);   // pad's bars: black, as the generated video has them

vec3 neutralFrame(vec2 uv) {
    // Grey with a grid every 1/8 of the shorter side, and the thirds a person composes with.
    float cell = min(u_frameSize.x, u_frameSize.y) / 8.0;
    vec2 pixel = uv * u_frameSize;
    vec2 toLine = abs(fract(pixel / cell + 0.5) - 0.5) * cell;
    float grid = step(min(toLine.x, toLine.y), 0.5);
    vec2 toThird = min(abs(uv - 1.0 / 3.0), abs(uv - 2.0 / 3.0)) * u_frameSize;
    float third = step(min(toThird.x, toThird.y), 0.75);
    return vec3(0.20, 0.21, 0.24) + grid * 0.05 + third * 0.10;
}

void main() {
    if (u_hasImage == 0) {
        o_color = vec4(neutralFrame(v_uv), 1.0);
        return;
    }
    vec2 inImage = (v_uv - u_imageInFrame.xy) / u_imageInFrame.zw;
    if (any(lessThan(inImage, vec2(0.0))) || any(greaterThan(inImage, vec2(1.0)))) {
        o_color = vec4(kBar, 1.0);
        return;
    }
    o_color = vec4(texture(u_image, u_sourceCrop.xy + inImage * u_sourceCrop.zw).rgb, 1.0);
}
