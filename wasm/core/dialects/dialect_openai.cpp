// VideoGen core: the `openai` dialect, the OpenAI Videos API (seed 002 accepts it too).
//
// Wire format (source: npm `openai` 7.60.0, resources/videos.d.ts VideoCreateParams and videos.js):
//   POST /v1/videos   (the SDK sends multipart/form-data; the same fields as JSON are described here)
//   { model?: "sora-2" | "sora-2-pro" | ..., prompt: string,
//     seconds?: "4" | "8" | "12"                      (VideoSeconds: a string),
//     size?: "720x1280" | "1280x720" | "1024x1792" | "1792x1024"   (VideoSize),
//     input_reference?: Uploadable | { image_url?: URL or base64 data URL, file_id? } }
//
// Decisions:
// - duration <-> seconds as a decimal string; resolution + aspectRatio <-> size through
//   kOpenAiSizes (720p 16:9 = 1280x720, 9:16 = 720x1280, 1024p = 1792x1024 / 1024x1792; and for
//   the other models seed 002 routes here, 480p = 854x480 / 480x854, 1080p = 1920x1080 / 1080x1920). A size the model lists as a resolution of its own stays literal; a
//   missing half comes from the model's default.
// - image <-> input_reference.image_url. The API takes URLs or data URLs, so raw base64 gets a
//   data: prefix with its sniffed media type. A string input_reference (a described upload) and
//   input_reference.file_id (a file the server holds; the image is that id) are accepted on parse.
// - No model means the API's default, `sora-2` (dialect_wire.cpp's defaultModel).
// - Nothing else has a field: audio, negative prompt, quality, seed, n, webhooks, provider options
//   and other inputs are refused with the dialects that carry them.
#include "dialects/dialect_common.h"

namespace vg {

const DialectSpec& openaiSpec() {
    static const DialectSpec spec{
        .dialect = Dialect::OpenAI,
        .path = "/v1/videos",
        .acceptedPaths = {"/v1/videos"},
        .modelWire = "/model",
        .fields = {
            {"/prompt", "/prompt"},
            {"/duration", "/seconds", Codec::SecondsString},
            {"/resolution", "/size", Codec::Size},
            {"/aspectRatio", "/size", Codec::Size},
            {"/image", "/input_reference/image_url", Codec::UrlOrDataUrl},
            {"/image", "/input_reference/file_id", Codec::Value, true},
            {"/image", "/input_reference", Codec::Value, true},
        },
    };
    return spec;
}

}  // namespace vg
