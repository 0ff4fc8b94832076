// Offscreen shader previews; see gl_preview.h.
#include "gfx/gl_preview.h"

#include "gfx/gl_program.h"
#include "gfx/imgui_renderer.h"

#include <GLES3/gl3.h>

#include <cstdint>
#include <map>

namespace vg::app {

namespace {

struct CompiledProgram {
    unsigned program = 0;
    std::string problem;
};

// One program per fragment shader, for the page's lifetime (a handful, all small).
std::map<std::string, CompiledProgram>& programs() {
    static std::map<std::string, CompiledProgram> compiled;
    return compiled;
}

CompiledProgram link(const char* fragmentName) {
    CompiledProgram result;
    result.program = linkProgram("fullscreen.vert", fragmentName, result.problem);
    return result;
}

ImTextureID textureId(unsigned texture) { return static_cast<ImTextureID>(texture); }

}  // namespace

unsigned previewProgram(const char* fragmentName, std::string* problem) {
    auto found = programs().find(fragmentName);
    if (found == programs().end()) found = programs().emplace(fragmentName, link(fragmentName)).first;
    if (problem) *problem = found->second.problem;
    return found->second.program;
}

void bindPreviewTexture(unsigned program, const char* name, int unit, unsigned texture) {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_2D, texture);
    glUniform1i(glGetUniformLocation(program, name), unit);
}

bool renderPreview(PreviewTarget& target, const char* fragmentName, int width, int height,
                   const std::function<void(unsigned program)>& setUniforms) {
    const unsigned program = previewProgram(fragmentName);
    if (!program || width <= 0 || height <= 0) return false;
    if (!target.framebuffer || target.width != width || target.height != height) {
        releasePreview(target);
        glGenTextures(1, &target.texture);
        glBindTexture(GL_TEXTURE_2D, target.texture);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glGenFramebuffers(1, &target.framebuffer);
        glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target.texture, 0);
        target.width = width;
        target.height = height;
    }
    // A vertex array of our own: the draw reads no attributes, and ImGui's stays untouched.
    static GLuint emptyVertexArray = 0;
    if (!emptyVertexArray) glGenVertexArrays(1, &emptyVertexArray);

    glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
    glViewport(0, 0, width, height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(program);
    setUniforms(program);
    glBindVertexArray(emptyVertexArray);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
    glActiveTexture(GL_TEXTURE0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);  // the viewport is the renderer's to set (imgui_renderer.h)
    noteTextureContentsChanged();  // the same texture name shows new pixels
    return true;
}

void previewImage(const PreviewTarget& target, ImVec2 size) {
    ImGui::Image(textureId(target.texture), size, ImVec2(0, 1), ImVec2(1, 0));
}

void textureImage(unsigned texture, ImVec2 size) { ImGui::Image(textureId(texture), size); }

void releasePreview(PreviewTarget& target) {
    if (target.framebuffer) glDeleteFramebuffers(1, &target.framebuffer);
    if (target.texture) glDeleteTextures(1, &target.texture);
    target = PreviewTarget{};
}

}  // namespace vg::app
