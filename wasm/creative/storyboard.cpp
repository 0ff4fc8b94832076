// VideoGen core: multi-shot storyboard helpers (seed 001).
#include "storyboard.h"

#include <algorithm>
#include <cmath>

namespace vg {

bool moveShot(std::vector<Shot>& shots, size_t from, size_t to) {
    if (from >= shots.size() || to >= shots.size()) return false;
    if (from < to) std::rotate(shots.begin() + from, shots.begin() + from + 1, shots.begin() + to + 1);
    else std::rotate(shots.begin() + to, shots.begin() + from, shots.begin() + from + 1);
    return true;
}

json multiPromptJson(const std::vector<Shot>& shots) {
    json out = json::array();
    for (size_t i = 0; i < shots.size(); ++i)
        out.push_back({{"index", i + 1}, {"prompt", shots[i].prompt}, {"duration", std::to_string(shots[i].durationSeconds)}});
    return out;
}

bool balanceShotDurations(std::vector<Shot>& shots, int totalSeconds) {
    const size_t count = shots.size();
    if (count == 0 || totalSeconds < 0 || size_t(totalSeconds) < count) return false;
    double weightSum = 0;
    for (const Shot& shot : shots) weightSum += std::max(shot.durationSeconds, 0);
    std::vector<double> ideal(count);  // each shot's exact share of the total
    for (size_t i = 0; i < count; ++i)
        ideal[i] = weightSum > 0 ? totalSeconds * std::max(shots[i].durationSeconds, 0) / weightSum
                                 : double(totalSeconds) / double(count);

    std::vector<int> seconds(count);
    long sum = 0;
    for (size_t i = 0; i < count; ++i) {
        seconds[i] = std::max(1, int(std::floor(ideal[i] + 1e-9)));
        sum += seconds[i];
    }
    // Hand out the seconds still missing to the shots furthest below their share; take back any
    // excess (from the minimum of 1) from the shots furthest above it. Each pass moves one second.
    while (sum != totalSeconds) {
        size_t pick = count;
        for (size_t i = 0; i < count; ++i) {
            const double gap = ideal[i] - seconds[i];  // > 0: below its share
            if (sum > totalSeconds && seconds[i] <= 1) continue;
            if (pick == count || (sum < totalSeconds ? gap > ideal[pick] - seconds[pick] : gap < ideal[pick] - seconds[pick]))
                pick = i;
        }
        seconds[pick] += sum < totalSeconds ? 1 : -1;
        sum += sum < totalSeconds ? 1 : -1;
    }
    for (size_t i = 0; i < count; ++i) shots[i].durationSeconds = seconds[i];
    return true;
}

}  // namespace vg
