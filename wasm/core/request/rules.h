// VideoGen core: cross-field rules named in the catalog (exclusive options, "requires", camera
// control, shot durations, trajectories, mask resolutions). Each kind is implemented once here and
// configured by the catalog entry's arguments.
#pragma once

#include "catalog/catalog.h"
#include "request/diagnostics.h"
#include "request/request.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

// Appends the diagnostics of one rule (canonical paths; the caller maps them to input paths).
void applyRule(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out);
// What a rule may be asked of a request before it is read into a tree (the compiled check).
struct MemberProbe {
    std::function<bool(std::string_view path)> has;  // a value at the canonical path (or below it)
    std::function<std::optional<std::string_view>(std::string_view path)> text;  // a string member's; nullopt = unknown
};
// False only when `rule` would add nothing to a request `probe` describes (each kind knows the
// members it reads: two groups of an exclusive rule, a <<<voice_ tag in the prompt).
bool ruleMaySpeak(const RuleSpec& rule, const MemberProbe& probe);
// "" when `kind` is a rule kind this engine implements and `args` are its arguments with their types
// (every required one present, none unknown); otherwise what is wrong, for the catalog's load error
// ("unknown argument \"grups\": exclusive takes groups").
std::string ruleProblem(const std::string& kind, const json& args);
// One line per rule kind for schema descriptions and the model reference: what the rule checks
// (without its source, which each reader names its own way).
std::string describeRule(const RuleSpec& rule);

//-----------------------------------------------------------------------------
// Queries for editors: what the rules say, so an editor never reads a rule's arguments
//-----------------------------------------------------------------------------

// One member an "exclusive" rule forbids next to another, with the rule's source.
struct Exclusion {
    std::string path;    // "/lastFrame"
    std::string source;  // "seed 001"
};
// The members that cannot be sent together with `path`: every path in the other groups of each
// exclusive rule with a group naming `path`, in the catalog's order, each once.
std::vector<Exclusion> exclusionsOf(const Model& model, std::string_view path);
// The same, paths only (camera control on Kling: "/lastFrame", ".../staticMask", ".../dynamicMasks").
std::vector<std::string> exclusivePartners(const Model& model, std::string_view path);

// Which member needs which: when `path` is present, the member `path` of the Requirement must be
// there (with `value`, unless it is null). From the model's "requires" rule on the presence of
// `path`; nullopt when none (voices need sound: voiceList -> {"/audio", true}).
struct Requirement {
    std::string path;
    json value;          // null: any value
    std::string why;     // the rule's reason, "" when it gives none
    std::string source;  // "seed 001"
};
std::optional<Requirement> requirementOf(const Model& model, std::string_view path);

// Where the model's rules put a request's lists: the voice list its prompt tags count in (rule
// voice_tags) and the list of shots that share the video's duration (rule shot_durations_sum);
// "" when the model has no such rule.
std::string voiceListPath(const Model& model);
std::string shotListPath(const Model& model);
// "/providerOptions/<the model's provider>/<member>": a provider option's path for this model.
std::string providerOptionPath(const Model& model, std::string_view member);

// True when the model takes `path` in `mode`: it has a parameter there that is not refused, used in
// that mode, and no input the mode requires excludes it (Kling's first-and-last-frame mode needs
// the last frame, which camera control and the motion brush exclude).
bool offeredInMode(const Model& model, std::string_view path, Mode mode);

}  // namespace vg
