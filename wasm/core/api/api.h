// VideoGen core: the text-in, text-out API every front door shares.
// The vgen CLI, the headless WASM module (node and browsers), serve.py (through the C ABI in
// c_api.h) and the playground all call these, so the rules exist exactly once.
// Exit codes follow the vgen contract: 0 valid, 1 invalid, 2 unreadable input or wrong usage.
#pragma once

#include "dialects/dialect.h"
#include "request/diagnostics.h"
#include "request/request_session.h"

#include <string>
#include <string_view>

namespace vg {

// The exit codes of the vgen contract.
inline constexpr int kExitValid = 0, kExitInvalid = 1, kExitUsage = 2;

struct ApiResult {
    int exitCode = 0;
    std::string output;  // stdout: JSON (or text for the human-readable forms), newline-terminated
    std::string notes;   // stderr: what a person should read (why it failed, dropped fields); may be ""
};

// What a text says, read into `session` (one JSON parse, one dialect parse, one validation): the
// answers below print it, the playground's JSON editor shows it.
struct TextCheck {
    int exitCode = 0;                // 0 valid, 1 invalid, 2 unreadable input or unknown dialect
    std::string usageMessage;        // set when exitCode is 2
    Dialect dialect = Dialect::AiSdk;
    std::string dialectName;         // "" when no dialect could be told
    bool usable = false;             // the session now holds the text's request
    Diagnostics diagnostics;         // parse + validation; paths into the text
    std::string modelLabel;          // canonical id when known, else as written (cut by excerpt)
};
// `dialect` "" = detect; an unknown name is exit code 2 with the list of names.
TextCheck checkText(RequestSession& session, std::string_view input, std::string_view dialect);

// The verdict on one payload for a reader that keeps no request (vgen validate, the headless
// module): the compiled check (request/compiled_check.h) where it answers, else checkText through
// a session of its own. The same answer either way; the compiled check is many times cheaper.
TextCheck checkPayload(const Catalog& catalog, std::string_view input, std::string_view dialect);

// Diagnostics as the CLI prints them on stderr, one a line: "error /duration duration_not_offered: ...".
std::string diagnosticLines(const Diagnostics& diagnostics);

// `vgen catalog [--json]`
ApiResult apiCatalog(bool asJson);
// `vgen limits [--json]`: the input-limits table (input_limits.h): name, value, unit, why
ApiResult apiLimits(bool asJson);
// `vgen codes [--json]`: the diagnostic-code registry (diagnostic_codes.h): code, severity, use, meaning
ApiResult apiCodes(bool asJson);
// `vgen dialect-facts`: every dialect's wire facts (dialect_wire.h) as JSON: routes, status words,
// result fields, error shapes. serve.py registers its routes and writes its answers from it.
ApiResult apiDialectFacts();
// `vgen validate [--dialect NAME] [--json]`; dialect "" = detect
ApiResult apiValidate(std::string_view input, std::string_view dialect, bool asJson);
// `vgen build --to NAME [--from NAME]`
ApiResult apiBuild(std::string_view input, std::string_view fromDialect, std::string_view toDialect);
// `vgen convert --to NAME [--from NAME]`: only the target dialect's body
ApiResult apiConvert(std::string_view input, std::string_view fromDialect, std::string_view toDialect);
// `vgen parse [--dialect NAME]`: the validation report plus "request", the canonical body
// (request.h) with "model" replaced by the canonical id and "mode" made explicit; serve.py renders
// from it. Exit codes as validate.
ApiResult apiParse(std::string_view input, std::string_view dialect);
// `vgen schema --dialect NAME MODEL`
ApiResult apiSchema(std::string_view dialect, std::string_view model);

}  // namespace vg
