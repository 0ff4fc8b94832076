// VideoGen core: the AI SDK's resolution and aspect ratio forms (see sdk_forms.h).
#include "dialects/sdk_forms.h"

#include "media/media.h"
#include "text/json_path.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <utility>

namespace vg {

namespace {

// "1280x720" with separator 'x' -> {1280, 720}; nullopt unless both sides are whole numbers > 0.
std::optional<std::pair<long, long>> sidesOf(const std::string& text, char separator) {
    const size_t at = text.find(separator);
    if (at == std::string::npos || at == 0 || at + 1 == text.size()) return std::nullopt;
    const std::string width = text.substr(0, at), height = text.substr(at + 1);
    const auto digits = [](const std::string& part) {
        return part.size() <= 6 && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(width) || !digits(height)) return std::nullopt;
    const long w = std::stol(width), h = std::stol(height);
    if (w <= 0 || h <= 0) return std::nullopt;
    return std::make_pair(w, h);
}

bool lists(const ParamSpec* spec, const std::string& value) {
    return spec && std::find(spec->values.begin(), spec->values.end(), json(value)) != spec->values.end();
}

std::string reducedRatio(long width, long height) {
    const long divisor = std::gcd(width, height);
    return std::to_string(width / divisor) + ":" + std::to_string(height / divisor);
}

// The request's orientation: its aspect ratio, else the model's default one; landscape when neither says.
bool wantsPortrait(const json& body, const Model& model) {
    const ParamSpec* aspect = model.param("/aspectRatio");
    const json* ratio = findAt(body, "/aspectRatio");
    if (!ratio && aspect && aspect->defaultValue.is_string()) ratio = &aspect->defaultValue;
    const auto sides = ratio && ratio->is_string() ? sidesOf(ratio->get<std::string>(), ':') : std::nullopt;
    return sides && sides->second > sides->first;
}

void mapResolution(Request& request, const Model& model) {
    json& body = request.body;
    const json* value = findAt(body, "/resolution");
    const ParamSpec* resolution = model.param("/resolution");
    if (!value || !value->is_string() || !resolution || resolution->values.empty()) return;
    const std::string written = value->get<std::string>();
    if (lists(resolution, written)) return;
    if (const auto size = sidesOf(written, 'x')) {
        const std::string tier = std::to_string(std::min(size->first, size->second)) + "p";
        if (!lists(resolution, tier)) return;
        body["resolution"] = tier;
        const ParamSpec* aspect = model.param("/aspectRatio");
        const std::string ratio = reducedRatio(size->first, size->second);
        if (!body.contains("aspectRatio") && lists(aspect, ratio) && aspect->defaultValue != json(ratio)) {
            body["aspectRatio"] = ratio;
            request.origin.record("/aspectRatio", request.origin.inputPointer("/resolution"));
        }
        return;
    }
    // A tier ("720p", seed 001's spelling for Veo) for a model that lists sizes (Wan: "1280x720").
    if (written.size() < 2 || written.back() != 'p') return;
    const auto height = sidesOf("1x" + written.substr(0, written.size() - 1), 'x');
    if (!height) return;
    const bool portrait = wantsPortrait(body, model);
    for (const json& offered : resolution->values) {
        const auto size = offered.is_string() ? sidesOf(offered.get<std::string>(), 'x') : std::nullopt;
        if (size && std::min(size->first, size->second) == height->second && (size->second > size->first) == portrait) {
            body["resolution"] = offered;
            return;
        }
    }
}

void mapAdaptiveAspectRatio(Request& request, const Model& model) {
    json& body = request.body;
    const json* value = findAt(body, "/aspectRatio");
    const ParamSpec* aspect = model.param("/aspectRatio");
    if (!value || *value != "adaptive" || lists(aspect, "adaptive")) return;
    body.erase("aspectRatio");
    const json* image = findAt(body, "/image");
    if (!aspect || aspect->values.empty() || !image || !image->is_string()) return;
    const MediaInfo info = probeMediaValue(image->get<std::string>());
    if (info.width <= 0 || info.height <= 0) return;  // behind a URL: nothing to follow here
    const double wanted = std::log(static_cast<double>(info.width) / info.height);
    double nearest = std::numeric_limits<double>::infinity();
    for (const json& offered : aspect->values) {
        const auto sides = offered.is_string() ? sidesOf(offered.get<std::string>(), ':') : std::nullopt;
        if (!sides) continue;
        const double distance = std::abs(std::log(static_cast<double>(sides->first) / sides->second) - wanted);
        if (distance < nearest) {
            nearest = distance;
            body["aspectRatio"] = offered;
        }
    }
}

}  // namespace

json sdkResolution(const json& resolution, const json& body, const Model& model) {
    if (!resolution.is_string()) return resolution;
    const std::string& tier = resolution.get_ref<const std::string&>();
    const auto height = tier.size() >= 2 && tier.back() == 'p' ? sidesOf("1x" + tier.substr(0, tier.size() - 1), 'x')
                                                               : std::nullopt;
    const ParamSpec* aspect = model.param("/aspectRatio");
    const json* ratio = findAt(body, "/aspectRatio");
    if (!ratio && aspect && aspect->defaultValue.is_string()) ratio = &aspect->defaultValue;
    const auto sides = ratio && ratio->is_string() ? sidesOf(ratio->get<std::string>(), ':') : std::nullopt;
    if (!height || !sides) return resolution;
    // The short side is the tier; the long one follows the ratio, rounded to an even number of
    // pixels as encoders want (480p at 16:9 is 854x480).
    const long shortSide = height->second;
    const double longSide = static_cast<double>(shortSide) * std::max(sides->first, sides->second) /
                            std::min(sides->first, sides->second);
    const long even = 2 * std::lround(longSide / 2);
    const bool portrait = sides->second > sides->first;
    return std::to_string(portrait ? shortSide : even) + "x" + std::to_string(portrait ? even : shortSide);
}

bool sdkFormsMayChange(const Model& model, std::optional<std::string_view> resolution,
                       std::optional<std::string_view> aspectRatio) {
    const ParamSpec* offered = model.param("/resolution");
    if (resolution && offered && !offered->values.empty() && !lists(offered, std::string(*resolution))) return true;
    return aspectRatio == "adaptive" && !lists(model.param("/aspectRatio"), "adaptive");
}

void mapSdkForms(Request& request, const Model& model) {
    mapAdaptiveAspectRatio(request, model);  // first: the ratio it picks is the orientation a tier follows
    mapResolution(request, model);
}

}  // namespace vg
