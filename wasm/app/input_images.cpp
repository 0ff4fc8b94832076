// Input images as textures; see input_images.h.
#include "input_images.h"

#include "gfx/page_texture.h"
#include "media/media.h"
#include "platform/platform_web.h"

#include <GLES3/gl3.h>

namespace vg::app {

namespace {

// What the browser can load for a media value: URLs and data URLs as they are; raw base64 gets the
// data: prefix of the format its bytes show (Kling's images are sent without one).
std::string browserSource(const std::string& value) {
    const MediaInfo info = probeMediaValue(value);
    if (info.encoding != MediaEncoding::RawBase64) return value;
    const std::string format = info.format.empty() ? "png" : info.format;
    return "data:image/" + format + ";base64," + value;
}

void freeTexture(InputImage& image) {
    if (image.texture) glDeleteTextures(1, &image.texture);
    image.texture = 0;
}

}  // namespace

const InputImage* inputImage(AppState& state, const std::string& canonicalPath) {
    const json* current = state.session.value(canonicalPath);
    auto& images = state.creative.images;
    if (!current || !current->is_string() || current->get_ref<const std::string&>().empty()) {
        if (auto found = images.find(canonicalPath); found != images.end()) {
            freeTexture(found->second);
            images.erase(found);
        }
        return nullptr;
    }
    const std::string& value = current->get_ref<const std::string&>();
    InputImage& image = images[canonicalPath];
    if (image.source != value) {
        static int loads = 0;  // numbers the loads, so a late answer for an older value is recognised
        freeTexture(image);
        image = InputImage{value, 0, 0, 0, true, "", ++loads};
        web::loadImageTexture(std::to_string(image.load) + ":" + canonicalPath, browserSource(value));
    }
    return &image;
}

void inputImageLoaded(AppState& state, const json& event) {
    const std::string token = event.value("token", "");
    const size_t colon = token.find(':');
    if (colon == std::string::npos) return;
    auto found = state.creative.images.find(token.substr(colon + 1));
    if (found == state.creative.images.end() || std::to_string(found->second.load) != token.substr(0, colon)) {
        dropPageTexture(event);  // the value changed while the browser decoded it
        return;
    }
    takePageTexture(found->second, event);
}

}  // namespace vg::app
