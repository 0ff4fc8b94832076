// GLSL programs from shaders/; see gl_program.h.
#include "gfx/gl_program.h"

#include "gfx/shader_sources.h"

#include <GLES3/gl3.h>

#include <cstring>

namespace vg::app {

namespace {

const char* shaderText(const char* name) {
    for (const ShaderSource& source : kShaderSources)
        if (std::strcmp(source.name, name) == 0) return source.text;
    return nullptr;
}

unsigned compile(GLenum kind, const char* name, std::string& problem) {
    const char* text = shaderText(name);
    if (!text) {
        problem = std::string("no shader named ") + name + " in shaders/";
        return 0;
    }
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok) return shader;
    char log[1024] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    problem = std::string(name) + " does not compile: " + log;
    glDeleteShader(shader);
    return 0;
}

}  // namespace

unsigned linkProgram(const char* vertexName, const char* fragmentName, std::string& problem) {
    const unsigned vertex = compile(GL_VERTEX_SHADER, vertexName, problem);
    const unsigned fragment = vertex ? compile(GL_FRAGMENT_SHADER, fragmentName, problem) : 0;
    if (!vertex || !fragment) {
        if (vertex) glDeleteShader(vertex);
        return 0;
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, vertex);
    glAttachShader(program, fragment);
    glLinkProgram(program);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok) return program;
    char log[1024] = {};
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    problem = std::string(vertexName) + " + " + fragmentName + " do not link: " + log;
    glDeleteProgram(program);
    return 0;
}

}  // namespace vg::app
