// VideoGen core: Kling camera control values and the preview transform (seed 001).
//
// Index
// [SECTION] Axes and the control value
// [SECTION] Limits from the catalog
// [SECTION] JSON
// [SECTION] Preview transform
#include "camera_preview.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Axes and the control value
//-----------------------------------------------------------------------------

const char* cameraAxisName(CameraAxis axis) {
    switch (axis) {
        case CameraAxis::Horizontal: return "horizontal";
        case CameraAxis::Vertical: return "vertical";
        case CameraAxis::Pan: return "pan";
        case CameraAxis::Tilt: return "tilt";
        case CameraAxis::Roll: return "roll";
        case CameraAxis::Zoom: return "zoom";
    }
    return "";
}

CameraAxisDirections cameraAxisDirections(CameraAxis axis) {
    switch (axis) {
        case CameraAxis::Horizontal: return {"left", "right"};
        case CameraAxis::Vertical: return {"down", "up"};
        case CameraAxis::Pan: return {"turn left", "turn right"};
        case CameraAxis::Tilt: return {"turn down", "turn up"};
        case CameraAxis::Roll: return {"counter-clockwise", "clockwise"};
        case CameraAxis::Zoom: return {"narrower", "wider"};
    }
    return {"", ""};
}

std::optional<CameraAxis> cameraAxisByName(std::string_view name) {
    for (CameraAxis axis : kCameraAxes)
        if (name == cameraAxisName(axis)) return axis;
    return std::nullopt;
}

void setSimpleAxis(CameraControl& control, CameraAxis axis, double value) {
    control.type = "simple";
    control.axes.fill(0);
    control[axis] = std::isfinite(value) ? value : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Limits from the catalog
//-----------------------------------------------------------------------------

std::optional<CameraControlLimits> cameraControlLimits(const Model& model) {
    for (const RuleSpec& rule : model.rules) {
        if (rule.kind != "camera_control") continue;
        auto path = rule.args.find("path");
        const ParamSpec* spec = path != rule.args.end() && path->is_string() ? model.param(path->get<std::string>()) : nullptr;
        if (!spec || !spec->unsupported.empty()) return std::nullopt;
        CameraControlLimits limits;
        limits.path = spec->path;
        for (const ParamSpec& member : spec->properties)
            if (member.path == "/type")
                for (const json& value : member.values)
                    if (value.is_string()) limits.types.push_back(value.get<std::string>());
        for (const char* key : {"configRequired", "axes"}) {
            auto list = rule.args.find(key);
            if (list == rule.args.end() || !list->is_array()) continue;
            for (const json& name : *list) {
                if (!name.is_string()) continue;
                if (std::string_view(key) == "configRequired") limits.typesWithConfig.push_back(name.get<std::string>());
                else if (auto axis = cameraAxisByName(name.get<std::string>())) limits.axes.push_back(*axis);
            }
        }
        limits.minAxis = rule.args.value("min", 0.0);
        limits.maxAxis = rule.args.value("max", 0.0);
        return limits;
    }
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON
//-----------------------------------------------------------------------------

json cameraControlJson(const CameraControl& control, const CameraControlLimits& limits) {
    json out = {{"type", control.type}};
    const auto& withConfig = limits.typesWithConfig;
    if (std::find(withConfig.begin(), withConfig.end(), control.type) == withConfig.end()) return out;
    json& config = out["config"] = json::object();
    for (CameraAxis axis : limits.axes) {
        const double value = control[axis];
        // Whole numbers as integers, as the seed's example writes them ("zoom": 5).
        if (value == std::trunc(value) && std::fabs(value) < 1e9) config[cameraAxisName(axis)] = static_cast<int>(value);
        else config[cameraAxisName(axis)] = value;
    }
    return out;
}

std::optional<CameraControl> cameraControlFromJson(const json& value) {
    if (!value.is_object()) return std::nullopt;
    auto type = value.find("type");
    if (type == value.end() || !type->is_string()) return std::nullopt;
    CameraControl control;
    control.type = type->get<std::string>();
    auto config = value.find("config");
    if (config == value.end() || !config->is_object()) return control;
    for (CameraAxis axis : kCameraAxes) {
        auto member = config->find(cameraAxisName(axis));
        if (member != config->end() && member->is_number()) control[axis] = member->get<double>();
    }
    return control;
}

//-----------------------------------------------------------------------------
// [SECTION] Preview transform
//-----------------------------------------------------------------------------

namespace {

// Preview magnitudes per axis unit (the playground's choice; the seed gives directions only).
constexpr double kTranslatePerUnit = 0.05;                          // centred units (frame height = 2)
constexpr double kTurnPerUnit = 2.0 * std::numbers::pi / 180;       // pan and tilt, radians
constexpr double kRollPerUnit = 3.0 * std::numbers::pi / 180;       // radians
constexpr double kZoomOctavesPerUnit = 0.1;                         // 10 units = twice / half the view
constexpr double kFocalLength = 2.1445;                             // 1 / tan(25 deg): a 50 degree vertical view

// One part of a preset: these axis amounts reached linearly between `from` and `to` (in t).
struct PresetStep {
    double from, to;
    std::array<double, 6> axes;  // by CameraAxis
};

struct Preset {
    const char* type;
    std::vector<PresetStep> steps;
};

// Seed 001's descriptions, as compositions of the simple axes. Moving forward or backward shows as
// zooming in or out: a flat image has no depth to move through.
const std::vector<Preset>& presets() {
    //                                          horizontal vertical pan tilt roll zoom
    static const std::vector<Preset> table = {
        {"down_back", {{0, 1, {0, -6, 0, 0, 0, 6}}}},           // "descends and moves backward"
        {"forward_up", {{0, 1, {0, 0, 0, 6, 0, -6}}}},          // "moves forward and tilts up"
        {"right_turn_forward", {{0, 0.5, {0, 0, 6, 0, 0, 0}}, {0.5, 1, {0, 0, 0, 0, 0, -6}}}},  // "rotate right then move forward"
        {"left_turn_forward", {{0, 0.5, {0, 0, -6, 0, 0, 0}}, {0.5, 1, {0, 0, 0, 0, 0, -6}}}},  // "rotate left then move forward"
    };
    return table;
}

// Axis amounts reached at time t.
std::array<double, 6> amountsAt(const CameraControl& control, double t) {
    std::array<double, 6> amounts{};
    if (control.type == "simple") {
        for (size_t i = 0; i < amounts.size(); ++i) amounts[i] = std::isfinite(control.axes[i]) ? control.axes[i] * t : 0;
        return amounts;
    }
    for (const Preset& preset : presets()) {
        if (control.type != preset.type) continue;
        for (const PresetStep& step : preset.steps) {
            const double progress = std::clamp((t - step.from) / (step.to - step.from), 0.0, 1.0);
            for (size_t i = 0; i < amounts.size(); ++i) amounts[i] += step.axes[i] * progress;
        }
    }
    return amounts;
}

using Mat3 = std::array<double, 9>;  // row-major while composing

Mat3 multiply(const Mat3& a, const Mat3& b) {
    Mat3 out{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
            for (int k = 0; k < 3; ++k) out[r * 3 + c] += a[r * 3 + k] * b[k * 3 + c];
    return out;
}

// Camera rotation as a homography K R K^-1 on centred coordinates (x right, y down, z forward).
// Pan right turns the view toward +x, tilt up toward -y.
Mat3 viewRotation(double pan, double tilt) {
    const double cp = std::cos(pan), sp = std::sin(pan), ct = std::cos(tilt), st = std::sin(tilt);
    const Mat3 yaw = {cp, 0, sp, 0, 1, 0, -sp, 0, cp};
    const Mat3 pitch = {1, 0, 0, 0, ct, -st, 0, st, ct};
    const Mat3 toCamera = {1 / kFocalLength, 0, 0, 0, 1 / kFocalLength, 0, 0, 0, 1};
    const Mat3 toImage = {kFocalLength, 0, 0, 0, kFocalLength, 0, 0, 0, 1};
    return multiply(toImage, multiply(multiply(yaw, pitch), toCamera));
}

}  // namespace

std::array<float, 9> cameraTransformAt(const CameraControl& control, double t, double frameAspect) {
    t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    const double a = std::isfinite(frameAspect) && frameAspect > 0 ? frameAspect : 1.0;
    const std::array<double, 6> amount = amountsAt(control, t);
    auto of = [&](CameraAxis axis) { return amount[size_t(axis)]; };

    // uv (top-left origin, [0,1]) <-> centred (x in [-a, a], y in [-1, 1], y down).
    const Mat3 toCentred = {2 * a, 0, -a, 0, 2, -1, 0, 0, 1};
    const Mat3 toUv = {1 / (2 * a), 0, 0.5, 0, 0.5, 0.5, 0, 0, 1};
    const double scale = std::exp2(of(CameraAxis::Zoom) * kZoomOctavesPerUnit);  // < 1: narrower view
    const Mat3 zoom = {scale, 0, 0, 0, scale, 0, 0, 0, 1};
    // A clockwise camera roll (positive) shows the world turned counter-clockwise: sample the
    // output position turned clockwise (on a y-down frame this is the usual rotation matrix).
    const double roll = of(CameraAxis::Roll) * kRollPerUnit;
    const Mat3 rollMatrix = {std::cos(roll), -std::sin(roll), 0, std::sin(roll), std::cos(roll), 0, 0, 0, 1};
    const Mat3 turn = viewRotation(of(CameraAxis::Pan) * kTurnPerUnit, of(CameraAxis::Tilt) * kTurnPerUnit);
    // The camera moving right samples further right; moving up samples higher (smaller y).
    const Mat3 move = {1, 0, of(CameraAxis::Horizontal) * kTranslatePerUnit,
                       0, 1, -of(CameraAxis::Vertical) * kTranslatePerUnit,
                       0, 0, 1};

    const Mat3 m = multiply(toUv, multiply(move, multiply(turn, multiply(rollMatrix, multiply(zoom, toCentred)))));
    std::array<float, 9> columnMajor{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) columnMajor[c * 3 + r] = static_cast<float>(m[r * 3 + c]);
    return columnMajor;
}

}  // namespace vg
