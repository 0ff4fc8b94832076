// The editor's example: the core's example request for a model and mode (vg::exampleRequest, made
// from the catalog alone), written as a dialect's wire body by the core's own builder.
#pragma once

#include "catalog.h"
#include "dialect.h"

#include <string>

namespace vg::app {

struct ExampleText {
    std::string text;      // pretty JSON for the editor
    Dialect dialect;       // the dialect `text` is written in
    std::string note;      // non-empty when `dialect` is not the one asked for, and why
};

// The mode an example starts in: text-to-video when offered, else the model's first mode.
Mode defaultExampleMode(const Model& model);

// The example in `dialect`; falls back to aisdk (and says so) when `dialect` cannot carry it.
ExampleText exampleForDialect(const Model& model, Mode mode, Dialect dialect, const Catalog& catalog);

}  // namespace vg::app
