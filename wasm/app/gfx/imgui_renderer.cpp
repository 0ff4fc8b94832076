// Dear ImGui's draw lists in WebGL2; see imgui_renderer.h.
#include "gfx/imgui_renderer.h"

#include "gfx/gl_program.h"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <vector>

namespace vg::app {

namespace {

struct Renderer {
    GLuint program = 0;
    GLuint vertexArray = 0;   // the attribute layout of ImDrawVert and the index buffer
    GLuint vertexBuffer = 0;
    GLuint indexBuffer = 0;
    std::vector<GLuint> atlases;  // the textures ImGui asked for (its font atlas, one channel)
    std::vector<unsigned char> rows;  // an updated rectangle's rows, packed (WebGL reads them so)
    GLint projection = -1, whiteUv = -1, isAtlas = -1, texture = -1;  // uniform locations
    std::vector<uint32_t> indices;  // this frame's indices, rebased onto the one vertex array
    uint64_t texturesVersion = 0;   // counts noteTextureContentsChanged calls
    uint64_t shown = 0;             // the signature of the frame the canvas shows; 0: none known
};

Renderer& renderer() {
    static Renderer instance;
    return instance;
}

GLuint glTexture(ImTextureID id) { return static_cast<GLuint>(id); }

// Every state the draw uses, set at the start of the frame and again after a draw callback.
void setUpState(const Renderer& r, const ImDrawData& data, int width, int height) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, width, height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    const float left = data.DisplayPos.x, right = data.DisplayPos.x + data.DisplaySize.x;
    const float top = data.DisplayPos.y, bottom = data.DisplayPos.y + data.DisplaySize.y;
    const float projection[16] = {
        2.0f / (right - left), 0, 0, 0,
        0, 2.0f / (top - bottom), 0, 0,
        0, 0, -1.0f, 0,
        (right + left) / (left - right), (top + bottom) / (bottom - top), 0, 1.0f,
    };
    glUseProgram(r.program);
    glUniformMatrix4fv(r.projection, 1, GL_FALSE, projection);
    glUniform1i(r.texture, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r.vertexArray);
}

// Points the sampler at `texture` and tells the shaders whether it is the font atlas.
void bindTexture(const Renderer& r, GLuint texture) {
    glBindTexture(GL_TEXTURE_2D, texture);
    const bool atlas = std::find(r.atlases.begin(), r.atlases.end(), texture) != r.atlases.end();
    const ImVec2 white = atlas ? ImGui::GetIO().Fonts->TexUvWhitePixel : ImVec2(-1.0f, -1.0f);
    glUniform2f(r.whiteUv, white.x, white.y);
    glUniform1i(r.isAtlas, atlas ? 1 : 0);
}

// A frame's pixels as one number: everything they depend on goes through add(). A word at a time,
// and each step is a bijection of the running value (for a given word, and for a given value), so
// two frames that differ in one word never share a signature; hashing a frame's few hundred
// kilobytes of vertices costs far less than drawing them without a GPU.
struct Signature {
    uint64_t value = 0x243f6a8885a308d3ull;

    void mix(uint64_t word) {
        const uint64_t x = value ^ word;
        value = ((x << 27) | (x >> 37)) * 0x9e3779b97f4a7c15ull;
    }
    void add(const void* bytes, size_t size) {
        const unsigned char* at = static_cast<const unsigned char*>(bytes);
        uint64_t word = 0;
        for (; size >= sizeof word; at += sizeof word, size -= sizeof word) {
            std::memcpy(&word, at, sizeof word);
            mix(word);
        }
        word = 0;
        std::memcpy(&word, at, size);
        mix(word ^ (uint64_t(size) << 56));
    }
    template <typename T> void add(const T& plain) { add(&plain, sizeof plain); }
};

// What the frame would draw: the canvas size and background, the texture contents version, and
// every list's vertices, indices and commands. 0 when it cannot be known (a draw callback draws
// what it likes), so such a frame is always drawn.
uint64_t frameSignature(const Renderer& r, const ImDrawData& data, int width, int height, ImVec4 background) {
    Signature s;
    s.add(width);
    s.add(height);
    s.add(background);
    s.add(data.DisplayPos);
    s.add(data.DisplaySize);
    s.add(r.texturesVersion);  // an atlas upload bumps it too; texture names are in the commands
    for (int n = 0; n < data.CmdListsCount; n++) {
        const ImDrawList& list = *data.CmdLists[n];
        s.add(list.VtxBuffer.Size);
        s.add(list.VtxBuffer.Data, size_t(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        s.add(list.IdxBuffer.Size);
        s.add(list.IdxBuffer.Data, size_t(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        s.add(list.CmdBuffer.Size);
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback) return 0;
            s.add(command.ClipRect);
            s.add(command.GetTexID());
            s.add(command.VtxOffset);
            s.add(command.IdxOffset);
            s.add(command.ElemCount);
        }
    }
    return s.value ? s.value : 1;
}

void createTexture(Renderer& r, ImTextureData& texture) {
    GLuint name = 0;
    glGenTextures(1, &name);
    glBindTexture(GL_TEXTURE_2D, name);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of one byte per texel
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, texture.Width, texture.Height, 0, GL_RED, GL_UNSIGNED_BYTE, texture.GetPixels());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    r.atlases.push_back(name);
    texture.SetTexID(static_cast<ImTextureID>(name));
    texture.SetStatus(ImTextureStatus_OK);
}

// Uploads only the rectangles ImGui drew new glyphs into, each packed row after row.
void updateTexture(Renderer& r, ImTextureData& texture) {
    glBindTexture(GL_TEXTURE_2D, glTexture(texture.GetTexID()));
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (const ImTextureRect& rect : texture.Updates) {
        const size_t rowBytes = size_t(rect.w) * size_t(texture.BytesPerPixel);
        r.rows.resize(rowBytes * rect.h);
        for (int y = 0; y < rect.h; y++) {
            std::memcpy(r.rows.data() + rowBytes * size_t(y), texture.GetPixelsAt(rect.x, rect.y + y), rowBytes);
        }
        glTexSubImage2D(GL_TEXTURE_2D, 0, rect.x, rect.y, rect.w, rect.h, GL_RED, GL_UNSIGNED_BYTE, r.rows.data());
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    texture.SetStatus(ImTextureStatus_OK);
}

void destroyTexture(Renderer& r, ImTextureData& texture) {
    const GLuint name = glTexture(texture.GetTexID());
    glDeleteTextures(1, &name);
    r.atlases.erase(std::remove(r.atlases.begin(), r.atlases.end(), name), r.atlases.end());
    texture.SetTexID(ImTextureID_Invalid);
    texture.SetStatus(ImTextureStatus_Destroyed);
}

// What ImGui asked of its textures this frame (ImDrawData::Textures): done before the frame is drawn
// or skipped, so a glyph first drawn this frame is in the atlas.
void serveTextureRequests(Renderer& r, const ImDrawData& data) {
    if (!data.Textures) return;
    for (ImTextureData* texture : *data.Textures) {
        switch (texture->Status) {
            case ImTextureStatus_WantCreate: createTexture(r, *texture); break;
            case ImTextureStatus_WantUpdates: updateTexture(r, *texture); break;
            case ImTextureStatus_WantDestroy:
                if (texture->UnusedFrames > 0) destroyTexture(r, *texture);  // not drawn from last frame
                continue;
            default: continue;
        }
        noteTextureContentsChanged();
    }
}

// Copies every list's vertices into the vertex buffer, one after the other, and its indices,
// rebased onto that one array, into the index buffer (WebGL2 has no base-vertex draws).
void upload(Renderer& r, const ImDrawData& data) {
    r.indices.resize(static_cast<size_t>(data.TotalIdxCount));
    glBindBuffer(GL_ARRAY_BUFFER, r.vertexBuffer);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(data.TotalVtxCount) * sizeof(ImDrawVert), nullptr, GL_STREAM_DRAW);
    size_t firstVertex = 0, firstIndex = 0;
    for (int n = 0; n < data.CmdListsCount; n++) {
        const ImDrawList& list = *data.CmdLists[n];
        glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(firstVertex * sizeof(ImDrawVert)),
                        static_cast<GLsizeiptr>(list.VtxBuffer.Size) * sizeof(ImDrawVert), list.VtxBuffer.Data);
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback) continue;
            const uint32_t base = static_cast<uint32_t>(firstVertex + command.VtxOffset);
            uint32_t* out = r.indices.data() + firstIndex + command.IdxOffset;
            const ImDrawIdx* in = list.IdxBuffer.Data + command.IdxOffset;
            for (unsigned i = 0; i < command.ElemCount; i++) out[i] = base + in[i];
        }
        firstVertex += static_cast<size_t>(list.VtxBuffer.Size);
        firstIndex += static_cast<size_t>(list.IdxBuffer.Size);
    }
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.indexBuffer);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(r.indices.size() * sizeof(uint32_t)), r.indices.data(),
                 GL_STREAM_DRAW);
}

}  // namespace

bool initImGuiRenderer(std::string& problem) {
    Renderer& r = renderer();
    r.program = linkProgram("imgui.vert", "imgui.frag", problem);
    if (!r.program) return false;
    r.projection = glGetUniformLocation(r.program, "u_projection");
    r.whiteUv = glGetUniformLocation(r.program, "u_whiteUv");
    r.isAtlas = glGetUniformLocation(r.program, "u_atlas");
    r.texture = glGetUniformLocation(r.program, "u_texture");

    glGenVertexArrays(1, &r.vertexArray);
    glGenBuffers(1, &r.vertexBuffer);
    glGenBuffers(1, &r.indexBuffer);
    glBindVertexArray(r.vertexArray);
    glBindBuffer(GL_ARRAY_BUFFER, r.vertexBuffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.indexBuffer);  // kept by the vertex array
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    const auto offset = [](size_t bytes) { return reinterpret_cast<const void*>(bytes); };
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "vg_webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // indices are rebased to 32 bits
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;   // serveTextureRequests
    io.Fonts->TexDesiredFormat = ImTextureFormat_Alpha8;        // glyph coverage only
    return true;
}

void clearCanvas(ImVec4 background) {
    renderer().shown = 0;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void noteTextureContentsChanged() { renderer().texturesVersion++; }

bool renderImGui(const ImDrawData& data, ImVec4 background) {
    const int width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
    const int height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
    Renderer& r = renderer();
    serveTextureRequests(r, data);
    const uint64_t signature = frameSignature(r, data, width, height, background);
    if (signature != 0 && signature == r.shown) return false;
    clearCanvas(background);
    r.shown = signature;
    if (width <= 0 || height <= 0 || data.TotalVtxCount == 0 || !r.program) return true;
    upload(r, data);
    setUpState(r, data, width, height);
    GLuint bound = ~0u;
    size_t firstIndex = 0;
    for (int n = 0; n < data.CmdListsCount; n++) {
        const ImDrawList& list = *data.CmdLists[n];
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback) {
                // ResetRenderState asks for the state back; any other callback may have changed it.
                if (command.UserCallback != ImDrawCallback_ResetRenderState) command.UserCallback(&list, &command);
                setUpState(r, data, width, height);
                bound = ~0u;
                continue;
            }
            const ImVec2 scale = data.FramebufferScale;
            const float x0 = (command.ClipRect.x - data.DisplayPos.x) * scale.x;
            const float y0 = (command.ClipRect.y - data.DisplayPos.y) * scale.y;
            const float x1 = (command.ClipRect.z - data.DisplayPos.x) * scale.x;
            const float y1 = (command.ClipRect.w - data.DisplayPos.y) * scale.y;
            if (x1 <= x0 || y1 <= y0 || command.ElemCount == 0) continue;
            glScissor(static_cast<int>(x0), static_cast<int>(height - y1), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0));
            const GLuint texture = glTexture(command.GetTexID());
            if (texture != bound) bindTexture(r, bound = texture);
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount), GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>((firstIndex + command.IdxOffset) * sizeof(uint32_t)));
        }
        firstIndex += static_cast<size_t>(list.IdxBuffer.Size);
    }
    return true;
}

}  // namespace vg::app
