// libFuzzer target: the compiled check (request/compiled_check.h) against the full path. Wherever
// checkCompiled answers, its verdict must be checkText's: the exit code, the dialect, the model and
// every diagnostic's severity, path, code and message. The first byte picks the dialect (or none,
// to be told); the rest is the payload.
#include "api/api.h"
#include "request/compiled_check.h"
#include "request/request_session.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kDialects[] = {"", "aisdk", "gateway", "openai", "unified", "jobs", "creative-hub"};

std::string answerOf(int exitCode, std::string_view dialect, std::string_view model, const vg::Diagnostics& diagnostics) {
    std::string text = std::to_string(exitCode) + " " + std::string(dialect) + " " + std::string(model) + "\n";
    for (const vg::Diagnostic& d : diagnostics)
        text += std::string(vg::severityName(d.severity)) + " " + d.path + " " + d.code + ": " + d.message + "\n";
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view dialect = kDialects[data[0] % std::size(kDialects)];
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::optional<vg::Dialect> given = dialect.empty() ? std::nullopt : vg::dialectByName(dialect);
    const std::optional<vg::CompiledVerdict> verdict = vg::checkCompiled(input, given, vg::builtinCatalog());
    if (!verdict) return 0;  // the full path answers alone
    vg::RequestSession session(vg::builtinCatalog());
    const vg::TextCheck full = vg::checkText(session, input, dialect);
    const int exitCode = vg::hasErrors(verdict->diagnostics) ? vg::kExitInvalid : vg::kExitValid;
    if (answerOf(exitCode, vg::dialectName(verdict->dialect), verdict->model->id, verdict->diagnostics) !=
        answerOf(full.exitCode, full.dialectName, full.modelLabel, full.diagnostics))
        std::abort();
    return 0;
}
