// VideoGen core: reading a JSON document by JSON Pointer without exceptions.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace vg {

using json = nlohmann::json;

// Splits "/a/b~1c" into {"a", "b/c"}. "" is the whole document (no tokens).
std::vector<std::string> pointerTokens(std::string_view pointer);
// The value at `pointer`, or nullptr when any step is missing or of the wrong kind.
const json* findAt(const json& document, std::string_view pointer);
json* findAt(json& document, std::string_view pointer);
// The last reference token of a pointer ("cfgScale" for "/providerOptions/klingai/cfgScale").
std::string pointerLeaf(std::string_view pointer);
// Every concrete pointer matching a pattern whose "*" tokens stand for any array index or member.
std::vector<std::string> expandPointerPattern(const json& document, std::string_view pattern);

}  // namespace vg
