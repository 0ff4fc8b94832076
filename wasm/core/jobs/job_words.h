// VideoGen core: a job as people name it. A saved result is a file named from what it shows, not an
// internal id: the model, the prompt's first words and when the job was made,
// "kling-v2.6-t2v_red-fox-runs-through-snow_2026-12-05_1412.mp4".
#pragma once

#include "jobs/job_record.h"

#include <cstdint>
#include <string>

namespace vg {

// The prompt's text of a canonical request, whether it holds the prompt as a string or as
// {"text": ..., "image": ...}; "" when it has none.
std::string requestPromptText(const json& request);

// The file name result `index` of `record` is saved under. `localOffsetMinutes` is the viewer's
// time zone (minutes east of UTC, as the browser says), so the time is the one on their clock.
// Parts: the model id's last segment; up to five words of the prompt in lowercase ASCII letters and
// digits, joined by '-' (a prompt with none, in another script, leaves the part out); the local date
// and time to the minute; "_2", "_3"... when the job has more than one result; the extension of the
// result's MIME type (".mp4" unless it says webm or quicktime). Only [a-z0-9._-]: a name every file
// system and shell takes as it is.
std::string resultFileName(const JobRecord& record, size_t index, int localOffsetMinutes);

}  // namespace vg
