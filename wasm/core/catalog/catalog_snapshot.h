// VideoGen core: the catalog as loadCatalog made it, in a compact binary form.
//
// catalog.json is read once, at build time, by the catalog's one engine (loadCatalog, with every
// check it makes), and what it made is kept as a snapshot (wasm/build_tools/make_catalog_snapshot.cpp
// writes it into a generated source). A program reads the snapshot when it starts
// (builtin_catalog.cpp): no JSON text to parse, no tree to walk, no checks to repeat, which made
// the catalog the longest step before the playground's first frame. A catalog.json that the
// engine refuses now fails the build, with the engine's message.
#pragma once

#include "catalog/catalog.h"

#include <string>
#include <string_view>

namespace vg {

// The snapshot of `catalog`: every field of every struct in catalog.h, strings stored once.
std::string catalogSnapshot(const Catalog& catalog);
// The catalog `bytes` holds. Throws std::runtime_error when they are not a snapshot this code
// writes (cut short, another format version, a value out of range).
Catalog catalogFromSnapshot(std::string_view bytes);

}  // namespace vg
