// VideoGen core: the request session (request_session.h).
//
// Index
// [SECTION] Helpers
// [SECTION] Answers
// [SECTION] Edits
// [SECTION] Mode and model
// [SECTION] Text
#include "request/request_session.h"

#include "text/json_input.h"
#include "text/prompt_help.h"
#include "request/rules.h"
#include "request/validate.h"

#include <algorithm>

namespace vg {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

size_t dialectIndex(Dialect dialect) { return static_cast<size_t>(dialect); }

bool usedInMode(const ParamSpec& spec, Mode mode) {
    return spec.modes.empty() || std::find(spec.modes.begin(), spec.modes.end(), mode) != spec.modes.end();
}

// The route's own members and the request's identity: never set aside, whatever the model.
bool isRequestIdentity(const std::string& path) { return path == "/model" || path == "/mode"; }

// "/references/0/url" -> "/references": the member a deep path edits.
std::string topMember(const std::string& canonicalPath) { return canonicalPath.substr(0, canonicalPath.find('/', 1)); }

}  // namespace

RequestSession::RequestSession(const Catalog& catalog) : catalog_(&catalog) {}

const Model* RequestSession::model() const { return catalog_->resolve(request_.modelId()).model; }

const json* RequestSession::value(const std::string& canonicalPath) const {
    const json::json_pointer pointer(canonicalPath);
    return request_.body.contains(pointer) ? &request_.body.at(pointer) : nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Answers
//-----------------------------------------------------------------------------

const Diagnostics& RequestSession::diagnostics(std::optional<Dialect> dialect) const {
    std::optional<Diagnostics>& cached = diagnostics_[dialect ? dialectIndex(*dialect) : kDialects];
    if (!cached) cached = validateRequest(request_, *catalog_, dialect ? dialectName(*dialect) : "");
    return *cached;
}

const BuildOutcome& RequestSession::built(Dialect dialect) const {
    std::optional<BuildOutcome>& cached = built_[dialectIndex(dialect)];
    if (!cached) cached = buildRequest(dialect, request_, *catalog_);
    return *cached;
}

const std::string& RequestSession::text(Dialect dialect) const {
    std::optional<std::string>& cached = text_[dialectIndex(dialect)];
    if (!cached) {
        const BuildOutcome& outcome = built(dialect);
        cached = outcome.http ? outcome.http->body.dump(2, ' ', false, json::error_handler_t::replace) : std::string();
    }
    return *cached;
}

std::string RequestSession::canonicalText() const {
    return request_.body.dump(2, ' ', false, json::error_handler_t::replace);
}

//-----------------------------------------------------------------------------
// [SECTION] Edits
//-----------------------------------------------------------------------------

void RequestSession::edited() {
    revision_++;
    request_.origin = {};  // the text the origin pointed into is no longer what the person sees
    for (auto& cached : diagnostics_) cached.reset();
    for (auto& cached : built_) cached.reset();
    for (auto& cached : text_) cached.reset();
}

void RequestSession::reset(json canonicalBody) {
    request_.body = canonicalBody.is_object() ? std::move(canonicalBody) : json::object();
    keptAside_.clear();
    edited();
}

void RequestSession::setMember(const std::string& canonicalPath, json value) {
    request_.body[json::json_pointer(canonicalPath)] = std::move(value);
    // A new value wins over one kept aside for the same member.
    std::erase_if(keptAside_, [&](const KeptMember& kept) {
        return kept.path == canonicalPath || kept.path.rfind(canonicalPath + "/", 0) == 0;
    });
}

void RequestSession::clearMember(const std::string& canonicalPath) {
    json::json_pointer pointer(canonicalPath);
    // Removes the member, then each container it leaves empty ({"klingai": {}}), and stops at the
    // first one that still holds something: no other member is touched.
    while (!pointer.empty() && request_.body.contains(pointer)) {
        json& parent = request_.body.at(pointer.parent_pointer());
        if (parent.is_array()) {
            parent.erase(static_cast<size_t>(std::stoul(pointer.back())));
        } else {
            parent.erase(pointer.back());
        }
        pointer = pointer.parent_pointer();
        if (pointer.empty() || !request_.body.at(pointer).empty()) break;
    }
}

void RequestSession::set(const std::string& canonicalPath, json value) {
    setMember(canonicalPath, std::move(value));
    // An input only another mode uses moves an explicit mode to the one the inputs imply. A parse
    // writes the mode it inferred, and the AI SDK form has no mode field to say otherwise: without
    // this, the new input would sit unused.
    const Model* current = model();
    const ParamSpec* spec = current ? current->param(topMember(canonicalPath)) : nullptr;
    if (spec && request_.body.contains("mode") && !usedInMode(*spec, mode())) {
        json inputs = request_.body;
        inputs.erase("mode");
        const Mode implied = inferMode(inputs);
        if (current->supports(implied) && usedInMode(*spec, implied)) request_.body["mode"] = modeName(implied);
    }
    edited();
}

void RequestSession::clear(const std::string& canonicalPath) {
    // The request stays in the mode it was in: without an explicit mode, clearing the image would
    // quietly make an image-to-video request text-to-video.
    const Mode before = mode();
    clearMember(canonicalPath);
    if (mode() != before) request_.body["mode"] = modeName(before);
    edited();
}

void RequestSession::applyBatch(const std::vector<MemberEdit>& edits) {
    for (const MemberEdit& edit : edits) {
        if (edit.value) setMember(edit.path, *edit.value);
        else clearMember(edit.path);
    }
    edited();
}

size_t RequestSession::insertPromptTag(const std::string& tag, size_t cursor) {
    const json* prompt = value("/prompt");
    const std::string current = prompt && prompt->is_string() ? prompt->get<std::string>() : "";
    PromptEdit edit = insertTag(current, std::min(cursor, current.size()), tag);
    set("/prompt", std::move(edit.text));
    return edit.cursor;
}

//-----------------------------------------------------------------------------
// [SECTION] Mode and model
//-----------------------------------------------------------------------------

// After "model" or "mode" changed from (from, fromMode): members `from` took that the request's
// model and mode do not are kept aside; kept members they take come back.
void RequestSession::moveAsideAndBack(const Model* from, Mode fromMode) {
    const Model* to = model();
    const Mode toMode = mode();
    if (!to) return;  // an unknown model takes nothing we could tell: keep the request as it is
    if (from) {
        for (const ParamSpec& spec : from->params) {
            if (isRequestIdentity(spec.path) || !value(spec.path)) continue;
            if (offeredInMode(*to, spec.path, toMode)) continue;
            // Only what the person could see before goes aside; members the old model did not
            // take either stay where they are, for the validator to name.
            if (!offeredInMode(*from, spec.path, fromMode)) continue;
            std::erase_if(keptAside_, [&](const KeptMember& kept) { return kept.path == spec.path; });
            keptAside_.push_back({spec.path, *value(spec.path)});
            clearMember(spec.path);
        }
    }
    std::vector<KeptMember> stillKept;
    for (KeptMember& kept : keptAside_) {
        if (!offeredInMode(*to, kept.path, toMode)) {
            stillKept.push_back(std::move(kept));
        } else if (!value(kept.path)) {
            request_.body[json::json_pointer(kept.path)] = std::move(kept.value);
        }  // else: the request has its own value now, which wins
    }
    keptAside_ = std::move(stillKept);
}

void RequestSession::changeMode(Mode newMode) {
    const Model* current = model();
    const Mode before = mode();
    request_.body["mode"] = modeName(newMode);
    moveAsideAndBack(current, before);
    edited();
}

void RequestSession::changeModel(const Model& newModel) {
    const Model* before = model();
    const Mode beforeMode = mode();
    request_.body["model"] = newModel.id;
    if (!newModel.supports(beforeMode)) {
        const Mode first = newModel.supports(Mode::T2V) || newModel.modes.empty() ? Mode::T2V : newModel.modes.front();
        request_.body["mode"] = modeName(first);
    }
    moveAsideAndBack(before, beforeMode);
    edited();
}

//-----------------------------------------------------------------------------
// [SECTION] Text
//-----------------------------------------------------------------------------

TextLoad RequestSession::loadText(std::string_view text, std::optional<Dialect> dialect) {
    TextLoad load;
    JsonInput document = parseJsonInput(text);
    if (document.error) {
        load.problem = "input is not readable JSON: " + document.error->message;
        load.diagnostics.push_back(makeError("", Code::InvalidJson, document.error->message));
        load.diagnostics.back().byteOffset = document.error->byteOffset;
        return load;
    }
    load.dialect = dialect ? dialect : detectDialect(document.value);
    if (!load.dialect) {
        load.problem = "cannot tell which dialect this request is written in: pass --dialect (" + dialectNameList() + ")";
        load.diagnostics.push_back(makeError("", Code::DialectUnknown, load.problem));
        return load;
    }
    load.read = true;
    ParseOutcome parsed = parseRequest(*load.dialect, std::move(document.value), *catalog_);  // media moved, not copied
    load.usable = parsed.usable;
    load.writtenModel = parsed.request.modelId();
    load.diagnostics = std::move(parsed.diagnostics);
    if (!parsed.usable) return load;
    edited();
    request_ = std::move(parsed.request);  // after edited(): the origin now points into `text`
    std::erase_if(keptAside_, [&](const KeptMember& kept) { return value(kept.path) != nullptr; });
    return load;
}

}  // namespace vg
