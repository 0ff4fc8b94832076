// VideoGen core: a validation's answer in the forms people and tools read it in:
//   text     SOURCE:LINE:COLUMN: error[CODE]: MESSAGE, one a line (what editors and terminals
//            link), then the verdict of a single request or a tally of many
//   json     the contract's report ({"valid", "dialect", "model", "diagnostics"}) for a single
//            request; for many, one report a line (JSON Lines), each naming its "file" (and "line")
//   github   GitHub Actions workflow commands (::error file=...,line=...,col=...::...), shown on
//            the pull request's lines, then the tally
//   sarif    one SARIF 2.1.0 log for code scanning: a rule per code, a result per diagnostic
//   quiet    nothing: the exit code is the verdict, and no report is built (a gate that only asks
//            "may this pass?")
// Every diagnostic is placed at a line and column of its source: its JSON Pointer's value, found in
// the text (text_position.h). `vgen validate` feeds it any number of requests; apiValidate one.
#pragma once

#include "api/api.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

enum class OutputFormat { Text, Json, Github, Sarif, Quiet };
std::optional<OutputFormat> outputFormatByName(std::string_view name);
constexpr const char* kOutputFormatNames = "text, json, github, sarif, quiet";

// One request, as checkText read it, and where its text came from.
struct CheckedText {
    std::string_view source;  // the file as the command line named it, or "<stdin>"
    std::string_view text;    // the request's text: line and column count in it
    size_t firstLine = 1;     // the source's line the text starts on (a JSON Lines record's line)
    bool ownLine = false;     // one of many records in its source: reports name the line too
    const TextCheck& check;
};

struct ValidationOutput {
    OutputFormat format = OutputFormat::Text;
    bool single = true;  // one request: text ends with its verdict, json prints the bare contract report
    std::string out;     // what to print on standard output; the caller prints and clears it as it goes
    std::string notes;   // what to print on standard error (why a source could not be read)

    // The tally so far, and the exit code it makes: 2 when anything was unreadable, else 1 when
    // anything was invalid, else 0.
    size_t requests = 0, valid = 0, invalid = 0, unreadable = 0, errors = 0, warnings = 0;
    int exitCode = 0;

    // SARIF: the log is written whole by finishOutput. Vectors, not JSON arrays: an output of
    // another format (one for every apiValidate) then allocates nothing for them.
    std::vector<nlohmann::ordered_json> sarifResults;
    std::vector<std::string> sarifRules;  // codes, in the order first seen (a result's ruleIndex)
    std::vector<nlohmann::ordered_json> sarifNotifications;
};

void addChecked(ValidationOutput& output, const CheckedText& checked);
// What addChecked writes in the json format, appended to `out` with no ValidationOutput (no tally
// is kept): the contract's report with each diagnostic's line and column in its source, written
// with no tree (every request of a pipeline passes here); indented for a `single` request, else
// one line naming its file (and line), as JSON Lines.
void appendJsonReport(std::string& out, const CheckedText& checked, bool single);
// A source that could not be read at all (a missing file, a directory's read error): it counts as
// unreadable, and `problem` ("cannot read x.json: No such file or directory") goes to the notes.
void addUnreadable(ValidationOutput& output, std::string_view source, std::string_view problem);
// The tally (text, github) or the whole SARIF log, appended to `out`.
void finishOutput(ValidationOutput& output);

// The contract's report: valid, dialect, model, diagnostics [severity, path, code, message].
nlohmann::ordered_json validationReport(const TextCheck& checked);

}  // namespace vg
