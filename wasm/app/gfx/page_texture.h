// Textures the page makes from an image or a video frame (web/platform.js textureOf) and answers
// for with an event: {"texture":id,"width":w,"height":h} or {"problem":"..."}. What the app keeps of
// one (input_images.h InputImage, result_posters.h ResultPoster) has texture, width, height, loading
// and problem; these two take an answer into it, or let go of one nobody wants any more.
#pragma once

#include "gfx/imgui_renderer.h"

#include <GLES3/gl3.h>
#include <nlohmann/json.hpp>

namespace vg::app {

template <class Kept>
void takePageTexture(Kept& kept, const nlohmann::json& answer) {
    kept.loading = false;
    if (answer.contains("problem")) {
        kept.problem = answer.value("problem", "");
        return;
    }
    kept.texture = answer.value("texture", 0u);
    kept.width = answer.value("width", 0);
    kept.height = answer.value("height", 0);
    noteTextureContentsChanged();  // new pixels, whatever name the browser gave their texture
}

// An answer for something no longer wanted (its value changed, its job deleted meanwhile).
inline void dropPageTexture(const nlohmann::json& answer) {
    const unsigned texture = answer.value("texture", 0u);
    if (texture) glDeleteTextures(1, &texture);
}

}  // namespace vg::app
