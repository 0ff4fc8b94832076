// Poster frames of result videos: the small picture a Jobs or History row shows of what the job
// made. A poster is made (by the browser, off the frame: web/platform.js loadVideoPoster) the first
// time a row asks for it, from the stored copy when there is one; rows only ever read what is made.
#pragma once

#include "app_state.h"

#include <string>

namespace vg::app {

// The poster of `entry`'s first result video, asked for on the first call: nullptr when the job
// has no result (yet). While the browser makes it `loading` is true and `texture` 0; when it
// cannot, `problem` says why.
const ResultPoster* resultPoster(AppState& state, const JobEntry& entry);

// The page's answer ({"type":"poster","token":"<result key>",...}). An answer for a poster no longer
// wanted (its job deleted meanwhile) is dropped, its texture freed.
void resultPosterLoaded(AppState& state, const json& event);

// Frees the posters of the job `localId` (deleted).
void forgetResultPosters(AppState& state, const std::string& localId);

}  // namespace vg::app
