// Compare: the form's request sent to up to 4 models at once, the results side by side with one
// play/pause/seek bar driving every video. Each model is offered only when the core accepts the
// request rewritten for it (its "model" swapped) for the gateway's dialect; the others show the
// core's first error and cannot be ticked. A comparison is a compare group of jobs (jobs.h), so it
// survives reloads through history like any job.
#pragma once

#include "catalog/catalog.h"
#include "dialects/dialect.h"

#include <optional>
#include <string>
#include <vector>

namespace vg::app {

struct AppState;
struct UiLook;

// At most this many models in one comparison: four columns still show a video each side by side.
inline constexpr size_t kCompareMax = 4;

// What one model would be sent: the form's request with its model swapped, checked by the core.
struct CompareVerdict {
    const Model* model = nullptr;
    json request;                       // canonical, "model" replaced by the model's canonical id
    std::optional<HttpRequest> submit;  // what its job sends (built for the gateway's dialect); empty when it cannot
    std::string problem;                // why it cannot take the request (the core's first error); "" when it can
    std::vector<std::string> warnings;  // what the core noted but allows (an option that model ignores)
};

struct CompareBoard {
    std::vector<std::string> chosen;      // ticked model ids, in the order ticked; at most kCompareMax
    std::vector<CompareVerdict> verdicts; // one per catalog model, the ones that can take the request first
    std::string checkedFor;               // the request and gateway the verdicts are for; "" = never checked
    std::string blocked;                  // why nothing can be sent whatever the model ("" when it can)
    std::string shownGroup;               // compare group shown; "" or a deleted one = the newest
    bool playing = false;                 // its videos play (the bar offers Pause all), as of the last frame
    std::string published;                // the last window.__vg.compare sent (sent again only on change)
};

// The Compare tab (next to Jobs and History).
void drawComparePanel(AppState& state, const UiLook& look);

}  // namespace vg::app
