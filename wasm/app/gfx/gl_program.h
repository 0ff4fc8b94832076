// GLSL programs from the files of shaders/ (embedded at build time: shader_sources.h).
#pragma once

#include <string>

namespace vg::app {

// Compiles and links shaders/<vertexName> with shaders/<fragmentName>. 0 when a file is missing or
// does not compile or link; `problem` then says why, with the driver's log.
unsigned linkProgram(const char* vertexName, const char* fragmentName, std::string& problem);

}  // namespace vg::app
