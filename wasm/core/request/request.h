// VideoGen core: the canonical request.
// Every dialect parses into this one shape and builds from it; validation only ever sees it.
//
// The canonical body is a JSON object with these members (all optional but model); their names,
// types and the modes that need them are one table, request_members.h, which the code reads:
//   model            string   the id exactly as the user wrote it
//   mode             string   "t2v" | "i2v" | "flf" | "r2v" | "v2v" (inferred from inputs when absent)
//   prompt           string   the text prompt
//   image            string   first-frame / source image: URL, data URL or raw base64
//   lastFrame        string   last-frame image (first-and-last-frame)
//   references       array    [{ "url": string, "type": "image"|"video", "tag": "character1" }]
//   video            string   input video (video editing)
//   duration         number   seconds
//   resolution       string   "720p", "1080p", "1280x720" ...
//   aspectRatio      string   "16:9"
//   fps, n, seed     integer
//   audio            boolean
//   negativePrompt   string
//   quality          string   "std" | "pro" | "draft" ...
//   webhook          object   { "url": string, "events": [string] }
//   providerOptions  object   { "<namespace>": { ...camelCase options... } }
//   dialectOptions   object   { "<dialect>": { ...route-only fields as written... } } fields with no
//                             canonical meaning (unified `user`, creative hub `drive_folder_id`): built
//                             back into the same dialect, dropped with a warning for any other
// Input paths: `origin` remembers where each canonical value came from in the dialect's input, so
// a diagnostic about "/duration" can point at "/body/seconds" in what the user actually wrote.
#pragma once

#include "catalog/catalog.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

namespace vg {

using json = nlohmann::json;

// canonical pointer -> input pointer; the longest matching canonical prefix wins.
struct OriginMap {
    std::vector<std::pair<std::string, std::string>> entries;

    void record(const std::string& canonicalPointer, const std::string& inputPointer);
    // "/providerOptions/klingai/cfgScale" -> "/provider_options/cfg_scale"; unmapped -> "" (whole input)
    std::string inputPointer(const std::string& canonicalPointer) const;
};

struct Request {
    json body = json::object();  // canonical members, see above
    OriginMap origin;

    std::string modelId() const;                // body["model"] or ""
    // The explicit mode, else the one the inputs imply: video > references > image+lastFrame > image > text.
    Mode effectiveMode() const;
};

// Mode implied by which inputs are present (used when the request names none).
Mode inferMode(const json& canonicalBody);
// The same from what a reader knows before any tree: whether the request carries the canonical
// member `name` (present, not null, not an empty string or array).
Mode inferMode(const std::function<bool(std::string_view name)>& carries);

}  // namespace vg
