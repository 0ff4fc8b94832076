// VideoGen core: fitting the input image into the video's frame, and placement presets.
// Veo's resizeMode (seed 001: "How to resize the image to fit video dimensions", 'pad' or 'crop',
// default 'pad') decides what a person sees when the image's shape differs from the chosen aspect
// ratio; the framing preview draws it from these rectangles. Placement presets follow seed 003's
// "Set aspect_ratio" step, each with a safe-area guide for the overlay.
#pragma once

#include "catalog/catalog.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

// A rectangle in normalized coordinates: [0,1] across the width and the height, origin at the
// top-left corner, y down. The default is the whole area.
struct NormRect {
    double x = 0, y = 0, width = 1, height = 1;
    bool operator==(const NormRect&) const = default;
};

enum class ResizeMode {
    Pad,   // letterbox: the whole image inside the frame, bars on the remaining sides
    Crop,  // fill: the frame covered, the image's overflow cut off equally on both sides
};
// "pad" / "crop", Veo's providerOptions.vertex.resizeMode values (seed 001).
std::optional<ResizeMode> resizeModeByName(std::string_view name);

struct Framing {
    NormRect imageInFrame;      // where the (shown part of the) image lands, in frame coordinates
    NormRect sourceCrop;        // the part of the image shown, in image coordinates
    std::vector<NormRect> bars; // pad: the empty bands, in frame coordinates (none when shapes match)
};

// How an image of imageWidth x imageHeight pixels fits a frame of width / height `frameAspect`.
// A non-positive or non-finite size or aspect gives the whole image in the whole frame.
Framing fitImage(double imageWidth, double imageHeight, double frameAspect, ResizeMode mode);

// "16:9" -> 1.777..., "1280x720" -> 1.777... (Wan and OpenAI sizes); nullopt when not a ratio of
// two positive numbers.
std::optional<double> parseAspectRatio(std::string_view text);

// Two aspect ratios are the same shape when they differ by less than rounding a size does
// (1366x768 is 16:9; 1792x1024, 7:4, is not).
bool sameAspect(double a, double b);

// The parameter that sets the shape of `model`'s frame in `mode`: /aspectRatio when the model takes
// one, else /resolution when every value it allows is a size ("1280x720", Wan and Sora); nullptr
// when neither (Veo's "720p" says no shape).
const ParamSpec* frameParam(const Model& model, Mode mode);

// The value to write to `spec` (a frameParam) for a frame of `aspectRatio` ("9:16"): `current` when
// it already has that shape, else the first allowed value that has it, else (a spec with no list of
// values) `aspectRatio` as written; nullopt when the spec's values offer no such shape.
std::optional<std::string> frameValueFor(const ParamSpec& spec, std::string_view aspectRatio, std::string_view current);

// A place a video is shown, with the aspect ratio seed 003 gives for it and a safe area: where
// text and the subject stay clear of the platform's buttons, captions and progress bar. The safe
// areas are the playground's guides, not from a seed (see framing.cpp for the numbers and why).
struct Placement {
    std::string_view id;           // "reels"
    std::string_view name;         // "Instagram Reels"
    std::string_view aspectRatio;  // "9:16"
    NormRect safeArea;             // in frame coordinates
    std::string_view source;       // where the aspect ratio comes from: "seed 003"
};
std::span<const Placement> placements();
const Placement* placementById(std::string_view id);

}  // namespace vg
