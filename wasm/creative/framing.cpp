// VideoGen core: pad/crop framing rectangles and placement presets.
#include "framing.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace vg {

std::optional<ResizeMode> resizeModeByName(std::string_view name) {
    if (name == "pad") return ResizeMode::Pad;
    if (name == "crop") return ResizeMode::Crop;
    return std::nullopt;
}

Framing fitImage(double imageWidth, double imageHeight, double frameAspect, ResizeMode mode) {
    Framing framing;
    const bool usable = std::isfinite(imageWidth) && std::isfinite(imageHeight) && std::isfinite(frameAspect) &&
                        imageWidth > 0 && imageHeight > 0 && frameAspect > 0;
    if (!usable) return framing;
    // > 1: the image is wider than the frame; < 1: taller.
    const double relative = (imageWidth / imageHeight) / frameAspect;
    if (relative == 1) return framing;
    if (mode == ResizeMode::Pad) {
        if (relative > 1) {  // full width, bars above and below
            const double h = 1 / relative, top = (1 - h) / 2;
            framing.imageInFrame = {0, top, 1, h};
            framing.bars = {{0, 0, 1, top}, {0, top + h, 1, 1 - top - h}};
        } else {  // full height, bars left and right
            const double w = relative, left = (1 - w) / 2;
            framing.imageInFrame = {left, 0, w, 1};
            framing.bars = {{0, 0, left, 1}, {left + w, 0, 1 - left - w, 1}};
        }
    } else {
        if (relative > 1) {  // the image's sides are cut
            const double w = 1 / relative;
            framing.sourceCrop = {(1 - w) / 2, 0, w, 1};
        } else {  // its top and bottom are cut
            const double h = relative;
            framing.sourceCrop = {0, (1 - h) / 2, 1, h};
        }
    }
    return framing;
}

namespace {

// A positive finite number taking up all of `text` (strtod: Emscripten's libc++ has no
// floating-point from_chars). No leading sign or space.
std::optional<double> positiveNumber(std::string_view text) {
    if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '.')) return std::nullopt;
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value) || value <= 0) return std::nullopt;
    return value;
}

}  // namespace

std::optional<double> parseAspectRatio(std::string_view text) {
    const size_t separator = text.find_first_of(":x");
    if (separator == std::string_view::npos) return std::nullopt;
    const std::optional<double> width = positiveNumber(text.substr(0, separator));
    const std::optional<double> height = positiveNumber(text.substr(separator + 1));
    if (!width || !height) return std::nullopt;
    return *width / *height;
}

bool sameAspect(double a, double b) { return std::abs(a - b) <= 0.005 * std::max(a, b); }

namespace {

bool offeredIn(const ParamSpec* spec, Mode mode) {
    return spec && spec->unsupported.empty() &&
           (spec->modes.empty() || std::find(spec->modes.begin(), spec->modes.end(), mode) != spec->modes.end());
}

std::optional<double> shapeOf(const json& value) {
    return value.is_string() ? parseAspectRatio(value.get_ref<const std::string&>()) : std::nullopt;
}

}  // namespace

const ParamSpec* frameParam(const Model& model, Mode mode) {
    if (const ParamSpec* ratio = model.param("/aspectRatio"); offeredIn(ratio, mode)) return ratio;
    const ParamSpec* size = model.param("/resolution");
    if (!offeredIn(size, mode) || size->values.empty()) return nullptr;
    for (const json& value : size->values)
        if (!shapeOf(value)) return nullptr;
    return size;
}

std::optional<std::string> frameValueFor(const ParamSpec& spec, std::string_view aspectRatio, std::string_view current) {
    const std::optional<double> wanted = parseAspectRatio(aspectRatio);
    if (!wanted) return std::nullopt;
    if (spec.values.empty()) return std::string(aspectRatio);
    if (const std::optional<double> shape = parseAspectRatio(current); shape && sameAspect(*shape, *wanted)) {
        for (const json& value : spec.values)
            if (value.is_string() && value.get_ref<const std::string&>() == current) return std::string(current);
    }
    for (const json& value : spec.values)
        if (const std::optional<double> shape = shapeOf(value); shape && sameAspect(*shape, *wanted)) return value.get<std::string>();
    return std::nullopt;
}

namespace {

constexpr NormRect insetBy(double top, double right, double bottom, double left) {
    return {left, top, 1 - left - right, 1 - top - bottom};
}

// Aspect ratios: seed 003, "9:16 for Reels / Stories / TikTok, 1:1 for feed, 16:9 for in-stream /
// YouTube". Safe areas (top, right, bottom, left, as fractions of the frame) are the playground's
// guides, not from a seed: rounded from the margins the platforms' own overlays take on a
// 1080 x 1920 or 1920 x 1080 frame, kept generous because those overlays change over time.
//  - Reels: profile/caption block and buttons at the bottom (35%), header at the top (14%), 6% sides.
//  - Stories: progress bar and header at the top, reply bar at the bottom (14% each), 6% sides.
//  - TikTok: caption at the bottom (20%), action buttons on the right (15%), top tabs (10%), 5% left.
//  - Feed 1:1: 5% all round (the title-safe habit; the feed itself draws over nothing).
//  - In-stream / YouTube 16:9: 5% title-safe margins, 15% at the bottom for the progress bar, the
//    ad badge and captions.
constexpr Placement kPlacements[] = {
    {"reels", "Instagram / Facebook Reels", "9:16", insetBy(0.14, 0.06, 0.35, 0.06), "seed 003"},
    {"stories", "Instagram / Facebook Stories", "9:16", insetBy(0.14, 0.06, 0.14, 0.06), "seed 003"},
    {"tiktok", "TikTok", "9:16", insetBy(0.10, 0.15, 0.20, 0.05), "seed 003"},
    {"feed", "Feed (square)", "1:1", insetBy(0.05, 0.05, 0.05, 0.05), "seed 003"},
    {"in-stream", "In-stream / YouTube", "16:9", insetBy(0.05, 0.05, 0.15, 0.05), "seed 003"},
};

}  // namespace

std::span<const Placement> placements() { return kPlacements; }

const Placement* placementById(std::string_view id) {
    for (const Placement& placement : kPlacements)
        if (placement.id == id) return &placement;
    return nullptr;
}

}  // namespace vg
