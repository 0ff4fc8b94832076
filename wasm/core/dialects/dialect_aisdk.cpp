// VideoGen core: the `aisdk` dialect, the JSON form of AI SDK `experimental_generateVideo` options.
//
// Wire format (source: npm `ai` 7.0.185, dist/index.d.ts `experimental_generateVideo` and
// dist/index.js; seed 001's examples):
//   { model: string,                          // gateway id, "klingai/kling-v2.6-i2v"
//     prompt: string | { image, text? },      // image: URL, data URL or base64 (DataContent)
//     n?, aspectRatio?: "W:H" | "adaptive", resolution?: "WIDTHxHEIGHT", duration?, fps?, seed?,
//     frameImages?: [{ image, frameType: "first_frame" | "last_frame" }],
//     inputReferences?: [ DataContent | { data, mediaType? } ],
//     generateAudio?: boolean,
//     providerOptions?: { <namespace>: { ...camelCase options } } }
// The SDK types `resolution` as "WIDTHxHEIGHT" but seed 001 passes "1080p" to Veo: parse maps either
// onto the spelling the model's catalog entry offers ("1280x720" is Veo's 720p, "720p" Wan's
// 1280x720), and aspectRatio "adaptive" (follow the input media) onto the model's ratio nearest the
// first frame's, or none (the model's default). A first_frame frame image wins over prompt.image in
// the SDK; parse does the same, and the same image given both ways is no repeat.
//
// Decisions:
// - A member the catalog promotes (Model::promotions: /audio <-> klingai.sound, /lastFrame <->
//   klingai.imageTail, /quality <-> klingai.mode, /negativePrompt <-> vertex.negativePrompt ...)
//   always goes into providerOptions, as seed 001 documents; the SDK's own generateAudio and
//   frameImages carry audio and the last frame only for models without such a promotion.
// - quality, negativePrompt and webhook have no SDK field: without a promotion build refuses them.
// - inputReferences carry no tags: a reference with a tag is refused (seed 000 puts tags in the prompt).
// - An SDK call has no HTTP path: build names it "/experimental_generateVideo" so the envelope
//   still says which dialect it is (detection reads it); the body is the call's options.
// - There is no mode field: the id (mode-specific gateway ids) or the inputs say the mode.
#include "dialects/dialect_common.h"

namespace vg {

std::vector<FieldMap> withSdkCallOptions(std::vector<FieldMap> promptAndImage) {
    promptAndImage.insert(promptAndImage.end(), {
                                                    {"/lastFrame", "/frameImages", Codec::LastFrameImage},
                                                    {"/references", "/inputReferences", Codec::References},
                                                    {"/n", "/n"},
                                                    {"/aspectRatio", "/aspectRatio"},
                                                    {"/resolution", "/resolution", Codec::SdkResolution},
                                                    {"/duration", "/duration"},
                                                    {"/fps", "/fps"},
                                                    {"/seed", "/seed"},
                                                    {"/audio", "/generateAudio"},
                                                });
    return promptAndImage;
}

const DialectSpec& aisdkSpec() {
    static const DialectSpec spec{
        .dialect = Dialect::AiSdk,
        .path = "/experimental_generateVideo",
        .acceptedPaths = {"/experimental_generateVideo"},
        .modelWire = "/model",
        .fields = withSdkCallOptions({
            {"/prompt", "/prompt/text"},
            {"/prompt", "/prompt", Codec::Value, true},
            {"/image", "/frameImages", Codec::FirstFrameImage, true},
            {"/image", "/prompt/image", Codec::Media},
        }),
        .options = OptionsStyle::Nested,
        .optionsWire = "/providerOptions",
        .promotionsFirst = true,
        .promptObjectWhenImage = true,
        .sdkForms = true,
    };
    return spec;
}

}  // namespace vg
