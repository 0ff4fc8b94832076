// Catalog entries as short text for tables: modes, aliases, a parameter's allowed values.
#pragma once

#include "catalog/catalog.h"

#include <string>
#include <vector>

namespace vg::app {

std::string joinModes(const std::vector<Mode>& modes);          // "t2v i2v"
std::string joinAliases(const Model& model);                    // every alias id but the canonical one, comma-separated
std::string joinStrings(const std::vector<std::string>& items, const char* separator = ", ");
std::string describeAllowed(const ParamSpec& spec);             // "5 s | 10 s", "0 - 1 step 0.1", "length <= 2500", "png, jpeg <= 10 MB"
std::string describeDefault(const ParamSpec& spec);             // the default as JSON, "" when none
std::string valueText(const json& value, const std::string& unit);  // "16:9", "5 s", "true": a value as a person reads it
// What "limits unknown" means (the limits_unknown code's meaning), for the form, the catalog and
// the model reference.
std::string limitsUnknownText();

}  // namespace vg::app
