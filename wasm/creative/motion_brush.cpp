// VideoGen core: motion brush masks, paths and the Kling options they become (seed 001).
//
// Index
// [SECTION] Masks and painting
// [SECTION] Paths and trajectories
// [SECTION] Limits from the catalog
// [SECTION] Request options
#include "motion_brush.h"

#include "media/media.h"
#include "png_encode.h"

#include <algorithm>
#include <cmath>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Masks and painting
//-----------------------------------------------------------------------------

namespace {

constexpr uint64_t kMaxMaskPixels = uint64_t(1) << 28;  // the PNG encoder's limit
constexpr uint8_t kPainted = 255;

double distanceSquaredToSegment(double px, double py, ImagePoint a, ImagePoint b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double lengthSquared = dx * dx + dy * dy;
    double t = lengthSquared > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double cx = a.x + t * dx - px, cy = a.y + t * dy - py;
    return cx * cx + cy * cy;
}

bool isFinite(ImagePoint p) { return std::isfinite(p.x) && std::isfinite(p.y); }

}  // namespace

Mask makeMask(int width, int height) {
    if (width <= 0 || height <= 0 || uint64_t(width) * uint64_t(height) > kMaxMaskPixels) return {};
    return Mask{width, height, std::vector<uint8_t>(size_t(width) * size_t(height), 0)};
}

bool isPainted(const Mask& mask) {
    return std::any_of(mask.pixels.begin(), mask.pixels.end(), [](uint8_t v) { return v != 0; });
}

void paintStroke(Mask& mask, ImagePoint from, ImagePoint to, double radius, bool erase) {
    if (mask.width <= 0 || mask.height <= 0 || mask.pixels.size() != size_t(mask.width) * size_t(mask.height)) return;
    if (!isFinite(from) || !isFinite(to) || std::isnan(radius)) return;
    radius = std::clamp(radius, 0.5, double(std::max(mask.width, mask.height)));
    // Pixel rows and columns whose centres can be within reach, clipped to the image.
    const auto first = [](double v) { return std::floor(v - 0.5); };
    const auto last = [](double v) { return std::ceil(v - 0.5); };
    const double x0 = std::max(0.0, first(std::min(from.x, to.x) - radius));
    const double x1 = std::min(double(mask.width - 1), last(std::max(from.x, to.x) + radius));
    const double y0 = std::max(0.0, first(std::min(from.y, to.y) - radius));
    const double y1 = std::min(double(mask.height - 1), last(std::max(from.y, to.y) + radius));
    const double reach = radius * radius;
    const uint8_t value = erase ? 0 : kPainted;
    for (int y = int(y0); y <= int(y1); ++y)
        for (int x = int(x0); x <= int(x1); ++x)
            if (distanceSquaredToSegment(x + 0.5, y + 0.5, from, to) <= reach)
                mask.pixels[size_t(y) * size_t(mask.width) + size_t(x)] = value;
}

//-----------------------------------------------------------------------------
// [SECTION] Paths and trajectories
//-----------------------------------------------------------------------------

std::vector<ImagePoint> resamplePath(const std::vector<ImagePoint>& path, size_t maxPoints) {
    maxPoints = std::max<size_t>(maxPoints, 2);
    std::vector<ImagePoint> distinct;
    for (const ImagePoint& p : path) {
        if (!isFinite(p)) continue;
        if (distinct.empty() || p.x != distinct.back().x || p.y != distinct.back().y) distinct.push_back(p);
    }
    if (distinct.size() <= maxPoints) return distinct;

    std::vector<double> along(distinct.size(), 0);  // arc length at each point
    for (size_t i = 1; i < distinct.size(); ++i)
        along[i] = along[i - 1] + std::hypot(distinct[i].x - distinct[i - 1].x, distinct[i].y - distinct[i - 1].y);
    const double total = along.back();
    std::vector<ImagePoint> out;
    out.reserve(maxPoints);
    size_t segment = 1;
    for (size_t k = 0; k < maxPoints; ++k) {
        const double target = total * double(k) / double(maxPoints - 1);
        while (segment + 1 < distinct.size() && along[segment] < target) ++segment;
        const double span = along[segment] - along[segment - 1];
        const double t = span > 0 ? std::clamp((target - along[segment - 1]) / span, 0.0, 1.0) : 0;
        const ImagePoint& a = distinct[segment - 1];
        const ImagePoint& b = distinct[segment];
        out.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
    }
    out.back() = distinct.back();  // exact end point, free of rounding
    return out;
}

std::vector<TrajectoryPoint> toKlingTrajectory(const std::vector<ImagePoint>& path, int imageWidth, int imageHeight) {
    std::vector<TrajectoryPoint> out;
    if (imageWidth <= 0 || imageHeight <= 0) return out;
    out.reserve(path.size());
    for (const ImagePoint& p : path) {
        if (!isFinite(p)) continue;
        const int column = int(std::clamp(std::floor(p.x), 0.0, double(imageWidth - 1)));
        const int row = int(std::clamp(std::floor(p.y), 0.0, double(imageHeight - 1)));
        out.push_back({column, imageHeight - 1 - row});
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Limits from the catalog
//-----------------------------------------------------------------------------

namespace {

size_t countArg(const json& args, const char* name) {
    auto it = args.find(name);
    return it != args.end() && it->is_number() && it->get<double>() >= 0 ? size_t(it->get<double>()) : 0;
}

}  // namespace

std::optional<MotionBrushLimits> motionBrushLimits(const Model& model, double durationSeconds) {
    for (const RuleSpec& rule : model.rules) {
        if (rule.kind != "trajectory_points") continue;
        auto path = rule.args.find("path");
        const ParamSpec* masks = path != rule.args.end() && path->is_string() ? model.param(path->get<std::string>()) : nullptr;
        if (!masks || !masks->unsupported.empty()) return std::nullopt;
        MotionBrushLimits limits;
        limits.maxDynamicMasks = masks->maxLength.value_or(0);
        limits.minTrajectoryPoints = std::max<size_t>(countArg(rule.args, "min"), 2);
        limits.maxTrajectoryPoints = std::max(countArg(rule.args, "max"), limits.minTrajectoryPoints);
        auto stated = rule.args.find("forDuration");
        limits.statedForSeconds = stated != rule.args.end() && stated->is_number() ? stated->get<double>() : 0;
        limits.maxStatedForDuration = limits.statedForSeconds == 0 || limits.statedForSeconds == durationSeconds;
        return limits;
    }
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Request options
//-----------------------------------------------------------------------------

namespace {

// Kling takes masks as raw base64 without a data: prefix (seed 001's rule for inline images).
std::string maskBase64(const Mask& mask) {
    const std::vector<uint8_t> png = encodePng(mask.pixels.data(), mask.width, mask.height, PngColor::Gray8);
    return encodeBase64(png.data(), png.size());
}

std::string sizeText(const Mask& mask) { return std::to_string(mask.width) + "x" + std::to_string(mask.height); }

}  // namespace

MotionBrushOptions motionBrushOptions(const MotionBrush& brush, const MotionBrushLimits& limits) {
    MotionBrushOptions result;
    std::vector<std::string>& problems = result.problems;
    if (brush.dynamicMasks.size() > limits.maxDynamicMasks)
        problems.push_back("there are " + std::to_string(brush.dynamicMasks.size()) + " dynamic masks; at most " +
                           std::to_string(limits.maxDynamicMasks) + " are allowed: remove " +
                           std::to_string(brush.dynamicMasks.size() - limits.maxDynamicMasks));

    // Every mask must have the first mask's resolution, which is the input image's when the editor
    // made them with makeMask(image size).
    std::vector<std::pair<std::string, const Mask*>> masks;
    if (brush.staticMask) masks.emplace_back("the static mask", &*brush.staticMask);
    for (size_t i = 0; i < brush.dynamicMasks.size(); ++i)
        masks.emplace_back("dynamic mask " + std::to_string(i + 1), &brush.dynamicMasks[i].mask);
    for (const auto& [name, mask] : masks) {
        if (mask->width <= 0 || mask->height <= 0 || mask->pixels.size() != size_t(mask->width) * size_t(mask->height))
            problems.push_back(name + " has no pixels: make it at the input image's size");
        else if (mask->width != masks.front().second->width || mask->height != masks.front().second->height)
            problems.push_back(name + " is " + sizeText(*mask) + " but " + masks.front().first + " is " +
                               sizeText(*masks.front().second) + ": all masks must have identical resolution");
    }

    std::vector<std::vector<TrajectoryPoint>> trajectories;
    for (size_t i = 0; i < brush.dynamicMasks.size(); ++i) {
        const DynamicMask& entry = brush.dynamicMasks[i];
        const std::string name = "dynamic mask " + std::to_string(i + 1);
        if (!isPainted(entry.mask)) problems.push_back(name + " has nothing painted: paint the area that moves");
        trajectories.push_back(toKlingTrajectory(resamplePath(entry.path, limits.maxTrajectoryPoints),
                                                 entry.mask.width, entry.mask.height));
        const size_t count = trajectories.back().size();
        if (count < limits.minTrajectoryPoints)
            problems.push_back(name + "'s path has " + std::to_string(count) + " point" + (count == 1 ? "" : "s") +
                               "; draw a path of at least " + std::to_string(limits.minTrajectoryPoints));
    }
    if (!problems.empty()) return result;

    if (brush.staticMask) result.klingOptions["staticMask"] = maskBase64(*brush.staticMask);
    if (brush.dynamicMasks.empty()) return result;
    json& dynamic = result.klingOptions["dynamicMasks"] = json::array();
    for (size_t i = 0; i < brush.dynamicMasks.size(); ++i) {
        json points = json::array();
        for (const TrajectoryPoint& p : trajectories[i]) points.push_back({{"x", p.x}, {"y", p.y}});
        dynamic.push_back({{"mask", maskBase64(brush.dynamicMasks[i].mask)}, {"trajectories", std::move(points)}});
    }
    return result;
}

}  // namespace vg
