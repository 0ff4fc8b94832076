// VideoGen core: the `unified` dialect, seed 002's video route.
//
// Wire format (source: seed 002 "Video Generation", its curl examples and "Request fields" table):
//   POST /v1/video/generations   (POST /v1/videos is accepted there too; that path is the openai dialect here)
//   { model, prompt: string | { text, image },
//     input_image | image_url | image | input_image_url   (URL, data URL ...), input_image_b64,
//     input_video, input_video_b64, duration, resolution, aspect_ratio, n, audio, quality,
//     negative_prompt, seed, user, provider_options (alias: metadata) }
//   Kling example: provider_options { cfg_scale: 0.65 } with the shared fields at the top level.
//
// Decisions:
// - Build keeps prompt a string (the form every client can send) and puts the image in
//   input_image, or in input_image_b64 when it is raw base64; parse reads every spelling, the first
//   one present wins and a second one is a duplicate_field warning.
// - provider_options is flat and snake_case: canonical providerOptions.<model's provider>.cfgScale
//   <-> provider_options.cfg_scale. Only top-level names are converted; nested objects are the
//   provider's own and pass as written. Other namespaces are refused on build.
// - A member without a field here (lastFrame, references, fps, webhook) goes into provider_options
//   when the catalog promotes it for the model (klingai.imageTail -> image_tail), else is refused.
// - `user` has no canonical meaning: it is kept in dialectOptions.unified.user.
#include "dialects/dialect_common.h"

namespace vg {

const DialectSpec& unifiedSpec() {
    static const DialectSpec spec{
        .dialect = Dialect::Unified,
        .path = "/v1/video/generations",
        .acceptedPaths = {"/v1/video/generations"},
        .modelWire = "/model",
        .fields = {
            {"/prompt", "/prompt"},
            {"/prompt", "/prompt/text", Codec::Value, true},
            {"/image", "/prompt/image", Codec::Value, true},
            {"/image", "/input_image_b64", Codec::RawBase64},
            {"/image", "/input_image", Codec::UrlOrDataUrl},
            {"/image", "/image_url", Codec::Value, true},
            {"/image", "/image", Codec::Value, true},
            {"/image", "/input_image_url", Codec::Value, true},
            {"/video", "/input_video_b64", Codec::RawBase64},
            {"/video", "/input_video", Codec::UrlOrDataUrl},
            {"/duration", "/duration"},
            {"/resolution", "/resolution"},
            {"/aspectRatio", "/aspect_ratio"},
            {"/n", "/n"},
            {"/audio", "/audio"},
            {"/quality", "/quality"},
            {"/negativePrompt", "/negative_prompt"},
            {"/seed", "/seed"},
        },
        .options = OptionsStyle::FlatSnake,
        .optionsWire = "/provider_options",
        .optionsAliases = {"/metadata"},
        .routeOnly = {"user"},
    };
    return spec;
}

}  // namespace vg
