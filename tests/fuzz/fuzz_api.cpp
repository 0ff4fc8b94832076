// libFuzzer target: the text API as vgen, serve.py and the headless module call it (validate,
// parse, build, convert), the dialect picked by the first byte. Checked besides "no crash": exit
// codes are 0, 1 or 2, a report is JSON with at most `diagnostics` entries, and the text and JSON
// forms of validate agree on the exit code.
#include "api/api.h"
#include "request/input_limits.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

constexpr std::string_view kDialects[] = {"", "aisdk", "gateway", "openai", "unified", "jobs", "creative-hub"};

void checkExit(const vg::ApiResult& result) {
    if (result.exitCode < 0 || result.exitCode > 2) std::abort();
    if (result.notes.rfind("vgen: internal error", 0) == 0) std::abort();  // the core threw (api.cpp guarded)
}

void checkReport(const vg::ApiResult& result) {
    checkExit(result);
    if (result.output.empty()) return;  // a usage error (an unknown dialect) has no report
    const nlohmann::json report = nlohmann::json::parse(result.output, nullptr, false);
    if (report.is_discarded() || !report.contains("diagnostics")) std::abort();
    if (report["diagnostics"].size() > vg::kDiagnostics.value) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view dialect = kDialects[data[0] % std::size(kDialects)];
    const std::string_view target = kDialects[1 + (data[0] / 7) % (std::size(kDialects) - 1)];
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

    const vg::ApiResult asJson = vg::apiValidate(input, dialect, true);
    checkReport(asJson);
    const vg::ApiResult asText = vg::apiValidate(input, dialect, false);
    checkExit(asText);
    if (asText.exitCode != asJson.exitCode) std::abort();
    checkReport(vg::apiParse(input, dialect));
    if (asJson.exitCode == 0) {  // only a valid request is built
        checkExit(vg::apiBuild(input, dialect, target));
        checkExit(vg::apiConvert(input, dialect, target));
    }
    return 0;
}
