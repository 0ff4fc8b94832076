// `vgen validate` over many sources; see validate_command.h.
#include "validate_command.h"

#include "api/validation_output.h"
#include "dialects/dialect.h"
#include "input_files.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace vg::cli {

namespace {

// Prints what the output holds so far, so a long run shows its findings as it goes.
void flush(ValidationOutput& output) {
    std::fwrite(output.out.data(), 1, output.out.size(), stdout);
    std::fwrite(output.notes.data(), 1, output.notes.size(), stderr);
    output.out.clear();
    output.notes.clear();
}

void checkOne(ValidationOutput& output, const ValidateOptions& options, std::string_view source,
              std::string_view text, size_t line, bool ownLine) {
    const TextCheck check = checkPayload(builtinCatalog(), text, options.dialect);
    addChecked(output, {source, text, line, ownLine, check});
    if (output.single && !check.usageMessage.empty()) output.notes += "vgen: " + check.usageMessage + "\n";
}

// Each line of `text` that holds anything but spaces is a request of its own.
void checkLines(ValidationOutput& output, const ValidateOptions& options,
                std::string_view source, std::string_view text) {
    size_t line = 1;
    for (size_t start = 0; start < text.size(); ++line) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view record = text.substr(start, end - start);
        if (record.find_first_not_of(" \t\r") != std::string_view::npos) checkOne(output, options, source, record, line, true);
        start = end + 1;
    }
}

}  // namespace

int validateCommand(const ValidateOptions& options) {
    const std::optional<OutputFormat> format = outputFormatByName(options.format);
    if (!format) {
        std::fprintf(stderr, "vgen: unknown --format \"%s\": use one of %s\n", options.format.c_str(), kOutputFormatNames);
        return 2;
    }
    if (!options.dialect.empty() && !dialectByName(options.dialect)) {
        std::fprintf(stderr, "vgen: unknown dialect \"%s\": use one of %s\n", options.dialect.c_str(), dialectNameList().c_str());
        return 2;
    }
    const Sources sources = findSources(options.inputs, options.jsonLines ? ".jsonl" : ".json");
    if (std::count(sources.paths.begin(), sources.paths.end(), "-") > 1) {
        std::fputs("vgen: standard input (-) can be read once only\n", stderr);
        return 2;
    }

    ValidationOutput output;
    output.format = *format;
    output.single = !options.jsonLines && !sources.expanded && sources.paths.size() == 1 && sources.problems.empty();
    for (const SourceProblem& problem : sources.problems) addUnreadable(output, problem.argument, problem.message);
    for (const std::string& path : sources.paths) {
        const std::string name = path == "-" ? "<stdin>" : path;
        InputText input;
        std::string error;
        if (!readSource(path, input, error)) {
            addUnreadable(output, name, error);
        } else if (options.jsonLines) {
            checkLines(output, options, name, input.text());
        } else {
            checkOne(output, options, name, input.text(), 1, false);
        }
        flush(output);
    }
    finishOutput(output);
    flush(output);
    return output.exitCode;
}

}  // namespace vg::cli
