// VideoGen core: the registry of diagnostic codes, the one list of every code the core reports.
// Tools match on these snake_case strings, so they are stable: a code is added here (with what it
// means and how to fix it) and never renamed. Diagnostics (diagnostics.h) and job failures (job.h)
// are made from a Code, never from a free string, so an unregistered code does not compile.
// `vgen codes [--json]` (apiCodes, vg_codes in the C ABI) prints the table.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vg {

enum class Severity { Error, Warning };

// In the registry's order (kDiagnosticCodes); Count is the number of codes.
enum class Code {
    // reading the input
    InvalidJson, DialectUnknown, InternalError, BodyNotObject, PathMismatch, MoreProblems,
    // the model and the mode
    MissingModel, UnknownModel, ModelNotInDialect, UnknownMode, ModeNotSupported, ModeNotOfferedById, LimitsUnknown,
    // a dialect's wire fields
    MissingField, WrongType, InvalidValue, DuplicateField, ConflictingFields, UnknownField,
    // members and values
    InputMissing, MissingMember, UnknownMember, NotSupported, NotUsedInMode, OptionIgnored, ValueNotOffered,
    OutOfRange, OffStep, TooLong, TooShort, TooManyItems, TooFewItems, WebhookUrlInvalid, WebhookEventUnknown,
    // media
    MediaUnreadable, MediaUrlNotAllowed, MediaDataUrlNotAllowed, MediaInlineNotAllowed, MediaFormatSuspect,
    MediaFormatUnknown, MediaFormatNotAllowed, MediaTooLarge, MediaTooSmall, MediaAspectOutOfRange,
    MediaDurationOutOfRange,
    // cross-field rules (rules.h)
    ExclusiveOptions, RequiresOption, SeedConflict, CameraConfigIgnored, CameraConfigMissing, CameraAxisOutOfRange,
    CameraAxesCount, ShotIndexSequence, ShotDurationInvalid, ShotDurationsSum, TrajectoryPoints,
    MaskResolutionMismatch, MaskAspectMismatch, VoiceTagUnknown,
    // building for a dialect
    NotExpressible, DroppedField,
    // a job's ending (job.h): ours, used when the gateway gives no code of its own
    DialectHasNoJobs, BadGatewayResponse, NetworkError, TooManyErrors, PollTimeout, HttpStatus, InsufficientQuota,
    GenerationFailed, CancelledByGateway, CancelledByUser, LinksExpired,
    Count
};

enum class CodeUse {
    Diagnostic,  // a validation or build diagnostic (severity, path, code, message)
    JobEnding,   // a job's errorCode when it fails, expires or is cancelled
};

struct DiagnosticCode {
    Code id;
    std::string_view name;     // the stable string: "duration_not_offered"; a <placeholder> is filled per use
    Severity severity;         // the default; a warning when the request can still be sent as it is
    CodeUse use;
    std::string_view meaning;  // one line: what it means and how to fix it
};

// The registry, in Code order.
std::span<const DiagnosticCode> diagnosticCodes();
const DiagnosticCode& diagnosticCode(Code code);
// The string a diagnostic carries: the registry's name, its <placeholder> replaced by `detail`
// ("<member>_not_offered" with "duration" gives "duration_not_offered").
std::string codeName(Code code, std::string_view detail = {});
// The registry entry a code string comes from ("duration_not_offered" -> ValueNotOffered); nullopt
// for a string no entry makes (a gateway's own error code, a typo).
std::optional<Code> codeByName(std::string_view name);

}  // namespace vg
