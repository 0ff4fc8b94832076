// The GLSL files of shaders/, embedded at build time (cmake/embed_shaders.cmake writes the table).
#pragma once

#include <vector>

namespace vg::app {

struct ShaderSource {
    const char* name;  // the file name in shaders/: "camera_move.frag"
    const char* text;  // its GLSL, "#version 300 es" first
};

extern const std::vector<ShaderSource> kShaderSources;

}  // namespace vg::app
