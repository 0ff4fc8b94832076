// VideoGen core: validating a canonical request against the catalog.
// Checks, in order: the model id (with "did you mean"), the mode and the inputs it needs, every
// parameter spec of the model (and of the dialect's route), inline media probed from its headers,
// then the model's named cross-field rules. Paths in the result point into the user's input.
#pragma once

#include "catalog/catalog.h"
#include "request/diagnostics.h"
#include "request/request.h"

#include <string_view>

namespace vg {

// `dialect` adds that route's own limits (jobs API prompt 1-4000 ...); "" checks the model alone.
Diagnostics validateRequest(const Request& request, const Catalog& catalog, std::string_view dialect = {});

}  // namespace vg
