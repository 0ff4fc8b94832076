// VideoGen core: a valid example request for a model and mode, made from the catalog alone.
// The playground prefills its form with it, schemas probe dialects with it, and the tests and the
// benchmark generate their corpora from it: one generator, so they all agree with the catalog.
#pragma once

#include "catalog/catalog.h"
#include "request/request.h"

#include <cstdint>

namespace vg {

// A URL, with an extension the spec accepts, for media members ("https://example.com/image.png").
std::string exampleMediaUrl(const ParamSpec& spec);
// A value the spec accepts: its default, else its first allowed value, else its lower bound ...
// `variant` picks other allowed values (variant % values.size()), so a corpus covers them all.
json exampleValue(const ParamSpec& spec, uint32_t variant = 0);

// Canonical body: model = the canonical id, the inputs `mode` needs, and the model's own
// parameters for that mode (options with unsupported/exclusive constraints left out).
Request exampleRequest(const Model& model, Mode mode, uint32_t variant = 0);

}  // namespace vg
