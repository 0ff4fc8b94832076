// VideoGen core: the registry of diagnostic codes (see diagnostic_codes.h).
#include "request/diagnostic_codes.h"

#include <array>

namespace vg {

namespace {

constexpr Severity E = Severity::Error, W = Severity::Warning;
constexpr CodeUse D = CodeUse::Diagnostic, J = CodeUse::JobEnding;

constexpr std::array<DiagnosticCode, static_cast<size_t>(Code::Count)> kDiagnosticCodes = {{
    // reading the input
    {Code::InvalidJson, "invalid_json", E, D, "the input is not readable JSON (syntax, a duplicate key, NaN, a limit of `vgen limits`): fix it at the place the message names"},
    {Code::DialectUnknown, "dialect_unknown", E, D, "the request's shape matches no dialect: pass --dialect with the API it is written for"},
    {Code::InternalError, "internal_error", E, D, "the core failed on this input: a bug; report it with the request"},
    {Code::BodyNotObject, "body_not_object", E, D, "the request (or the envelope's body) is not a JSON object: send an object of the dialect's fields"},
    {Code::PathMismatch, "path_mismatch", W, D, "the envelope's path is not the dialect's route: the body is read as that dialect anyway; fix the path"},
    {Code::MoreProblems, "more_problems", E, D, "the report was cut to its first diagnostics (limit diagnostics): fix those and check again (a warning when all hidden ones are)"},
    // the model and the mode
    {Code::MissingModel, "missing_model", E, D, "the request names no model: add it where the dialect names it (\"model\", the ai-model-id header) with an id from `vgen catalog`"},
    {Code::UnknownModel, "unknown_model", E, D, "the model id is not in the catalog: use an id `vgen catalog` lists (the message suggests the nearest)"},
    {Code::ModelNotInDialect, "model_not_in_dialect", E, D, "the model has no id on this route: send it through a dialect the message lists"},
    {Code::UnknownMode, "unknown_mode", E, D, "\"mode\" is not one of t2v, i2v, flf, r2v, v2v: use one of those, or leave it out to infer it"},
    {Code::ModeNotSupported, "mode_not_supported", E, D, "the model does not do this mode: pick a mode it offers or a model that does"},
    {Code::ModeNotOfferedById, "mode_not_offered_by_id", E, D, "this id of the model is for other modes (a -t2v id with an image): use the id the message names"},
    {Code::LimitsUnknown, "limits_unknown", W, D, "the documents the catalog comes from name the model but not its limits: only the request's shape, the inputs each mode needs and the route's limits are checked, so the gateway may still refuse a value"},
    // a dialect's wire fields
    {Code::MissingField, "missing_field", E, D, "a field the dialect needs is missing: add it"},
    {Code::WrongType, "wrong_type", E, D, "a value has the wrong JSON type (a number in quotes, a string for a list): write it as the message says"},
    {Code::InvalidValue, "invalid_value", E, D, "a value has the right type but cannot be read (a reference without a url): fix it as the message says"},
    {Code::DuplicateField, "duplicate_field", W, D, "two wire fields carry the same member: the first is used; remove the other"},
    {Code::ConflictingFields, "conflicting_fields", W, D, "a member and its provider option disagree: the option wins; keep one"},
    {Code::UnknownField, "unknown_field", W, D, "a field the dialect or the request does not have: it is ignored; check the spelling (the message suggests one)"},
    // members and values
    {Code::InputMissing, "input_missing", E, D, "the mode needs an input the request lacks (image-to-video needs the image): add it"},
    {Code::MissingMember, "missing_member", E, D, "an object needs a member it lacks (cameraControl needs type): add it"},
    {Code::UnknownMember, "unknown_member", E, D, "an object has a member the model does not know: remove it or fix its name (a warning when the object is open)"},
    {Code::NotSupported, "not_supported", E, D, "the model refuses this member (cfgScale on Kling 2.x): remove it or pick a model that takes it"},
    {Code::NotUsedInMode, "not_used_in_mode", W, D, "the member is used only in other modes: it is ignored; remove it or change the mode"},
    {Code::OptionIgnored, "option_ignored", W, D, "the model has no such parameter, or the options are under another provider: they are ignored"},
    {Code::ValueNotOffered, "<member>_not_offered", E, D, "the value is not one the model offers for that member (duration_not_offered): use one the message lists"},
    {Code::OutOfRange, "out_of_range", E, D, "a number is outside the model's range: use a value in the range the message gives"},
    {Code::OffStep, "off_step", E, D, "a number is not on the model's step: round it to a multiple of the step"},
    {Code::TooLong, "too_long", E, D, "a text is longer than the model (or limit prompt_characters) takes: shorten it"},
    {Code::TooShort, "too_short", E, D, "a text is shorter than the model needs: lengthen it"},
    {Code::TooManyItems, "too_many_items", E, D, "a list has more items than the model takes: remove some"},
    {Code::TooFewItems, "too_few_items", E, D, "a list has fewer items than the model needs: add some"},
    {Code::WebhookUrlInvalid, "webhook_url_invalid", E, D, "webhook.url is not an http(s) URL: give the URL that receives the events"},
    {Code::WebhookEventUnknown, "webhook_event_unknown", E, D, "a webhook event the route never sends: use one of the events the message lists"},
    // media
    {Code::MediaUnreadable, "media_unreadable", E, D, "a media value cannot be decoded (bad base64, a truncated file): send the file again"},
    {Code::MediaUrlNotAllowed, "media_url_not_allowed", E, D, "the model needs this file inline, not as a URL: send its base64"},
    {Code::MediaDataUrlNotAllowed, "media_data_url_not_allowed", E, D, "the model does not take data: URLs here: send raw base64 or a URL, as the message says"},
    {Code::MediaInlineNotAllowed, "media_inline_not_allowed", E, D, "the model does not take inline base64 here: host the file and pass its URL"},
    {Code::MediaFormatSuspect, "media_format_suspect", W, D, "the URL's extension is a format the model does not take: check the file"},
    {Code::MediaFormatUnknown, "media_format_unknown", E, D, "the inline file is no format the validator recognises: convert it to one the model takes"},
    {Code::MediaFormatNotAllowed, "media_format_not_allowed", E, D, "the file's format is not one the model takes: convert it"},
    {Code::MediaTooLarge, "media_too_large", E, D, "the file is larger than the model takes: compress it or scale it down"},
    {Code::MediaTooSmall, "media_too_small", E, D, "the image is smaller than the model needs: use a larger one"},
    {Code::MediaAspectOutOfRange, "media_aspect_out_of_range", E, D, "the image's width/height is outside the model's range: crop it"},
    {Code::MediaDurationOutOfRange, "media_duration_out_of_range", E, D, "the clip is shorter or longer than the model takes: trim it or use a longer one"},
    // cross-field rules
    {Code::ExclusiveOptions, "exclusive_options", E, D, "options the model cannot take together (camera control with a last frame): keep one"},
    {Code::RequiresOption, "requires_option", E, D, "an option needs another option or value (voices need sound on): add it or remove the first"},
    {Code::SeedConflict, "seed_conflict", W, D, "the sources disagree about this option: it is accepted following the source the message names"},
    {Code::CameraConfigIgnored, "camera_config_ignored", W, D, "a preset camera move ignores config: remove config or use type \"simple\""},
    {Code::CameraConfigMissing, "camera_config_missing", E, D, "a \"simple\" camera move needs config with one axis set: add it"},
    {Code::CameraAxisOutOfRange, "camera_axis_out_of_range", E, D, "a camera axis is outside its range: use a value in the range the message gives"},
    {Code::CameraAxesCount, "camera_axes_count", E, D, "a \"simple\" camera move sets exactly one axis to non-zero: zero the others or set one"},
    {Code::ShotIndexSequence, "shot_index_sequence", E, D, "shots are numbered from 1 in order: renumber them"},
    {Code::ShotDurationInvalid, "shot_duration_invalid", E, D, "a shot needs a positive duration in seconds: set one"},
    {Code::ShotDurationsSum, "shot_durations_sum", E, D, "the shots' durations do not add up to the video's duration: make them sum to it"},
    {Code::TrajectoryPoints, "trajectory_points", E, D, "a motion-brush path has too few or too many points: use a count in the range the message gives"},
    {Code::MaskResolutionMismatch, "mask_resolution_mismatch", E, D, "the masks differ in resolution: paint them all at one size"},
    {Code::MaskAspectMismatch, "mask_aspect_mismatch", E, D, "the masks' aspect ratio differs from the input image's: paint them over that image"},
    {Code::VoiceTagUnknown, "voice_tag_unknown", E, D, "a <<<voice_N>>> tag in the prompt names no entry of the voice list: fix the tag or add the voice"},
    // building for a dialect
    {Code::NotExpressible, "not_expressible", E, D, "the target dialect has no field for this member: remove it or build for a dialect that carries it"},
    {Code::DroppedField, "dropped_field", W, D, "the target dialect has no field for this member, so it is left out of what is sent"},
    // a job's ending
    {Code::DialectHasNoJobs, "dialect_has_no_jobs", E, J, "the dialect is call options, not a wire protocol: submit through the gateway dialect"},
    {Code::BadGatewayResponse, "bad_gateway_response", E, J, "the gateway's answer is not what its API documents (not JSON, no job id): check the gateway URL"},
    {Code::NetworkError, "network_error", E, J, "the gateway could not be reached, again and again: check the URL and the connection, then retry"},
    {Code::TooManyErrors, "too_many_errors", E, J, "polling failed too many times in a row: check the gateway, then retry"},
    {Code::PollTimeout, "poll_timeout", E, J, "the job did not finish within the polling deadline: look it up on the gateway later"},
    {Code::HttpStatus, "http_<status>", E, J, "the gateway answered with this HTTP status and no code of its own (http_410: the job is gone)"},
    {Code::InsufficientQuota, "insufficient_quota", E, J, "the gateway refused for lack of credit (HTTP 429): add credit or wait for the quota"},
    {Code::GenerationFailed, "generation_failed", E, J, "the gateway says the job failed without a code: read its message, change the request, retry"},
    {Code::CancelledByGateway, "cancelled_by_gateway", E, J, "the gateway reports the job cancelled"},
    {Code::CancelledByUser, "cancelled_by_user", E, J, "the person cancelled the job"},
    {Code::LinksExpired, "links_expired", E, J, "the video's links have expired: generate it again"},
}};

// "<member>_not_offered" -> {"", "_not_offered"}; a name without a placeholder has no split.
struct Placeholder {
    std::string_view before, after;
};
std::optional<Placeholder> placeholderOf(std::string_view name) {
    const size_t open = name.find('<'), close = name.find('>');
    if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
    return Placeholder{name.substr(0, open), name.substr(close + 1)};
}

bool isCodeWord(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

}  // namespace

std::span<const DiagnosticCode> diagnosticCodes() { return kDiagnosticCodes; }

const DiagnosticCode& diagnosticCode(Code code) { return kDiagnosticCodes[static_cast<size_t>(code)]; }

std::string codeName(Code code, std::string_view detail) {
    const std::string_view name = diagnosticCode(code).name;
    const std::optional<Placeholder> placeholder = placeholderOf(name);
    if (!placeholder) return std::string(name);
    return std::string(placeholder->before) + std::string(detail) + std::string(placeholder->after);
}

std::optional<Code> codeByName(std::string_view name) {
    for (const DiagnosticCode& entry : kDiagnosticCodes) {
        const std::optional<Placeholder> placeholder = placeholderOf(entry.name);
        if (!placeholder) {
            if (name == entry.name) return entry.id;
            continue;
        }
        const size_t fixed = placeholder->before.size() + placeholder->after.size();
        if (name.size() > fixed && name.starts_with(placeholder->before) && name.ends_with(placeholder->after) &&
            isCodeWord(name.substr(placeholder->before.size(), name.size() - fixed)))
            return entry.id;
    }
    return std::nullopt;
}

}  // namespace vg
