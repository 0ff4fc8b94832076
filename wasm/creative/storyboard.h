// VideoGen core: Kling multi-shot storyboards (seed 001, Kling v3.0+).
// The editor keeps a list of shots; the request carries them as providerOptions.klingai.multiPrompt,
// numbered from 1 with each duration a string of seconds, and their durations add up to the video's
// duration (the catalog's shot_durations_sum rule checks that; balanceShotDurations makes it so).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace vg {

using json = nlohmann::json;

struct Shot {
    std::string prompt;
    int durationSeconds = 0;  // whole seconds; 0 until the storyboard is balanced
};

// Moves the shot at `from` so it ends up at index `to` (the others keep their order). False, and
// nothing moves, when an index is out of range.
bool moveShot(std::vector<Shot>& shots, size_t from, size_t to);

// [{"index": 1, "prompt": "...", "duration": "4"}, ...] as seed 001's example writes it.
json multiPromptJson(const std::vector<Shot>& shots);

// Sets whole-second durations that sum to `totalSeconds`, each at least 1, in proportion to the
// current durations (all equal when none is positive); durations that already sum to the total are
// kept. False, and nothing changes, when there are no shots or fewer seconds than shots.
bool balanceShotDurations(std::vector<Shot>& shots, int totalSeconds);

}  // namespace vg
