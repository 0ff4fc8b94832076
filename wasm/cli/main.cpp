// vgen: the VideoGen command line. Reads files, prints what the core's text API answers.
//   vgen catalog [--json]
//   vgen limits [--json]
//   vgen codes [--json]
//   vgen dialect-facts
//   vgen validate [--dialect NAME] [--json | --format text|json|github|sarif|quiet | -q] [--jsonl] [FILE|DIR|PATTERN|-]...
//   vgen build --to NAME [--from NAME] [FILE|-]
//   vgen convert --to NAME [--from NAME] [FILE|-]
//   vgen schema --dialect NAME MODEL
//   vgen snippet --format F --to NAME [--from NAME] [--base-url URL] [--files DIR] [FILE|-]
// Exit codes: 0 valid, 1 invalid, 2 unreadable input or wrong usage.
#include "api/api.h"
#include "input_files.h"
#include "snippet_command.h"
#include "validate_command.h"

#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  vgen catalog [--json]\n"
    "  vgen limits [--json]                      (the size limits on input)\n"
    "  vgen codes [--json]                       (every diagnostic code, what it means)\n"
    "  vgen dialect-facts                        (routes, status words, result fields, error shapes)\n"
    "  vgen validate [--dialect NAME] [--format F] [--jsonl] [FILE|DIR|PATTERN|-]...\n"
    "      many inputs in one run: a directory is every *.json under it (*.jsonl with --jsonl), a\n"
    "      quoted pattern its matches; --jsonl reads one request a line; --format text (default:\n"
    "      FILE:LINE:COL: error[CODE]: MESSAGE), json (--json; one report a line for many requests),\n"
    "      github (Actions annotations), sarif (SARIF 2.1.0) or quiet (-q: nothing, the exit code says)\n"
    "  vgen parse [--dialect NAME] [FILE|-]      (the canonical request, for tools)\n"
    "  vgen build --to NAME [--from NAME] [FILE|-]\n"
    "  vgen convert --to NAME [--from NAME] [FILE|-]\n"
    "  vgen schema --dialect NAME MODEL\n"
    "  vgen snippet --format json|curl|fetch|aisdk|python --to NAME [--from NAME] [--base-url URL]\n"
    "      [--files DIR] [FILE|-]\n"
    "      the request as code for the gateway at URL (default http://127.0.0.1:8000); files the\n"
    "      code reads (media too large to paste) are written to DIR (default: the current folder)\n"
    "dialects: aisdk, gateway, openai, unified, jobs, creative-hub\n"
    "exit codes: 0 valid, 1 invalid, 2 unreadable input or wrong usage\n";

struct Arguments {
    std::string command;
    std::string dialect, from, to;
    bool json = false;
    std::string format;  // validate --format; "" = text (json with --json); snippet --format
    std::string baseUrl, filesDir;  // snippet --base-url, --files; "" = their defaults
    bool jsonLines = false;
    std::vector<std::string> positional;
    std::string error;  // set when the arguments are wrong
};

Arguments parseArguments(int argc, char** argv) {
    Arguments args;
    if (argc < 2) {
        args.error = "no command given";
        return args;
    }
    args.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= argc) args.error = arg + " needs a value";
            else into = argv[++i];
        };
        if (arg == "--json") args.json = true;
        else if (arg == "--jsonl") args.jsonLines = true;
        else if (arg == "--format") value(args.format);
        else if (arg.rfind("--format=", 0) == 0) args.format = arg.substr(9);
        else if (arg == "--quiet" || arg == "-q") args.format = "quiet";
        else if (arg == "--dialect") value(args.dialect);
        else if (arg == "--from") value(args.from);
        else if (arg == "--to") value(args.to);
        else if (arg == "--base-url") value(args.baseUrl);
        else if (arg == "--files") value(args.filesDir);
        else if (arg.rfind("--dialect=", 0) == 0) args.dialect = arg.substr(10);
        else if (arg.rfind("--from=", 0) == 0) args.from = arg.substr(7);
        else if (arg.rfind("--to=", 0) == 0) args.to = arg.substr(5);
        else if (arg.size() > 1 && arg[0] == '-' && arg != "-") args.error = "unknown option " + arg;
        else args.positional.push_back(arg);
    }
    return args;
}

// The one input of parse, build and convert: FILE, or standard input for "-" / nothing.
bool readOneInput(const std::vector<std::string>& positional, vg::cli::InputText& input, std::string& error) {
    if (positional.size() > 1) {
        error = "give one input file at most (got " + std::to_string(positional.size()) + ")";
        return false;
    }
    return vg::cli::readSource(positional.empty() ? "-" : positional[0], input, error);
}

int emit(const vg::ApiResult& result) {
    std::fwrite(result.output.data(), 1, result.output.size(), stdout);
    std::fwrite(result.notes.data(), 1, result.notes.size(), stderr);
    return result.exitCode;
}

int usage(const std::string& message) {
    std::fprintf(stderr, "vgen: %s\n%s", message.c_str(), kUsage);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments args = parseArguments(argc, argv);
    if (args.command == "--help" || args.command == "-h" || args.command == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (!args.error.empty()) return usage(args.error);

    if (args.command == "catalog") {
        if (!args.positional.empty()) return usage("catalog takes no arguments");
        return emit(vg::apiCatalog(args.json));
    }
    if (args.command == "limits") {
        if (!args.positional.empty()) return usage("limits takes no arguments");
        return emit(vg::apiLimits(args.json));
    }
    if (args.command == "codes") {
        if (!args.positional.empty()) return usage("codes takes no arguments");
        return emit(vg::apiCodes(args.json));
    }
    if (args.command == "dialect-facts") {
        if (!args.positional.empty()) return usage("dialect-facts takes no arguments");
        return emit(vg::apiDialectFacts());
    }
    if (args.command == "schema") {
        if (args.positional.size() != 1) return usage("schema needs exactly one MODEL");
        return emit(vg::apiSchema(args.dialect, args.positional[0]));
    }
    if (args.command == "validate") {
        if (args.json && !args.format.empty() && args.format != "json") return usage("--json and --format " + args.format + " disagree");
        return vg::cli::validateCommand({args.dialect, args.json ? "json" : args.format.empty() ? "text" : args.format,
                                         args.jsonLines, args.positional});
    }
    if (args.command == "snippet") {
        if (args.json || args.jsonLines) return usage("--json and --jsonl are not for snippet");
        vg::cli::SnippetOptions options;
        options.format = args.format;
        options.from = args.from.empty() ? args.dialect : args.from;
        options.to = args.to;
        if (!args.baseUrl.empty()) options.baseUrl = args.baseUrl;
        if (!args.filesDir.empty()) options.filesDir = args.filesDir;
        options.positional = args.positional;
        return vg::cli::snippetCommand(options);
    }
    if (!args.baseUrl.empty() || !args.filesDir.empty()) return usage("--base-url and --files are for snippet");
    if (args.command != "parse" && args.command != "build" && args.command != "convert")
        return usage("unknown command \"" + args.command + "\"");
    if (!args.format.empty() || args.jsonLines) return usage("--format and --jsonl are for validate");

    std::string readError;
    vg::cli::InputText input;
    if (!readOneInput(args.positional, input, readError)) {
        std::fprintf(stderr, "vgen: %s\n", readError.c_str());
        return 2;
    }
    const std::string_view text = input.text();
    if (args.command == "parse") return emit(vg::apiParse(text, args.dialect));
    const std::string& from = args.from.empty() ? args.dialect : args.from;  // --dialect reads as --from
    if (args.command == "build") return emit(vg::apiBuild(text, from, args.to));
    return emit(vg::apiConvert(text, from, args.to));
}
