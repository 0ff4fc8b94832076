// VideoGen core: a request session, the one copy of a request that a person edits.
// It holds the canonical request (request.h) as data and answers from caches, without re-reading
// any text: the diagnostics for a dialect, the request built for a dialect, the JSON an editor
// shows in a dialect. Every edit is a typed operation that bumps `revision` and empties the caches,
// so each answer is computed at most once per edit (per dialect) and only when someone asks.
//
// Changing mode or model never loses what the person made: a member the new mode or model does not
// take is kept aside (keptAside(), for the UI to name) and comes back when the request returns to
// a mode and model that take it. Clearing one member never removes another.
//
// The playground's form and JSON editor, the CLI, the C ABI and the WASM module (through api.h)
// all go through it, so the parse -> validate -> build path exists once.
//
// Index
// [SECTION] Types
// [SECTION] The session
#pragma once

#include "catalog/catalog.h"
#include "dialects/dialect.h"
#include "request/diagnostics.h"
#include "request/request.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Types
//-----------------------------------------------------------------------------

// A member set aside by a mode or model change, with the value it had.
struct KeptMember {
    std::string path;  // canonical pointer: "/negativePrompt", "/providerOptions/klingai/cameraControl"
    json value;
};

// One set or clear, for applyBatch.
struct MemberEdit {
    std::string path;           // canonical pointer
    std::optional<json> value;  // nullopt: clear the member
};

// What loadText made of a text.
struct TextLoad {
    bool read = false;               // false: not JSON, or no dialect could be told (`problem` says why)
    bool usable = false;             // the dialect's parser formed a canonical request (the session took it)
    std::optional<Dialect> dialect;  // the dialect given, else the one detected
    std::string problem;             // why the text was not read, in words; "" when read
    std::string writtenModel;        // the model id as the text wrote it (also when not usable)
    Diagnostics diagnostics;         // the parser's (input paths), or the one error saying why not read
};

//-----------------------------------------------------------------------------
// [SECTION] The session
//-----------------------------------------------------------------------------

struct RequestSession {
    explicit RequestSession(const Catalog& catalog = builtinCatalog());

    // Reading
    const Catalog& catalog() const { return *catalog_; }
    const json& body() const { return request_.body; }         // the canonical members
    const Request& request() const { return request_; }
    uint64_t revision() const { return revision_; }            // bumped by every edit
    const Model* model() const;                                // the catalog's entry for "model"; nullptr when unknown
    Mode mode() const { return request_.effectiveMode(); }
    const json* value(const std::string& canonicalPath) const; // nullptr when unset
    const std::vector<KeptMember>& keptAside() const { return keptAside_; }

    // Answers, cached until the next edit. Paths point into the text last loaded when the request
    // has not been edited since (the parser's origin map), else they are canonical paths.
    // `dialect` nullopt checks the model alone (no route limits).
    const Diagnostics& diagnostics(std::optional<Dialect> dialect) const;
    const BuildOutcome& built(Dialect dialect) const;
    // built(dialect)'s body as pretty JSON (what `vgen convert` prints, without its newline);
    // "" when the dialect cannot carry the request.
    const std::string& text(Dialect dialect) const;
    // The canonical body as pretty JSON: the editor's view when no dialect can carry the request.
    std::string canonicalText() const;

    // Edits (each one revision)
    // Replaces the request (an example, a history entry); nothing is kept aside.
    void reset(json canonicalBody);
    // Sets the member (creating the objects above it). An input the current mode does not use but
    // another mode does (a last frame in image-to-video) moves an explicit mode to the one the
    // inputs imply (first-and-last frame), so the input is not left unused.
    void set(const std::string& canonicalPath, json value);
    // Removes the member and the provider-namespace object it leaves empty; nothing else. The mode
    // stays what it was (made explicit when it was only implied by the inputs).
    void clear(const std::string& canonicalPath);
    // Several sets and clears as one edit (motion-brush Apply).
    void applyBatch(const std::vector<MemberEdit>& edits);
    // Makes `mode` explicit; members the model takes only in other modes are kept aside, kept
    // members it takes in `mode` come back. Image-to-video without an image stays image-to-video
    // (the diagnostics then ask for the image).
    void changeMode(Mode mode);
    // Names `model` (its canonical id); members it does not take are kept aside, kept members it
    // takes come back. A mode it does not offer becomes its first mode (text-to-video when offered).
    void changeModel(const Model& model);
    // Inserts a prompt tag (prompt_help.h's insertTag) at byte `cursor` of the prompt; returns the
    // cursor just after the tag.
    size_t insertPromptTag(const std::string& tag, size_t cursor);
    // Reads `text` written in `dialect` (nullopt: detect): one JSON parse, one dialect parse. When
    // usable, the parsed request replaces the session's (kept members stay kept); otherwise the
    // session keeps its request and the outcome says why.
    TextLoad loadText(std::string_view text, std::optional<Dialect> dialect);

  private:
    void edited();  // bumps the revision, drops the caches, forgets the text's origin
    void moveAsideAndBack(const Model* from, Mode fromMode);
    void setMember(const std::string& canonicalPath, json value);
    void clearMember(const std::string& canonicalPath);

    const Catalog* catalog_;
    Request request_;
    std::vector<KeptMember> keptAside_;
    uint64_t revision_ = 0;

    // Caches, by dialect index (kAllDialects order; the last slot of `diagnostics_` is "no dialect").
    static constexpr size_t kDialects = std::size(kAllDialects);
    mutable std::array<std::optional<Diagnostics>, kDialects + 1> diagnostics_;
    mutable std::array<std::optional<BuildOutcome>, kDialects> built_;
    mutable std::array<std::optional<std::string>, kDialects> text_;
};

}  // namespace vg
