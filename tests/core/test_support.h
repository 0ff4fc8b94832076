// What many core test files need: a built-in model by any of its ids, and diagnostics as readable
// text for a failed expectation's message. One copy here, so the test files also build as one
// unity batch (a helper defined in two files would collide there).
#pragma once

#include "catalog/catalog.h"
#include "request/diagnostics.h"

#include <stdexcept>
#include <string>
#include <string_view>

namespace vg::test {

inline const Catalog& catalog() { return builtinCatalog(); }

// The built-in model under a canonical id or an alias; a missing one fails the test that asked.
inline const Model& model(std::string_view anyId) {
    const Model* found = builtinCatalog().resolve(anyId).model;
    if (!found) throw std::runtime_error("not in the catalog: " + std::string(anyId));
    return *found;
}

// One line per diagnostic: "<severity> <path> <code>: <message>".
inline std::string describe(const Diagnostics& diagnostics) {
    std::string text;
    for (const Diagnostic& d : diagnostics)
        text += std::string(severityName(d.severity)) + " " + d.path + " " + d.code + ": " + d.message + "\n";
    return text;
}

}  // namespace vg::test
