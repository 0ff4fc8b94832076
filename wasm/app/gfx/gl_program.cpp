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

// Whether `object` (a shader or a program) reached `status`; if not, `log` is the driver's log.
bool reached(GLuint object, GLenum status, void (*getParameter)(GLuint, GLenum, GLint*),
             void (*getLog)(GLuint, GLsizei, GLsizei*, GLchar*), std::string& log) {
    GLint ok = 0;
    getParameter(object, status, &ok);
    if (ok) return true;
    char text[1024] = {};
    getLog(object, sizeof text, nullptr, text);
    log = text;
    return false;
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
    std::string log;
    if (reached(shader, GL_COMPILE_STATUS, glGetShaderiv, glGetShaderInfoLog, log)) return shader;
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
    std::string log;
    if (reached(program, GL_LINK_STATUS, glGetProgramiv, glGetProgramInfoLog, log)) return program;
    problem = std::string(vertexName) + " + " + fragmentName + " do not link: " + log;
    glDeleteProgram(program);
    return 0;
}

}  // namespace vg::app
