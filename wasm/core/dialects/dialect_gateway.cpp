// VideoGen core: the `gateway` dialect, what @ai-sdk/gateway posts to the Vercel AI Gateway.
//
// Wire format (source: npm `@ai-sdk/gateway` 4.0.158, dist/index.js GatewayVideoModel.doGenerate,
// doStart, doStatus, getUrl() and getModelConfigHeaders(); base URL "https://ai-gateway.vercel.sh/v4/ai"):
//   POST /v4/ai/video-model (held open) or /v4/ai/video-model/start (answers an operation at once)
//   headers: ai-model-id: <gateway id>, ai-video-model-specification-version: "4",
//            ai-gateway-protocol-version: "0.0.1", accept: text/event-stream (held open only),
//            idempotency-key (start only; the AI SDK makes one per call)
//   body: { prompt?: string, n, aspectRatio?, resolution?, duration?, fps?, seed?, generateAudio?,
//           providerOptions?, image?: File, frameImages?: [{ image: File, frameType }],
//           inputReferences?: [File], callbackUrl? (start only: the SDK's webhook URL) }
//   File (@ai-sdk/provider 4 VideoModelV4File; bytes are base64-encoded by maybeEncodeVideoFile):
//           { type: "url", url, mediaType? } | { type: "file", mediaType, data: <base64> }
//   The held-open answer is SSE: ":" heartbeats then one `data:` event {type:"result", videos:[...]}.
// The model is only in the header, so parse needs the envelope; a bare body gets missing_model.
//
// Decisions:
// - The SDK always sends n (default 1); build sends n only when the request sets it, so a request
//   converts back to itself.
// - A file object's data becomes raw base64 on parse: the wire keeps no data: prefix (the SDK strips
//   it), and raw base64 is what Kling asks for (seed 001). A data URL therefore comes back raw.
// - Build sniffs a raw base64 value's media type from its bytes (image/png when unknown, as the SDK).
// - callbackUrl is webhook.url: the gateway posts to it once the operation is done (no events to
//   choose, so webhook.events cannot be carried).
// - Older clients (@ai-sdk/gateway 3) post the same body to /v3/ai/video-model with
//   specification version "3": parse accepts those paths, build writes the v4 ones.
// - Promotions, tags, refusals and the SDK's forms of resolution and aspectRatio as in the aisdk
//   dialect: this body is the SDK's call options.
#include "dialects/dialect_common.h"

namespace vg {

const DialectSpec& gatewaySpec() {
    static const DialectSpec spec{
        .dialect = Dialect::Gateway,
        .path = "/v4/ai/video-model",
        .acceptedPaths = {"/v4/ai/video-model", "/v4/ai/video-model/start", "/v3/ai/video-model",
                          "/v3/ai/video-model/start"},
        .modelWire = "",
        .fields = withSdkCallOptions({
            {"/prompt", "/prompt"},
            {"/image", "/frameImages", Codec::FirstFrameImage, true},
            {"/image", "/image", Codec::Media},
            {"/webhook/url", "/callbackUrl"},
        }),
        .options = OptionsStyle::Nested,
        .optionsWire = "/providerOptions",
        .promotionsFirst = true,
        .mediaAsFileObjects = true,
        .sdkForms = true,
        .headers = {{"ai-video-model-specification-version", "4"},
                    {"ai-gateway-protocol-version", "0.0.1"},
                    {"accept", "text/event-stream"}},
    };
    return spec;
}

}  // namespace vg
