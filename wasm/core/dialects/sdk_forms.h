// VideoGen core: the AI SDK's own spellings of resolution and aspect ratio, mapped onto what a
// model's catalog entry offers (the aisdk and gateway dialects parse through this).
#pragma once

#include "catalog/catalog.h"
#include "request/request.h"

#include <optional>
#include <string_view>

namespace vg {

// ai 7 types `resolution` as "WIDTHxHEIGHT" and `aspectRatio` as "W:H" or "adaptive" (follow the
// input media). On `request`, parsed for `model`:
// - a size the model does not list, whose short side is a tier it lists ("1280x720" -> Veo's
//   "720p"), becomes that tier, and its orientation the aspect ratio when the model lists that
//   ratio among others and the request gives none ("720x1280" -> "9:16"); a tier the model does not
//   list as such ("720p" for Wan) becomes its one size of that height in the request's orientation;
// - "adaptive", unless the model lists it, becomes the model's ratio nearest the inline first
//   frame's when the model lists ratios, and is dropped otherwise (the model's default, which for
//   image input follows the image).
// Anything else stays as written, for validation to judge.
void mapSdkForms(Request& request, const Model& model);
// False when mapSdkForms leaves a request with this resolution and aspect ratio (nullopt: absent or
// not a string) as it is: each is one the model lists, or one it does not map.
bool sdkFormsMayChange(const Model& model, std::optional<std::string_view> resolution,
                       std::optional<std::string_view> aspectRatio);

// The SDK's form of a canonical resolution for building: a tier ("720p") as the size it is at the
// request's aspect ratio, or the model's default one ("1280x720"; "720x1280" at 9:16), which
// mapSdkForms reads back as the same tier and ratio. Anything else, or a tier whose ratio nothing
// gives, as it is.
json sdkResolution(const json& resolution, const json& body, const Model& model);

}  // namespace vg
