// VideoGen core: cross-field rules named in the catalog (exclusive options, "requires", camera
// control, shot durations, trajectories, mask resolutions). Each kind is implemented once here and
// configured by the catalog entry's arguments.
#pragma once

#include "catalog.h"
#include "diagnostics.h"
#include "request.h"

namespace vg {

// Appends the diagnostics of one rule (canonical paths; the caller maps them to input paths).
void applyRule(const RuleSpec& rule, const Model& model, const Request& request, Diagnostics& out);
// True when `kind` is a rule kind this engine implements (catalog tests check every entry).
bool isKnownRuleKind(const std::string& kind);
// One line per rule kind for schema descriptions: what the rule checks.
std::string describeRule(const RuleSpec& rule);

}  // namespace vg
