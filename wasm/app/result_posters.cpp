// Poster frames of result videos; see result_posters.h.
#include "result_posters.h"

#include "gfx/page_texture.h"
#include "platform/platform_web.h"

#include <GLES3/gl3.h>

namespace vg::app {

const ResultPoster* resultPoster(AppState& state, const JobEntry& entry) {
    if (entry.results.empty()) return nullptr;
    const std::string key = entry.localId + "/0";  // the result key the video players use
    auto [poster, added] = state.posters.try_emplace(key);
    if (added) {
        poster->second.loading = true;
        web::loadVideoPoster(key, key, entry.results.front().url);
    }
    return &poster->second;
}

void resultPosterLoaded(AppState& state, const json& event) {
    auto found = state.posters.find(event.value("token", ""));
    if (found == state.posters.end()) {
        dropPageTexture(event);
        return;
    }
    takePageTexture(found->second, event);
}

void forgetResultPosters(AppState& state, const std::string& localId) {
    const std::string prefix = localId + "/";
    for (auto poster = state.posters.lower_bound(prefix);
         poster != state.posters.end() && poster->first.compare(0, prefix.size(), prefix) == 0;) {
        if (poster->second.texture) glDeleteTextures(1, &poster->second.texture);
        poster = state.posters.erase(poster);
    }
}

}  // namespace vg::app
