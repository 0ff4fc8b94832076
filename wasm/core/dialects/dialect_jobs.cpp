// VideoGen core: the `jobs` dialect, seed 004's asynchronous video jobs API.
//
// Wire format (source: seed 004 "Video Generation", "Common request body"):
//   POST /v2/videos/generate -> 202 { jobId, status: "QUEUED" }
//   { prompt (1-4000 chars), model (jobs id: "kling-2.6", "veo-3.1" ...), webhookUrl?,
//     webhookEvents?: ["progress" | "completed" | "failed"], parameters?: { ... } }
//   "Each model also accepts its own parameters object" (the model pages are not in the seeds).
//
// Decisions (the names inside `parameters` are ours, since the seed does not list them):
// - parameters holds the shared members under their canonical camelCase names (duration,
//   resolution, aspectRatio, image, lastFrame, video, references, n, seed, fps, audio,
//   negativePrompt, quality) and, beside them, the model's own provider options flat and camelCase
//   (providerOptions.klingai.cfgScale <-> parameters.cfgScale).
// - On parse a name that is a shared member is that member; any other name is a provider option of
//   the model's provider. A provider option named like a shared member cannot be told apart, so
//   build refuses it rather than send something that reads back differently.
// - webhook.url <-> webhookUrl, webhook.events <-> webhookEvents: the only dialect with webhooks.
#include "dialects/dialect_common.h"

namespace vg {

const DialectSpec& jobsSpec() {
    static const DialectSpec spec{
        .dialect = Dialect::Jobs,
        .path = "/v2/videos/generate",
        .acceptedPaths = {"/v2/videos/generate"},
        .modelWire = "/model",
        .fields = {
            {"/prompt", "/prompt"},
            {"/webhook/url", "/webhookUrl"},
            {"/webhook/events", "/webhookEvents"},
            {"/duration", "/parameters/duration"},
            {"/resolution", "/parameters/resolution"},
            {"/aspectRatio", "/parameters/aspectRatio"},
            {"/image", "/parameters/image"},
            {"/lastFrame", "/parameters/lastFrame"},
            {"/video", "/parameters/video"},
            {"/references", "/parameters/references"},
            {"/n", "/parameters/n"},
            {"/seed", "/parameters/seed"},
            {"/fps", "/parameters/fps"},
            {"/audio", "/parameters/audio"},
            {"/negativePrompt", "/parameters/negativePrompt"},
            {"/quality", "/parameters/quality"},
        },
        .options = OptionsStyle::FlatCamel,
        .optionsWire = "/parameters",
    };
    return spec;
}

}  // namespace vg
