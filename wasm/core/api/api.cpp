// VideoGen core: the text API behind vgen, the headless module, serve.py and the playground.
#include "api/api.h"

#include "api/validation_output.h"
#include "catalog/catalog.h"
#include "request/compiled_check.h"
#include "request/diagnostic_codes.h"
#include "dialects/dialect.h"
#include "dialects/dialect_wire.h"
#include "request/input_limits.h"
#include "request/request_session.h"
#include "dialects/schema.h"
#include "text/text_format.h"

#include <algorithm>
#include <exception>

namespace vg {

namespace {

ApiResult usageError(const std::string& message) { return {kExitUsage, "", "vgen: " + message + "\n"}; }

}  // namespace

std::string diagnosticLines(const Diagnostics& diagnostics) {
    std::string text;
    for (const Diagnostic& d : shownDiagnostics(diagnostics))
        text += std::string(severityName(d.severity)) + " " + (d.path.empty() ? "(document)" : d.path) + " " + d.code +
                ": " + d.message + "\n";
    return text;
}

// One JSON parse, one dialect parse and one validation, all through the session the playground
// edits, so every front door reads a request the same way.
TextCheck checkText(RequestSession& session, std::string_view input, std::string_view dialectName) {
    TextCheck checked;
    std::optional<Dialect> chosen;
    if (!dialectName.empty()) {
        chosen = dialectByName(dialectName);
        if (!chosen) {
            checked.exitCode = kExitUsage;
            checked.usageMessage =
                "unknown dialect \"" + std::string(dialectName) + "\": use one of " + dialectNameList();
            return checked;
        }
    }
    TextLoad load = session.loadText(input, chosen);
    checked.diagnostics = std::move(load.diagnostics);
    if (!load.read) {
        checked.exitCode = kExitUsage;
        checked.usageMessage = load.problem;
        return checked;
    }
    checked.dialect = *load.dialect;
    checked.dialectName = vg::dialectName(*load.dialect);
    checked.usable = load.usable;
    const Model* known = session.catalog().resolve(load.writtenModel).model;
    checked.modelLabel = !known ? excerpt(load.writtenModel) : load.usable ? known->id : load.writtenModel;
    if (load.usable) {
        const Diagnostics& found = session.diagnostics(*load.dialect);
        checked.diagnostics.insert(checked.diagnostics.end(), found.begin(), found.end());
    }
    checked.exitCode = (!load.usable || hasErrors(checked.diagnostics)) ? kExitInvalid : kExitValid;
    return checked;
}

TextCheck checkPayload(const Catalog& catalog, std::string_view input, std::string_view dialect) {
    const std::optional<Dialect> chosen = dialect.empty() ? std::nullopt : dialectByName(dialect);
    if (chosen || dialect.empty()) {
        if (std::optional<CompiledVerdict> verdict = checkCompiled(input, chosen, catalog)) {
            TextCheck checked;
            checked.dialect = verdict->dialect;
            checked.dialectName = vg::dialectName(verdict->dialect);
            checked.usable = true;
            checked.modelLabel = verdict->model->id;
            checked.diagnostics = std::move(verdict->diagnostics);
            checked.exitCode = hasErrors(checked.diagnostics) ? kExitInvalid : kExitValid;
            return checked;
        }
    }
    RequestSession session(catalog);
    return checkText(session, input, dialect);
}

namespace {

// Build or convert: validate in the source dialect, then build for the target.
ApiResult buildFor(std::string_view input, std::string_view from, std::string_view to, bool bodyOnly) {
    std::optional<Dialect> target = dialectByName(to);
    if (!target) {
        return usageError(to.empty() ? "--to is required: one of " + dialectNameList()
                                     : "unknown dialect \"" + std::string(to) + "\": use one of " + dialectNameList());
    }
    RequestSession session(builtinCatalog());
    TextCheck checked = checkText(session, input, from);
    if (checked.exitCode != kExitValid) {
        ApiResult result{checked.exitCode, printedJson(validationReport(checked)), diagnosticLines(checked.diagnostics)};
        if (!checked.usageMessage.empty()) result.notes = "vgen: " + checked.usageMessage + "\n";
        else result.notes = "vgen: the request is invalid and was not built\n" + result.notes;
        return result;
    }
    const BuildOutcome& built = session.built(*target);
    if (!built.http || hasErrors(built.diagnostics)) {
        TextCheck refused = checked;
        refused.exitCode = kExitInvalid;
        refused.diagnostics = built.diagnostics;
        return {kExitInvalid, printedJson(validationReport(refused)),
                "vgen: " + std::string(dialectName(*target)) + " cannot express this request\n" +
                    diagnosticLines(built.diagnostics)};
    }
    // What is printed must pass where it is sent: read back as the target, the built request meets
    // that route's own rules too (the jobs API needs a prompt of at least one character, and a
    // Kling multi-shot request keeps its text in the shots). A body that would be refused there is
    // not printed; the report says why, at the target's own fields.
    RequestSession readBack(builtinCatalog());
    const TextCheck again = checkText(readBack, printedJson(built.http->toJson()), dialectName(*target));
    if (again.exitCode != kExitValid) {
        TextCheck refused = checked;
        refused.exitCode = kExitInvalid;
        refused.diagnostics.clear();
        for (Diagnostic d : again.diagnostics) {
            if (d.severity != Severity::Error) continue;
            if (bodyOnly && d.path.rfind("/body", 0) == 0) d.path.erase(0, 5);  // what is printed is the body
            refused.diagnostics.push_back(std::move(d));
        }
        return {kExitInvalid, printedJson(validationReport(refused)),
                "vgen: the " + std::string(dialectName(*target)) + " request this builds would be refused there\n" +
                    diagnosticLines(refused.diagnostics)};
    }
    Diagnostics warnings = checked.diagnostics;
    warnings.insert(warnings.end(), built.diagnostics.begin(), built.diagnostics.end());
    return {kExitValid, printedJson(bodyOnly ? built.http->body : built.http->toJson()), diagnosticLines(warnings)};
}

template <typename Function>
ApiResult guarded(Function&& function) {
    try {
        return function();
    } catch (const std::exception& error) {
        return {kExitUsage, "", std::string("vgen: internal error: ") + error.what() + "\n"};
    } catch (...) {
        return {kExitUsage, "", "vgen: internal error\n"};
    }
}

}  // namespace

ApiResult apiCatalog(bool asJson) {
    return guarded([&] {
        const Catalog& catalog = builtinCatalog();
        if (asJson) return ApiResult{kExitValid, printedJson(catalogToJson(catalog)), ""};
        std::string text;
        for (const Model& model : catalog.models) {
            std::vector<std::string> modes, aliases;
            for (Mode mode : model.modes) modes.push_back(modeName(mode));
            for (const Alias& alias : model.aliases) aliases.push_back(alias.id);
            text += model.id + "  (" + model.vendor + ", " + joinWords(modes, ", ") + ")" +
                    (model.limitsKnown ? "" : "  [limits not published]") + "\n    " + joinWords(aliases, ", ") + "\n";
        }
        return ApiResult{kExitValid, text, ""};
    });
}

ApiResult apiLimits(bool asJson) {
    return guarded([&] {
        if (asJson) {
            nlohmann::ordered_json table = nlohmann::ordered_json::array();
            for (const InputLimit& limit : kInputLimits)
                table.push_back(
                    {{"name", limit.name}, {"value", limit.value}, {"unit", limit.unit}, {"why", limit.why}});
            return ApiResult{kExitValid, printedJson(table), ""};
        }
        size_t nameWidth = 0;
        for (const InputLimit& limit : kInputLimits) nameWidth = std::max(nameWidth, limit.name.size());
        std::string text;
        for (const InputLimit& limit : kInputLimits)
            text += std::string(limit.name) + std::string(nameWidth + 2 - limit.name.size(), ' ') +
                    std::to_string(limit.value) + " " + std::string(limit.unit) + "\n    " + std::string(limit.why) +
                    "\n";
        return ApiResult{kExitValid, text, ""};
    });
}

ApiResult apiCodes(bool asJson) {
    return guarded([&] {
        const auto useName = [](CodeUse use) { return use == CodeUse::Diagnostic ? "diagnostic" : "job"; };
        if (asJson) {
            nlohmann::ordered_json table = nlohmann::ordered_json::array();
            for (const DiagnosticCode& code : diagnosticCodes())
                table.push_back({{"code", code.name},
                                 {"severity", severityName(code.severity)},
                                 {"use", useName(code.use)},
                                 {"meaning", code.meaning}});
            return ApiResult{kExitValid, printedJson(table), ""};
        }
        std::string text;
        for (const DiagnosticCode& code : diagnosticCodes())
            text += std::string(code.name) + "  (" + severityName(code.severity) + ", " + useName(code.use) + ")\n    " +
                    std::string(code.meaning) + "\n";
        return ApiResult{kExitValid, text, ""};
    });
}

ApiResult apiDialectFacts() {
    return guarded([] { return ApiResult{kExitValid, printedJson(dialectFactsJson()), ""}; });
}

ApiResult apiValidate(std::string_view input, std::string_view dialect, bool asJson) {
    return guarded([&] {
        TextCheck checked = checkPayload(builtinCatalog(), input, dialect);
        if (checked.exitCode == kExitUsage && checked.dialectName.empty() && checked.diagnostics.empty())
            return usageError(checked.usageMessage);
        const CheckedText text{"<stdin>", input, 1, false, checked};
        std::string out;
        if (asJson) {
            appendJsonReport(out, text, true);  // one request's report: no tally to keep
        } else {
            ValidationOutput output;
            addChecked(output, text);
            finishOutput(output);
            out = std::move(output.out);
        }
        return ApiResult{checked.exitCode, std::move(out),
                         checked.usageMessage.empty() ? std::string() : "vgen: " + checked.usageMessage + "\n"};
    });
}

ApiResult apiParse(std::string_view input, std::string_view dialect) {
    return guarded([&] {
        RequestSession session(builtinCatalog());
        TextCheck checked = checkText(session, input, dialect);
        if (checked.exitCode == kExitUsage && checked.dialectName.empty() && checked.diagnostics.empty())
            return usageError(checked.usageMessage);
        nlohmann::ordered_json report = validationReport(checked);
        if (checked.usable) {
            json canonical = session.body();
            if (const Model* model = session.model()) canonical["model"] = model->id;
            canonical["mode"] = modeName(session.mode());
            report["request"] = canonical;
        }
        return ApiResult{checked.exitCode, printedJson(report), diagnosticLines(checked.diagnostics)};
    });
}

ApiResult apiBuild(std::string_view input, std::string_view fromDialect, std::string_view toDialect) {
    return guarded([&] { return buildFor(input, fromDialect, toDialect, false); });
}

ApiResult apiConvert(std::string_view input, std::string_view fromDialect, std::string_view toDialect) {
    return guarded([&] { return buildFor(input, fromDialect, toDialect, true); });
}

ApiResult apiSchema(std::string_view dialect, std::string_view modelId) {
    return guarded([&] {
        std::optional<Dialect> chosen = dialectByName(dialect);
        if (!chosen) return usageError("schema needs --dialect: one of " + dialectNameList());
        const Catalog& catalog = builtinCatalog();
        const Model* model = catalog.resolve(modelId).model;
        if (!model) {
            std::vector<std::string> quoted;
            for (const std::string& id : catalog.nearestIds(modelId, 3)) quoted.push_back("\"" + id + "\"");
            return usageError("unknown model \"" + excerpt(modelId) + "\"" +
                              (quoted.empty() ? "" : ": did you mean " + joinWords(quoted) + "?"));
        }
        return ApiResult{kExitValid, printedJson(schemaFor(*chosen, *model, catalog)), ""};
    });
}

}  // namespace vg
