// VideoGen core: cross-field rules named in the catalog (exclusive options, "requires", camera
// control, shot durations, trajectories, mask resolutions). Each kind is implemented once here and
// configured by the catalog entry's arguments.
#pragma once

#include "catalog.h"
#include "diagnostics.h"
#include "request.h"

#include <string>
#include <string_view>
#include <vector>

namespace vg {

// Appends the diagnostics of one rule (canonical paths; the caller maps them to input paths).
void applyRule(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out);
// True when `kind` is a rule kind this engine implements (catalog tests check every entry).
bool isKnownRuleKind(const std::string& kind);
// One line per rule kind for schema descriptions: what the rule checks.
std::string describeRule(const RuleSpec& rule);

// What an editor needs to keep the "exclusive" rules before the person generates: the members that
// cannot be sent together with `path`, i.e. every path in the other groups of each exclusive rule
// with a group naming `path`, in the catalog's order, each once (camera control on Kling:
// "/lastFrame", "/providerOptions/klingai/staticMask", "/providerOptions/klingai/dynamicMasks").
std::vector<std::string> exclusivePartners(const Model& model, std::string_view path);

// True when the model takes `path` in `mode`: it has a parameter there that is not refused, used in
// that mode, and no input the mode requires excludes it (Kling's first-and-last-frame mode needs
// the last frame, which camera control and the motion brush exclude).
bool offeredInMode(const Model& model, std::string_view path, Mode mode);

}  // namespace vg
