// VideoGen core: cross-field rules.
// Each rule kind is one function configured by its catalog arguments. Diagnostics use canonical
// paths; the validator maps them back to the user's input.
//
// Index
// [SECTION] Helpers
// [SECTION] exclusive, requires, warn_when_present
// [SECTION] camera_control
// [SECTION] shot_durations_sum, trajectory_points
// [SECTION] same_resolution, voice_tags
// [SECTION] Dispatch
// [SECTION] When a rule may speak
// [SECTION] Queries for editors
#include "request/rules.h"

#include "request/diagnostic_codes.h"
#include "text/json_path.h"
#include "media/media.h"
#include "text/text_format.h"

#include <cmath>
#include <cstdlib>
#include <algorithm>
#include <span>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

// A string argument as a view into the rule's arguments ("" when absent), and as a string.
std::string_view argView(const json& args, const char* name) {
    auto found = args.find(name);
    return found != args.end() && found->is_string() ? std::string_view(found->get_ref<const std::string&>()) : std::string_view();
}
std::string argString(const json& args, const char* name) { return std::string(argView(args, name)); }

// The loader checked the types and that required arguments are there; `fallback` is for optional ones.
double argNumber(const json& args, const char* name, double fallback = 0) {
    auto it = args.find(name);
    return it != args.end() && it->is_number() ? it->get<double>() : fallback;
}

std::vector<std::string> argStrings(const json& args, const char* name) {
    std::vector<std::string> out;
    auto it = args.find(name);
    if (it == args.end() || !it->is_array()) return out;
    for (const json& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

// A number, or a string holding one ("4": Kling's multiPrompt durations are strings).
std::optional<double> numberIn(const json& value) {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        char* end = nullptr;
        double parsed = std::strtod(text.c_str(), &end);
        if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(parsed)) return parsed;
    }
    return std::nullopt;
}

// The request's duration at `path`, or the model's default when the request leaves it out.
std::optional<double> effectiveDuration(const Model& model, const Request& request, const std::string& path) {
    if (const json* duration = findAt(request.body, path))
        return duration->is_number() ? std::optional<double>(duration->get<double>()) : std::nullopt;
    if (const ParamSpec* spec = model.param(path); spec && spec->defaultValue.is_number())
        return spec->defaultValue.get<double>();
    return std::nullopt;
}

std::string modelLabel(const Request& request, const Model& model) {
    std::string id = request.modelId();
    return id.empty() ? model.id : id;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] exclusive, requires, warn_when_present
//-----------------------------------------------------------------------------

namespace {

// {"groups": [["/lastFrame"], ["/providerOptions/klingai/staticMask", ...], ...]}: at most one group.
void ruleExclusive(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out) {
    auto groups = rule.args.find("groups");
    if (groups == rule.args.end() || !groups->is_array()) return;
    std::string firstPresent;
    std::vector<std::string> groupNames;
    for (const json& group : *groups) {
        std::vector<std::string> names;
        std::string present;
        for (const json& path : group) {
            if (!path.is_string()) continue;
            names.push_back(pointerLeaf(path.get<std::string>()));
            if (present.empty() && findAt(request.body, path.get<std::string>())) present = path.get<std::string>();
        }
        groupNames.push_back(joinWords(names, "/"));
        if (present.empty()) continue;
        if (firstPresent.empty()) {
            firstPresent = present;
            continue;
        }
        out.push_back(makeError(present, Code::ExclusiveOptions,
                                pointerLeaf(present) + " cannot be combined with " + pointerLeaf(firstPresent) + " on " +
                                    modelLabel(request, model) + ": " + joinWords(groupNames, " and ") +
                                    (groups->size() > groupNames.size() ? " ..." : "") +
                                    " are mutually exclusive; keep one"));
    }
}

// {"if": ptr, "ifEquals"?: v, "then": ptr, "equals"?: v, "why": "..."}
void ruleRequires(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out) {
    const std::string ifPath = argString(rule.args, "if"), thenPath = argString(rule.args, "then");
    const json* trigger = findAt(request.body, ifPath);
    if (!trigger) return;
    if (rule.args.contains("ifEquals") && *trigger != rule.args["ifEquals"]) return;
    const json* target = findAt(request.body, thenPath);
    bool satisfied = target && (!rule.args.contains("equals") || *target == rule.args["equals"]);
    if (satisfied) return;
    std::string wanted = pointerLeaf(thenPath);
    if (rule.args.contains("equals")) wanted += " " + describeValue(rule.args["equals"]);
    std::string why = argString(rule.args, "why");
    out.push_back(makeError(target ? thenPath : ifPath, Code::RequiresOption,
                            pointerLeaf(ifPath) + " on " + modelLabel(request, model) + " requires " + wanted +
                                (why.empty() ? std::string() : ": " + why)));
}

// {"path": ptr, "code": "seed_conflict", "message": "..."}: code is a registered warning (checked at load).
void ruleWarnWhenPresent(const RuleSpec& rule, const Model&, const Request& request, Diagnostics& out) {
    const std::string path = argString(rule.args, "path");
    if (!findAt(request.body, path)) return;
    const Code code = *codeByName(argString(rule.args, "code"));
    out.push_back(makeWarning(path, code, argString(rule.args, "message")));
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] camera_control
//-----------------------------------------------------------------------------

namespace {

// {"path", "configRequired": ["simple"], "axes": [...], "min": -10, "max": 10}
void ruleCameraControl(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out) {
    const std::string path = argString(rule.args, "path");
    const json* control = findAt(request.body, path);
    if (!control || !control->is_object()) return;
    const json* type = findAt(*control, "/type");
    if (!type || !type->is_string()) return;  // the spec reports a missing or mistyped type
    const std::vector<std::string> needsConfig = argStrings(rule.args, "configRequired");
    const std::vector<std::string> axes = argStrings(rule.args, "axes");
    const double low = argNumber(rule.args, "min"), high = argNumber(rule.args, "max");
    const std::string typeName = type->get<std::string>();
    const std::string configPath = path + "/config";
    const json* config = findAt(*control, "/config");
    bool required = std::find(needsConfig.begin(), needsConfig.end(), typeName) != needsConfig.end();
    if (!required) {
        if (config)
            out.push_back(makeWarning(configPath, Code::CameraConfigIgnored,
                                      "cameraControl type \"" + typeName + "\" is a preset move: its config is ignored"));
        return;
    }
    if (!config || !config->is_object()) {
        out.push_back(makeError(config ? configPath : path, Code::CameraConfigMissing,
                                "cameraControl type \"" + typeName + "\" needs config with one axis set (" +
                                    joinWords(axes) + ", each from " + formatNumber(low) + " to " + formatNumber(high) +
                                    ")"));
        return;
    }
    std::vector<std::string> moving;
    for (const std::string& axis : axes) {
        const json* value = findAt(*config, "/" + axis);
        if (!value || !value->is_number()) continue;  // a wrong type is the spec's to report
        double amount = value->get<double>();
        if (amount < low || amount > high) {
            out.push_back(makeError(configPath + "/" + axis, Code::CameraAxisOutOfRange,
                                    "cameraControl " + axis + " " + formatNumber(amount) + " is out of range: use " +
                                        formatNumber(low) + " to " + formatNumber(high)));
        }
        if (amount != 0) moving.push_back(axis + "=" + formatNumber(amount));
    }
    if (moving.size() != 1) {
        out.push_back(makeError(configPath, Code::CameraAxesCount,
                                "a \"" + typeName + "\" camera move sets exactly one axis to a non-zero value and the others to 0 on " +
                                    modelLabel(request, model) + (moving.empty() ? ": none is set" : ": found " + joinWords(moving, " and "))));
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] shot_durations_sum, trajectory_points
//-----------------------------------------------------------------------------

namespace {

// {"path": multiPrompt, "field": "duration", "index": "index", "total": "/duration"}
void ruleShotDurations(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out) {
    const std::string path = argString(rule.args, "path");
    const json* shots = findAt(request.body, path);
    if (!shots || !shots->is_array() || shots->empty()) return;
    const std::string field = argString(rule.args, "field"), indexField = argString(rule.args, "index");
    double sum = 0;
    for (size_t i = 0; i < shots->size(); ++i) {
        const json& shot = (*shots)[i];
        if (!shot.is_object()) return;  // the spec reports it
        const std::string shotPath = pointerChild(path, i);
        if (!indexField.empty()) {
            std::optional<double> index = shot.contains(indexField) ? numberIn(shot[indexField]) : std::nullopt;
            if (!index || *index != static_cast<double>(i + 1)) {
                out.push_back(makeError(shotPath + "/" + indexField, Code::ShotIndexSequence,
                                        "shot " + std::to_string(i + 1) + " must have " + indexField + " " +
                                            std::to_string(i + 1) + ": shots are numbered from 1 in order"));
            }
        }
        std::optional<double> seconds = shot.contains(field) ? numberIn(shot[field]) : std::nullopt;
        if (!seconds || *seconds <= 0) {
            out.push_back(makeError(shotPath + "/" + field, Code::ShotDurationInvalid,
                                    "shot " + std::to_string(i + 1) + " needs a positive " + field + " in seconds"));
            return;
        }
        sum += *seconds;
    }
    std::optional<double> total = effectiveDuration(model, request, argString(rule.args, "total"));
    if (total && std::fabs(sum - *total) > 1e-9) {
        out.push_back(makeError(path, Code::ShotDurationsSum,
                                "the shots' durations add up to " + formatNumber(sum) + " s but the video is " +
                                    formatNumber(*total) + " s: make them sum to the duration"));
    }
}

// {"path": dynamicMasks, "field": "trajectories", "min": 2, "max": 77, "forDuration": 5}
void ruleTrajectoryPoints(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out) {
    const std::string path = argString(rule.args, "path"), field = argString(rule.args, "field");
    const json* masks = findAt(request.body, path);
    if (!masks || !masks->is_array()) return;
    const double low = argNumber(rule.args, "min"), high = argNumber(rule.args, "max");
    const double forDuration = argNumber(rule.args, "forDuration");
    std::optional<double> duration = effectiveDuration(model, request, "/duration");
    bool maxApplies = forDuration == 0 || (duration && *duration == forDuration);
    for (size_t i = 0; i < masks->size(); ++i) {
        const json* points = findAt((*masks)[i], "/" + field);
        if (!points || !points->is_array()) continue;
        double count = static_cast<double>(points->size());
        std::string where = pointerChild(path, i) + "/" + field;
        if (count < low || (maxApplies && count > high)) {
            out.push_back(makeError(where, Code::TrajectoryPoints,
                                    "dynamic mask " + std::to_string(i + 1) + " has " + formatNumber(count) +
                                        " trajectory points; use " + formatNumber(low) + " to " + formatNumber(high) +
                                        (forDuration > 0 ? " for a " + formatNumber(forDuration) + " s video" : "")));
        }
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] same_resolution, voice_tags
//-----------------------------------------------------------------------------

namespace {

// {"paths": [masks, may use "*"], "aspectOf": "/image"}: inline masks share one resolution and the
// image's aspect ratio. URLs cannot be measured offline and are skipped.
void ruleSameResolution(const RuleSpec& rule, const Model&, const Request& request, Diagnostics& out) {
    std::string firstPath;
    MediaInfo first;
    for (const std::string& pattern : argStrings(rule.args, "paths")) {
        for (const std::string& path : expandPointerPattern(request.body, pattern)) {
            const json* value = findAt(request.body, path);
            if (!value || !value->is_string()) continue;
            MediaInfo info = probeMediaValue(value->get_ref<const std::string&>());
            if (info.width <= 0) continue;
            if (firstPath.empty()) {
                firstPath = path;
                first = info;
                continue;
            }
            if (info.width != first.width || info.height != first.height) {
                out.push_back(makeError(path, Code::MaskResolutionMismatch,
                                        "every mask must have the same resolution: this one is " +
                                            std::to_string(info.width) + "x" + std::to_string(info.height) + ", " +
                                            pointerLeaf(firstPath) + " is " + std::to_string(first.width) + "x" +
                                            std::to_string(first.height)));
            }
        }
    }
    const std::string aspectOf = argString(rule.args, "aspectOf");
    const json* image = aspectOf.empty() ? nullptr : findAt(request.body, aspectOf);
    if (firstPath.empty() || !image || !image->is_string()) return;
    MediaInfo picture = probeMediaValue(image->get_ref<const std::string&>());
    if (picture.width <= 0) return;
    double maskAspect = static_cast<double>(first.width) / first.height;
    double imageAspect = static_cast<double>(picture.width) / picture.height;
    if (std::fabs(maskAspect - imageAspect) > 0.01 * imageAspect) {
        out.push_back(makeError(firstPath, Code::MaskAspectMismatch,
                                "masks must have the input image's aspect ratio: mask " + std::to_string(first.width) +
                                    "x" + std::to_string(first.height) + ", image " + std::to_string(picture.width) +
                                    "x" + std::to_string(picture.height)));
    }
}

// {"prompt": "/prompt", "list": voiceList}: every <<<voice_N>>> names an entry of the list.
void ruleVoiceTags(const RuleSpec& rule, const Model&, const Request& request, Diagnostics& out) {
    const std::string promptPath = argString(rule.args, "prompt"), listPath = argString(rule.args, "list");
    const json* prompt = findAt(request.body, promptPath);
    if (!prompt || !prompt->is_string()) return;
    const json* list = findAt(request.body, listPath);
    size_t voices = list && list->is_array() ? list->size() : 0;
    const std::string& text = prompt->get_ref<const std::string&>();
    const std::string open = "<<<voice_", close = ">>>";
    for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
        size_t digits = at + open.size(), end = digits;
        while (end < text.size() && end - digits < 6 && text[end] >= '0' && text[end] <= '9') ++end;
        if (end == digits || text.compare(end, close.size(), close) != 0) continue;
        unsigned long n = std::strtoul(text.substr(digits, end - digits).c_str(), nullptr, 10);
        if (n >= 1 && n <= voices) continue;
        out.push_back(makeError(promptPath, Code::VoiceTagUnknown,
                                "the prompt says " + text.substr(at, end + close.size() - at) + " but " +
                                    pointerLeaf(listPath) + " has " + std::to_string(voices) + " voice" +
                                    (voices == 1 ? "" : "s") + ": tags count from <<<voice_1>>> in the list's order"));
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Dispatch
//-----------------------------------------------------------------------------

namespace {

using RuleFunction = void (*)(const RuleSpec&, const Model&, const Request&, Diagnostics&);

// What a rule argument holds; the loader checks each against this, so a rule never reads a
// missing or mistyped argument as its default.
enum class ArgType {
    Pointer,        // a JSON Pointer into the canonical request: "/providerOptions/klingai/cameraControl"
    Pointers,       // an array of pointers; "*" stands for every array index
    PointerGroups,  // an array of arrays of pointers
    Name,           // a member name inside the value the rule looks at: "duration"
    Names,          // an array of names
    Number,
    Text,           // a sentence for the message
    Value,          // any JSON value to compare with
    WarningCode,    // a warning code of the registry (diagnostic_codes.h)
};

struct RuleArg {
    const char* name;
    ArgType type;
    bool required;
};

//-----------------------------------------------------------------------------
// [SECTION] When a rule may speak
//-----------------------------------------------------------------------------
// Each kind's own word on which members it reads: false only where its apply function would add
// nothing, so the compiled check skips the rule without reading the request into a tree.

bool speaksWhenPresent(const char* argument, const RuleSpec& rule, const MemberProbe& probe) {
    return probe.has(argView(rule.args, argument));
}
bool pathMaySpeak(const RuleSpec& rule, const MemberProbe& probe) { return speaksWhenPresent("path", rule, probe); }
bool requiresMaySpeak(const RuleSpec& rule, const MemberProbe& probe) { return speaksWhenPresent("if", rule, probe); }

// Two groups present: one alone is no conflict.
bool exclusiveMaySpeak(const RuleSpec& rule, const MemberProbe& probe) {
    auto groups = rule.args.find("groups");
    if (groups == rule.args.end() || !groups->is_array()) return false;
    size_t present = 0;
    for (const json& group : *groups)
        if (std::any_of(group.begin(), group.end(), [&](const json& path) { return path.is_string() && probe.has(path.get_ref<const std::string&>()); }))
            ++present;
    return present >= 2;
}

// A mask somewhere under one of the patterns ("/providerOptions/klingai/dynamicMasks/*/mask").
bool sameResolutionMaySpeak(const RuleSpec& rule, const MemberProbe& probe) {
    auto paths = rule.args.find("paths");
    if (paths == rule.args.end() || !paths->is_array()) return false;
    for (const json& path : *paths) {
        if (!path.is_string()) continue;
        const std::string_view pattern = path.get_ref<const std::string&>();
        if (probe.has(pattern.substr(0, pattern.find("/*")))) return true;
    }
    return false;
}

// A <<<voice_ tag in the prompt; a prompt whose text the probe does not know may hold one.
bool voiceTagsMaySpeak(const RuleSpec& rule, const MemberProbe& probe) {
    const std::string_view prompt = argView(rule.args, "prompt");
    if (!probe.has(prompt)) return false;
    const std::optional<std::string_view> text = probe.text(prompt);
    return !text || text->find("<<<voice_") != std::string_view::npos;
}

struct RuleKind {
    const char* name;
    RuleFunction apply;
    bool (*maySpeak)(const RuleSpec&, const MemberProbe&);
    const char* description;  // for schema descriptions: what a JSON Schema cannot say
    std::span<const RuleArg> args;
};

constexpr RuleArg kExclusiveArgs[] = {{"groups", ArgType::PointerGroups, true}};
constexpr RuleArg kRequiresArgs[] = {{"if", ArgType::Pointer, true},   {"ifEquals", ArgType::Value, false},
                                     {"then", ArgType::Pointer, true}, {"equals", ArgType::Value, false},
                                     {"why", ArgType::Text, false}};
constexpr RuleArg kCameraControlArgs[] = {{"path", ArgType::Pointer, true}, {"configRequired", ArgType::Names, true},
                                          {"axes", ArgType::Names, true},   {"min", ArgType::Number, true},
                                          {"max", ArgType::Number, true}};
constexpr RuleArg kShotDurationsArgs[] = {{"path", ArgType::Pointer, true}, {"field", ArgType::Name, true},
                                          {"index", ArgType::Name, false},  {"total", ArgType::Pointer, true}};
constexpr RuleArg kTrajectoryPointsArgs[] = {{"path", ArgType::Pointer, true}, {"field", ArgType::Name, true},
                                             {"min", ArgType::Number, true},   {"max", ArgType::Number, true},
                                             {"forDuration", ArgType::Number, false}};
constexpr RuleArg kSameResolutionArgs[] = {{"paths", ArgType::Pointers, true}, {"aspectOf", ArgType::Pointer, false}};
constexpr RuleArg kVoiceTagsArgs[] = {{"prompt", ArgType::Pointer, true}, {"list", ArgType::Pointer, true}};
constexpr RuleArg kWarnWhenPresentArgs[] = {{"path", ArgType::Pointer, true}, {"code", ArgType::WarningCode, true},
                                            {"message", ArgType::Text, true}};

constexpr RuleKind kRuleKinds[] = {
    {"exclusive", ruleExclusive, exclusiveMaySpeak, "options that are mutually exclusive", kExclusiveArgs},
    {"requires", ruleRequires, requiresMaySpeak, "an option that requires another option or value", kRequiresArgs},
    {"camera_control", ruleCameraControl, pathMaySpeak, "a simple camera move sets exactly one non-zero axis",
     kCameraControlArgs},
    {"shot_durations_sum", ruleShotDurations, pathMaySpeak,
     "multi-shot durations sum to the video's duration, indices count from 1", kShotDurationsArgs},
    {"trajectory_points", ruleTrajectoryPoints, pathMaySpeak, "trajectory point counts per video duration",
     kTrajectoryPointsArgs},
    {"same_resolution", ruleSameResolution, sameResolutionMaySpeak,
     "all masks share one resolution and the input image's aspect ratio", kSameResolutionArgs},
    {"voice_tags", ruleVoiceTags, voiceTagsMaySpeak, "<<<voice_N>>> tags in the prompt name entries of the voice list",
     kVoiceTagsArgs},
    {"warn_when_present", ruleWarnWhenPresent, pathMaySpeak, "a notice when an option is used", kWarnWhenPresentArgs},
};

const RuleKind* findKind(const std::string& name) {
    for (const RuleKind& kind : kRuleKinds)
        if (name == kind.name) return &kind;
    return nullptr;
}

bool isPointer(const json& value) {
    return value.is_string() && (value.get_ref<const std::string&>().empty() || value.get_ref<const std::string&>()[0] == '/');
}
bool isArrayOf(const json& value, bool (*each)(const json&)) {
    return value.is_array() && std::all_of(value.begin(), value.end(), each);
}

// "" when `value` is what `type` asks for, else what it should be.
std::string argTypeProblem(ArgType type, const json& value) {
    switch (type) {
        case ArgType::Pointer: return isPointer(value) ? "" : "a JSON Pointer string starting with \"/\"";
        case ArgType::Pointers: return isArrayOf(value, isPointer) ? "" : "an array of JSON Pointers";
        case ArgType::PointerGroups:
            return isArrayOf(value, [](const json& group) { return isArrayOf(group, isPointer) && !group.empty(); })
                       ? ""
                       : "an array of non-empty arrays of JSON Pointers";
        case ArgType::Name:
        case ArgType::Text: return value.is_string() ? "" : "a string";
        case ArgType::Names:
            return isArrayOf(value, [](const json& v) { return v.is_string(); }) ? "" : "an array of strings";
        case ArgType::Number: return value.is_number() ? "" : "a number";
        case ArgType::Value: return "";
        case ArgType::WarningCode: {
            const std::optional<Code> code = value.is_string() ? codeByName(value.get<std::string>()) : std::nullopt;
            return code && diagnosticCode(*code).use == CodeUse::Diagnostic ? "" : "a diagnostic code of `vgen codes`";
        }
    }
    return "";
}

}  // namespace

void applyRule(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out) {
    findKind(rule.kind)->apply(rule, model, request, out);  // the catalog's loader refused unknown kinds
}

bool ruleMaySpeak(const RuleSpec& rule, const MemberProbe& probe) { return findKind(rule.kind)->maySpeak(rule, probe); }

std::string ruleProblem(const std::string& kindName, const json& args) {
    const RuleKind* kind = findKind(kindName);
    if (!kind) {
        std::vector<std::string> names;
        for (const RuleKind& known : kRuleKinds) names.push_back(known.name);
        return "unknown rule kind \"" + kindName + "\": the engine implements " + joinWords(names, " and ");
    }
    std::vector<std::string> taken;
    for (const RuleArg& arg : kind->args) taken.push_back(arg.name);
    for (auto it = args.begin(); it != args.end(); ++it) {
        const std::string& name = it.key();
        const auto arg = std::find_if(kind->args.begin(), kind->args.end(), [&](const RuleArg& a) { return name == a.name; });
        if (arg == kind->args.end())
            return "unknown argument \"" + name + "\": " + kindName + " takes " + joinWords(taken, " and ");
        if (std::string wanted = argTypeProblem(arg->type, it.value()); !wanted.empty())
            return "argument \"" + name + "\" must be " + wanted;
    }
    for (const RuleArg& arg : kind->args)
        if (arg.required && !args.contains(arg.name)) return "missing argument \"" + std::string(arg.name) + "\"";
    return "";
}

std::string describeRule(const RuleSpec& rule) {
    const RuleKind* kind = findKind(rule.kind);
    std::string text = kind ? kind->description : rule.kind;
    if (rule.kind == "exclusive" && rule.args.contains("groups")) text += ": " + rule.args["groups"].dump();
    else if (rule.kind == "requires") text += ": " + argString(rule.args, "if") + " -> " + argString(rule.args, "then");
    else if (rule.args.contains("path")) text += ": " + argString(rule.args, "path");
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] Queries for editors
//-----------------------------------------------------------------------------

std::vector<Exclusion> exclusionsOf(const Model& model, std::string_view path) {
    std::vector<Exclusion> out;
    const auto names = [&](const json& group) {
        return std::any_of(group.begin(), group.end(), [&](const json& member) { return member == path; });
    };
    for (const RuleSpec& rule : model.rules) {
        if (rule.kind != "exclusive") continue;
        const json& groups = rule.args.at("groups");  // an array of arrays of pointers (checked at load)
        if (std::none_of(groups.begin(), groups.end(), names)) continue;
        for (const json& group : groups) {
            if (names(group)) continue;
            for (const json& member : group) {
                const std::string& other = member.get_ref<const std::string&>();
                if (std::none_of(out.begin(), out.end(), [&](const Exclusion& e) { return e.path == other; }))
                    out.push_back({other, rule.source});
            }
        }
    }
    return out;
}

std::vector<std::string> exclusivePartners(const Model& model, std::string_view path) {
    std::vector<std::string> partners;
    for (Exclusion& exclusion : exclusionsOf(model, path)) partners.push_back(std::move(exclusion.path));
    return partners;
}

std::optional<Requirement> requirementOf(const Model& model, std::string_view path) {
    for (const RuleSpec& rule : model.rules) {
        // A rule conditional on a value (multiShot: true) is not what presence triggers.
        if (rule.kind != "requires" || argString(rule.args, "if") != path || rule.args.contains("ifEquals")) continue;
        return Requirement{argString(rule.args, "then"), rule.args.value("equals", json()), argString(rule.args, "why"),
                           rule.source};
    }
    return std::nullopt;
}

namespace {

std::string firstRulePath(const Model& model, const char* kind, const char* argument) {
    for (const RuleSpec& rule : model.rules)
        if (rule.kind == kind) return argString(rule.args, argument);
    return {};
}

}  // namespace

std::string voiceListPath(const Model& model) { return firstRulePath(model, "voice_tags", "list"); }
std::string shotListPath(const Model& model) { return firstRulePath(model, "shot_durations_sum", "path"); }

std::string providerOptionPath(const Model& model, std::string_view member) {
    return "/providerOptions/" + model.provider + "/" + std::string(member);
}

bool offeredInMode(const Model& model, std::string_view path, Mode mode) {
    const auto usedIn = [mode](const std::vector<Mode>& modes) {
        return std::find(modes.begin(), modes.end(), mode) != modes.end();
    };
    const ParamSpec* spec = model.param(path);
    if (!spec || !spec->unsupported.empty() || !model.supports(mode)) return false;
    if (!spec->modes.empty() && !usedIn(spec->modes)) return false;
    for (const std::string& partner : exclusivePartners(model, path)) {
        const ParamSpec* other = model.param(partner);
        if (other && usedIn(other->requiredIn)) return false;
    }
    return true;
}

}  // namespace vg
