// VideoGen core: the canonical request (request.h): where values came from, and the mode.
#include "request/request.h"

#include "request/request_members.h"

#include <algorithm>

namespace vg {

void OriginMap::record(const std::string& canonicalPointer, const std::string& inputPointer) {
    for (auto& entry : entries) {
        if (entry.first == canonicalPointer) {
            entry.second = inputPointer;  // the latest parse step knows best
            return;
        }
    }
    entries.emplace_back(canonicalPointer, inputPointer);
}

std::string OriginMap::inputPointer(const std::string& canonicalPointer) const {
    // A recorded prefix maps everything below it: "/references" -> "/reference_images" makes
    // "/references/1/url" -> "/reference_images/1/url". Prefixes count only at token boundaries.
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& entry : entries) {
        const std::string& prefix = entry.first;
        const bool matches = canonicalPointer.compare(0, prefix.size(), prefix) == 0 &&
                             (canonicalPointer.size() == prefix.size() || canonicalPointer[prefix.size()] == '/');
        if (matches && (!best || prefix.size() > best->first.size())) best = &entry;
    }
    if (!best) return "";
    return best->second + canonicalPointer.substr(best->first.size());
}

std::string Request::modelId() const {
    auto it = body.find("model");
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Mode Request::effectiveMode() const {
    auto it = body.find("mode");
    if (it != body.end() && it->is_string()) {
        if (auto mode = modeByName(it->get<std::string>())) return *mode;
    }
    return inferMode(body);
}

namespace {

// null, "" and [] carry nothing, so they do not make a mode.
bool present(const json& body, const char* member) {
    auto it = body.find(member);
    if (it == body.end() || it->is_null()) return false;
    if (it->is_string()) return !it->get_ref<const std::string&>().empty();
    return !it->empty();  // arrays and objects; scalars are never empty
}

}  // namespace

Mode inferMode(const json& canonicalBody) {
    if (!canonicalBody.is_object()) return Mode::T2V;
    return inferMode([&](std::string_view name) { return present(canonicalBody, std::string(name).c_str()); });
}

Mode inferMode(const std::function<bool(std::string_view name)>& carries) {
    // The first mode whose every input is present, in this order: a video is edited whatever else
    // the request holds, references outrank frames, two frames outrank one.
    for (Mode mode : {Mode::V2V, Mode::R2V, Mode::FLF, Mode::I2V}) {
        const std::vector<const RequestMember*>& inputs = modeInputs(mode);
        if (std::all_of(inputs.begin(), inputs.end(), [&](const RequestMember* input) { return carries(input->name); }))
            return mode;
    }
    return Mode::T2V;
}

}  // namespace vg
