// Which example the playground starts a model with (the example itself is the core's
// vg::exampleRequest, made from the catalog alone).
#pragma once

#include "catalog/catalog.h"

namespace vg::app {

// The mode an example starts in: text-to-video when offered, else the model's first mode.
Mode defaultExampleMode(const Model& model);

}  // namespace vg::app
