// A validation's answer as text, JSON, GitHub annotations or SARIF; see validation_output.h.
#include "api/validation_output.h"

#include "request/diagnostic_codes.h"
#include "request/input_limits.h"
#include "text/json_writer.h"
#include "text/text_format.h"
#include "text/text_position.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace vg {

namespace {

using ordered_json = nlohmann::ordered_json;

std::string plural(size_t count, const char* word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

// The diagnostics a report shows: `all` itself unless there are more than a report lists
// (shownDiagnostics returns fewer unchanged), so the usual report copies none of them.
const Diagnostics& shownOf(const Diagnostics& all, Diagnostics& cut) {
    if (all.size() <= kDiagnostics.value) return all;
    cut = shownDiagnostics(all);
    return cut;
}

// Where each of `shown` is, in its source's lines (one reading of the text for all of them). A
// diagnostic that knows its byte offset is not looked for by its pointer.
std::vector<TextPosition> placesOf(const CheckedText& checked, const Diagnostics& shown) {
    if (shown.empty()) return {};  // a valid request: its text is not read again
    std::vector<std::string_view> pointers;
    for (const Diagnostic& d : shown)
        if (!d.byteOffset) pointers.push_back(d.path);
    std::vector<size_t> offsets = pointerOffsets(checked.text, pointers);
    if (pointers.size() < shown.size()) {  // the byte offsets go in among them, from the back (in place)
        offsets.resize(shown.size());
        for (size_t i = shown.size(), next = pointers.size(); i-- > 0;)
            offsets[i] = shown[i].byteOffset ? *shown[i].byteOffset : offsets[--next];
    }
    std::vector<TextPosition> places = positionsAt(checked.text, offsets);
    for (TextPosition& place : places) place.line += checked.firstLine - 1;
    return places;
}

// GitHub's workflow-command escapes: in a message, % and line breaks; in a property also : and ,.
std::string githubEscaped(std::string_view text, bool property) {
    std::string out;
    for (const char c : text) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

// A file name as a relative URI reference: every byte but the unreserved ones and "/" percent-encoded.
std::string uriOf(std::string_view path) {
    std::string out;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
            out += escaped;
        }
    }
    return out;
}

size_t sarifRuleIndex(ValidationOutput& output, const std::string& code) {
    const auto found = std::find(output.sarifRules.begin(), output.sarifRules.end(), code);
    if (found != output.sarifRules.end()) return size_t(found - output.sarifRules.begin());
    output.sarifRules.push_back(code);
    return output.sarifRules.size() - 1;
}

ordered_json sarifRule(const std::string& code) {
    const std::optional<Code> known = codeByName(code);
    const DiagnosticCode* entry = known ? &diagnosticCode(*known) : nullptr;
    return ordered_json{{"id", code},
                        {"shortDescription", {{"text", entry ? std::string(entry->meaning) : code}}},
                        {"defaultConfiguration",
                         {{"level", entry && entry->severity == Severity::Warning ? "warning" : "error"}}}};
}

std::string verdict(const TextCheck& check) {
    return check.exitCode == kExitValid ? "valid" : check.exitCode == kExitUsage ? "unreadable" : "invalid";
}

std::string tally(const ValidationOutput& output) {
    return "vgen: " + plural(output.requests, "request") + " checked: " + std::to_string(output.valid) + " valid, " +
           std::to_string(output.invalid) + " invalid, " + std::to_string(output.unreadable) + " unreadable (" +
           plural(output.errors, "error") + ", " + plural(output.warnings, "warning") + ")\n";
}

}  // namespace

std::optional<OutputFormat> outputFormatByName(std::string_view name) {
    if (name == "text") return OutputFormat::Text;
    if (name == "json") return OutputFormat::Json;
    if (name == "github") return OutputFormat::Github;
    if (name == "sarif") return OutputFormat::Sarif;
    if (name == "quiet") return OutputFormat::Quiet;
    return std::nullopt;
}

ordered_json validationReport(const TextCheck& checked) {
    ordered_json report = ordered_json::object();
    report["valid"] = checked.exitCode == kExitValid;
    report["dialect"] = checked.dialectName;
    report["model"] = checked.modelLabel;
    report["diagnostics"] = ordered_json::array();
    Diagnostics cut;
    for (const Diagnostic& d : shownOf(checked.diagnostics, cut)) {
        report["diagnostics"].push_back({{"severity", severityName(d.severity)},
                                         {"path", d.path},
                                         {"code", d.code},
                                         {"message", d.message}});
    }
    return report;
}

void appendJsonReport(std::string& out, const CheckedText& checked, bool single) {
    const TextCheck& check = checked.check;
    Diagnostics cut;
    const Diagnostics& shown = shownOf(check.diagnostics, cut);
    const std::vector<TextPosition> places = placesOf(checked, shown);
    // Room first: a report grown a few bytes at a time is copied as often as it doubles.
    size_t room = 128 + checked.source.size() + check.dialectName.size() + check.modelLabel.size();
    for (const Diagnostic& d : shown) room += 160 + d.path.size() + d.code.size() + d.message.size();
    {
        JsonWriter writer(out, single ? 2 : -1, room);
        writer.beginObject();
        if (!single) {
            writer.plainKey("file");
            writer.value(checked.source);
            if (checked.ownLine) {
                writer.plainKey("line");
                writer.value(uint64_t{checked.firstLine});
            }
        }
        writer.plainKey("valid");
        writer.value(check.exitCode == kExitValid);
        writer.plainKey("dialect");
        writer.value(check.dialectName);
        writer.plainKey("model");
        writer.value(check.modelLabel);
        writer.plainKey("diagnostics");
        writer.beginArray();
        for (size_t i = 0; i < shown.size(); ++i) {
            const Diagnostic& d = shown[i];
            writer.beginObject();
            writer.plainKey("severity");
            writer.value(severityName(d.severity));
            writer.plainKey("path");
            writer.value(d.path);
            writer.plainKey("code");
            writer.value(d.code);
            writer.plainKey("message");
            writer.value(d.message);
            writer.plainKey("line");
            writer.value(uint64_t{places[i].line});
            writer.plainKey("column");
            writer.value(uint64_t{places[i].column});
            writer.endObject();
        }
        writer.endArray();
        writer.endObject();
    }  // the report is in `out` once its writer is gone
    out += '\n';
}

void addChecked(ValidationOutput& output, const CheckedText& checked) {
    const TextCheck& check = checked.check;
    output.requests++;
    (check.exitCode == kExitValid ? output.valid : check.exitCode == kExitUsage ? output.unreadable : output.invalid)++;
    output.exitCode = std::max(output.exitCode, check.exitCode);
    size_t errors = 0;
    for (const Diagnostic& d : check.diagnostics) errors += d.severity == Severity::Error;
    output.errors += errors;
    output.warnings += check.diagnostics.size() - errors;
    if (output.format == OutputFormat::Quiet) return;
    if (output.format == OutputFormat::Json) return appendJsonReport(output.out, checked, output.single);

    Diagnostics cut;
    const Diagnostics& shown = shownOf(check.diagnostics, cut);
    const std::vector<TextPosition> places = placesOf(checked, shown);
    switch (output.format) {
        case OutputFormat::Text: {
            for (size_t i = 0; i < shown.size(); ++i) {
                const Diagnostic& d = shown[i];
                const TextPosition& at = places[i];
                output.out += std::string(checked.source) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                              ": " + severityName(d.severity) + "[" + d.code + "]: " + d.message + "\n";
            }
            if (output.single) {
                output.out += std::string(checked.source) + ": " + verdict(check) + " (" +
                              (check.dialectName.empty() ? std::string("unknown dialect") : check.dialectName) + ", " +
                              plural(errors, "error") + ", " + plural(check.diagnostics.size() - errors, "warning") + ")\n";
            }
            break;
        }
        case OutputFormat::Github: {
            for (size_t i = 0; i < shown.size(); ++i) {
                const Diagnostic& d = shown[i];
                const TextPosition& at = places[i];
                output.out += std::string("::") + severityName(d.severity) + " file=" + githubEscaped(checked.source, true) +
                              ",line=" + std::to_string(at.line) + ",col=" + std::to_string(at.column) +
                              ",title=" + githubEscaped("vgen " + d.code, true) + "::" +
                              githubEscaped(d.message + (d.path.empty() ? "" : " (at " + d.path + ")"), false) + "\n";
            }
            break;
        }
        case OutputFormat::Sarif: {
            for (size_t i = 0; i < shown.size(); ++i) {
                const Diagnostic& d = shown[i];
                const TextPosition& at = places[i];
                ordered_json result = ordered_json::object();
                result["ruleId"] = d.code;
                result["ruleIndex"] = sarifRuleIndex(output, d.code);
                result["level"] = severityName(d.severity);
                result["message"] = {{"text", d.message}};
                result["locations"] = ordered_json::array(
                    {{{"physicalLocation",
                       {{"artifactLocation", {{"uri", uriOf(checked.source)}}},
                        {"region", {{"startLine", at.line}, {"startColumn", at.column}}}}}}});
                result["properties"] = {{"jsonPointer", d.path}, {"dialect", check.dialectName}, {"model", check.modelLabel}};
                output.sarifResults.push_back(std::move(result));
            }
            break;
        }
        case OutputFormat::Json:   // returned above: appendJsonReport
        case OutputFormat::Quiet:  // returned above: nothing is written
            break;
    }
}

void addUnreadable(ValidationOutput& output, std::string_view source, std::string_view problem) {
    output.requests++;
    output.unreadable++;
    output.exitCode = kExitUsage;
    output.notes += "vgen: " + std::string(problem) + "\n";
    if (output.format == OutputFormat::Github)
        output.out += "::error file=" + githubEscaped(source, true) + ",title=vgen::" + githubEscaped(problem, false) + "\n";
    if (output.format == OutputFormat::Sarif) {
        output.sarifNotifications.push_back(ordered_json{
            {"level", "error"},
            {"message", {{"text", std::string(problem)}}},
            {"locations", ordered_json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", uriOf(source)}}}}}}})}});
    }
}

void finishOutput(ValidationOutput& output) {
    switch (output.format) {
        case OutputFormat::Text:
            if (!output.single) output.out += tally(output);
            break;
        case OutputFormat::Json:
        case OutputFormat::Quiet:
            break;
        case OutputFormat::Github:
            output.out += tally(output);
            break;
        case OutputFormat::Sarif: {
            ordered_json rules = ordered_json::array();
            for (const std::string& code : output.sarifRules) rules.push_back(sarifRule(code));
            ordered_json run = ordered_json::object();
            run["tool"] = {{"driver", {{"name", "vgen"}, {"rules", std::move(rules)}}}};
            run["invocations"] = ordered_json::array(
                {{{"executionSuccessful", output.unreadable == 0}, {"toolExecutionNotifications", output.sarifNotifications}}});
            run["columnKind"] = "unicodeCodePoints";
            run["results"] = output.sarifResults;
            ordered_json log = ordered_json::object();
            log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
            log["version"] = "2.1.0";
            log["runs"] = ordered_json::array({std::move(run)});
            output.out += printedJson(log);
            break;
        }
    }
}

}  // namespace vg
