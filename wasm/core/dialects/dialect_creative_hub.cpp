// VideoGen core: the `creative-hub` dialect, seed 003's legacy video route.
//
// Wire format (source: seed 003 "Generate AI videos", section Endpoint):
//   POST /api/v1/creative-hub/generate/video -> 202 { job_id, status: "pending" }
//   { prompt (required, 1-2000 chars), provider?: "luma_ray3" | "runway_gen4",
//     image_url? (image-to-video), duration? (2-10 s), aspect_ratio?: "16:9" | "9:16" | "1:1",
//     drive_folder_id? }
//   "This legacy route accepts two providers": kling_2_6, kling_3_0, veo_3_1 and seedance_pro are
//   catalog names of the studio suite, refused here with their alias's refusal text.
//
// Decisions:
// - The model is `provider`, optional: the seed marks it so without saying what the route picks.
//   A body without it is read as luma_ray3, the first provider the seed lists (its "Step 2: Pick
//   a provider" offers luma_ray3 or runway_gen4; dialect_wire.cpp's defaultModel); the report names the model it assumed.
// - drive_folder_id has no canonical meaning: it is kept in dialectOptions.creative-hub.
// - Nothing else has a field (no resolution, audio, provider options): refused with the dialects
//   that carry it.
#include "dialects/dialect_common.h"

namespace vg {

const DialectSpec& creativeHubSpec() {
    static const DialectSpec spec{
        .dialect = Dialect::CreativeHub,
        .path = "/api/v1/creative-hub/generate/video",
        .acceptedPaths = {"/api/v1/creative-hub/generate/video"},
        .modelWire = "/provider",
        .fields = {
            {"/prompt", "/prompt"},
            {"/image", "/image_url"},
            {"/duration", "/duration"},
            {"/aspectRatio", "/aspect_ratio"},
        },
        .routeOnly = {"drive_folder_id"},
    };
    return spec;
}

}  // namespace vg
