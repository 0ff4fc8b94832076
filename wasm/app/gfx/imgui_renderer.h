// Draws Dear ImGui's draw lists with WebGL2, in place of ImGui's OpenGL3 backend.
// The page owns the whole context, so nothing is backed up or restored: the backend reads about
// thirteen GL states back every frame, and in a browser each read waits for the GPU process. Every
// state the draw needs is set at the start of each frame instead. One upload a frame (all lists'
// vertices, and their indices as 32-bit numbers into that one array), one draw call per ImGui
// command, a texture bound only when it changes. The font atlas is one channel (a quarter of the
// RGBA upload), and plain fills read no texture at all (shaders/imgui.vert says why that matters).
// ImGui 1.92's atlas grows as text needs glyphs (ImGuiBackendFlags_RendererHasTextures): each frame
// the renderer makes, updates (only the rectangles that changed) and deletes the textures ImGui asks
// for, before anything else.
// A frame that would draw the very pixels the canvas shows already is not drawn at all: WebGL
// shows a canvas's last drawn frame until a frame draws into it again, and a page that is awake
// (for a quarter second after each input, web/platform.js) mostly draws the same frame several
// times over. Without a GPU each of those costs tens of milliseconds of CPU for the whole canvas.
#pragma once

#include "imgui.h"

#include <string>

namespace vg::app {

// Compiles the program and makes the buffers; tells ImGui what this renderer does (32-bit vertex
// offsets, textures ImGui makes and updates, a one-channel atlas). False when the shaders do not
// build: `problem` says why.
bool initImGuiRenderer(std::string& problem);

// Makes, updates and deletes the textures ImGui asked for, then draws ImGui::GetDrawData() into the
// canvas's framebuffer, cleared to `background` first, unless the canvas shows exactly that frame already (the same draw lists, size and background, and no
// texture contents changed since: noteTextureContentsChanged). True when it drew.
bool renderImGui(const ImDrawData& drawData, ImVec4 background);

// Clears the whole canvas to `background` (the frames before the fonts are loaded).
void clearCanvas(ImVec4 background);

// A texture's contents changed in place (an offscreen preview drawn again, an upload into a texture
// that keeps its name): the next frame is drawn even when its draw lists are the same as the last.
void noteTextureContentsChanged();

}  // namespace vg::app
