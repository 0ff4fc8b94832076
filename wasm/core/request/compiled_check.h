// VideoGen core: validation compiled per dialect and model, for the payloads pipelines check.
//
// The full path (RequestSession::loadText, then validateRequest) reads a payload into a JSON tree,
// the dialect's parse turns that into the canonical request's tree, and the validator walks it,
// building a JSON Pointer and a field name per member: about 100,000 instructions for a 600-byte
// payload. checkCompiled gives the same answer for the payloads pipelines send (plain fields and
// arrays, a model the catalog knows) in about a fifth of that:
// - the text is read once into its plain values with their places (json_leaves.h), no tree;
// - each place goes through a table compiled once per (dialect, model) from the dialect's field rows
//   and the model's catalog entry: the canonical member it fills, the model's spec and the route's
//   limit for it, the promotion that maps it;
// - each value is judged by passesSpec (validate.h): an enum is a comparison, a range two;
// - the mode, its inputs and the model's rules are judged once per set of members present
//   (ruleMaySpeak, rules.h; a rule that reads a text is asked again for each request);
// - the AI SDK's frame images are read as parseFrameImage reads them: the image of the first item
//   whose frameType is the row's;
// - only the members the tables cannot pass (arrays among them) are handed to the validator itself
//   (validateMembers), so every diagnostic, message and path is the validator's own.
// Anything else (references, inline media, a field the tables do not know, a rule that may speak,
// a parse that would warn) is a "not here": the caller takes the full path, which answers the same.
#pragma once

#include "catalog/catalog.h"
#include "dialects/dialect.h"
#include "request/diagnostics.h"

#include <optional>
#include <string_view>

namespace vg {

struct CompiledVerdict {
    Dialect dialect = Dialect::AiSdk;  // the one asked for, or the one detectDialect tells
    const Model* model = nullptr;      // the model the payload names
    Diagnostics diagnostics;           // exactly the full path's: parse's (none) and validateRequest's
};

// The verdict on `text` as a `dialect` payload (nullopt: the dialect the text is written in, as
// detectDialect tells it), or nullopt when only the full path can give it.
std::optional<CompiledVerdict> checkCompiled(std::string_view text, std::optional<Dialect> dialect, const Catalog& catalog);

}  // namespace vg
