// VideoGen core: JSON Schema (2020-12) of one model's request in one dialect, generated from the
// catalog so other tools (Ajv, editors) can check payloads without the core.
#pragma once

#include "catalog/catalog.h"
#include "dialects/dialect.h"

#include <nlohmann/json.hpp>

namespace vg {

using json = nlohmann::json;

// The schema's description lists the cross-field rules a schema cannot express.
json schemaFor(Dialect dialect, const Model& model, const Catalog& catalog);

}  // namespace vg
