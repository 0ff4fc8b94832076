// VideoGen core: the catalog compiled into this binary (builtinCatalog(), catalog.h).
//
// catalog.json was read at build time by the catalog's engine, and what it made is here as a
// snapshot (catalog_snapshot.h; the generated source make_catalog_snapshot writes). Reading the
// snapshot is all that is left to do when a program starts.
//
// Not part of the core's source list (CMakeLists.txt): the build tool that writes the snapshot is
// the core without it, and says itself what its built-in catalog is.
#include "catalog/catalog.h"
#include "catalog/catalog_snapshot.h"

#include <cstddef>

namespace vg {

extern const unsigned char kCatalogSnapshot[];  // generated: build/.../generated/catalog_snapshot.cpp
extern const size_t kCatalogSnapshotSize;

const Catalog& builtinCatalog() {
    // Never destroyed: it lives as long as the process, and freeing its thousand-odd blocks at exit
    // was time every `vgen` run paid for nothing (about 0.1 ms). Still reachable for leak checkers.
    static const Catalog* const catalog = new Catalog(
        catalogFromSnapshot({reinterpret_cast<const char*>(kCatalogSnapshot), kCatalogSnapshotSize}));
    return *catalog;
}

}  // namespace vg
