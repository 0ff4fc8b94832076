// VideoGen core: validating a canonical request against the catalog.
// Checks, in order: the model id (with "did you mean"), the mode and the inputs it needs, every
// parameter spec of the model (and of the dialect's route), inline media probed from its headers,
// then the model's named cross-field rules. Paths in the result point into the user's input.
#pragma once

#include "catalog/catalog.h"
#include "request/diagnostics.h"
#include "request/request.h"
#include "text/json_leaves.h"

#include <optional>
#include <string_view>

namespace vg {

// `dialect` adds that route's own limits (jobs API prompt 1-4000 ...); "" checks the model alone.
Diagnostics validateRequest(const Request& request, const Catalog& catalog, std::string_view dialect = {});

// For the compiled check (compiled_check.h), which asks the validator only about what its tables
// cannot pass:
// - true only when checking `value` against `spec` would say nothing (its type, values, range, step,
//   length, a URL the model takes); false when it would say something, or when only the full check
//   can tell (inline media);
bool passesSpec(const ParamSpec& spec, const PlainValue& value);
// - the spec a value at `path` is held to on a model whose limits are unknown that lists no spec of
//   its own there (its request member's type and least value; any value for a provider option):
//   checkValue against it is all walkMembers says. nullopt where it says more (a promoted option's
//   unmapped value, an input of modes the model lacks) or the model's limits are known (it warns
//   that the value is ignored);
std::optional<ParamSpec> unlistedSpec(const Model& model, std::string_view path);
// - what validateRequest says of a model whose limits are unknown and of each member of `request`
//   on its own (its spec, the route's, the prompt's ceiling), in `mode`: the whole answer for a
//   request whose mode, inputs and rules the caller found silent, given the model and every member
//   the tables could not pass.
Diagnostics validateMembers(const Request& request, const Catalog& catalog, std::string_view dialect, Mode mode);

}  // namespace vg
