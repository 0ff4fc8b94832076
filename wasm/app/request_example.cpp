#include "request_example.h"

#include "example_request.h"

namespace vg::app {

Mode defaultExampleMode(const Model& model) {
    return model.supports(Mode::T2V) || model.modes.empty() ? Mode::T2V : model.modes.front();
}

ExampleText exampleForDialect(const Model& model, Mode mode, Dialect dialect, const Catalog& catalog) {
    const Request request = exampleRequest(model, mode);
    BuildOutcome outcome = buildRequest(dialect, request, catalog);
    if (outcome.http) return {outcome.http->body.dump(2), dialect, ""};

    const std::string why = outcome.diagnostics.empty() ? "cannot carry this request." : outcome.diagnostics.front().message;
    const std::string note = std::string(dialectName(dialect)) + ": " + why + " Showing the aisdk form.";
    if (dialect != Dialect::AiSdk) {
        outcome = buildRequest(Dialect::AiSdk, request, catalog);
        if (outcome.http) return {outcome.http->body.dump(2), Dialect::AiSdk, note};
    }
    // No dialect could build it: the canonical body is still the most useful starting point.
    return {request.body.dump(2), Dialect::AiSdk, note + " It cannot carry it either: showing the canonical request."};
}

}  // namespace vg::app
