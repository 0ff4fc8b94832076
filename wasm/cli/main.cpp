// vgen: the VideoGen command line. Reads files, prints what the core's text API answers.
//   vgen catalog [--json]
//   vgen validate [--dialect NAME] [--json] [FILE|-]
//   vgen build --to NAME [--from NAME] [FILE|-]
//   vgen convert --to NAME [--from NAME] [FILE|-]
//   vgen schema --dialect NAME MODEL
// Exit codes: 0 valid, 1 invalid, 2 unreadable input or wrong usage.
#include "api.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  vgen catalog [--json]\n"
    "  vgen validate [--dialect NAME] [--json] [FILE|-]\n"
    "  vgen parse [--dialect NAME] [FILE|-]      (the canonical request, for tools)\n"
    "  vgen build --to NAME [--from NAME] [FILE|-]\n"
    "  vgen convert --to NAME [--from NAME] [FILE|-]\n"
    "  vgen schema --dialect NAME MODEL\n"
    "dialects: aisdk, gateway, openai, unified, jobs, creative-hub\n"
    "exit codes: 0 valid, 1 invalid, 2 unreadable input or wrong usage\n";

constexpr size_t kMaxInputBytes = 64u * 1024u * 1024u;  // the core refuses more anyway (JsonLimits)

struct Arguments {
    std::string command;
    std::string dialect, from, to;
    bool json = false;
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
        else if (arg == "--dialect") value(args.dialect);
        else if (arg == "--from") value(args.from);
        else if (arg == "--to") value(args.to);
        else if (arg.rfind("--dialect=", 0) == 0) args.dialect = arg.substr(10);
        else if (arg.rfind("--from=", 0) == 0) args.from = arg.substr(7);
        else if (arg.rfind("--to=", 0) == 0) args.to = arg.substr(5);
        else if (arg.size() > 1 && arg[0] == '-' && arg != "-") args.error = "unknown option " + arg;
        else args.positional.push_back(arg);
    }
    return args;
}

// The input text from FILE, or stdin for "-" / no file. nullopt (and a message) when unreadable.
std::optional<std::string> readInput(const std::vector<std::string>& positional, std::string& error) {
    if (positional.size() > 1) {
        error = "give one input file at most (got " + std::to_string(positional.size()) + ")";
        return std::nullopt;
    }
    std::string text;
    if (positional.empty() || positional[0] == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        text = buffer.str();
    } else {
        std::ifstream file(positional[0], std::ios::binary);
        if (!file) {
            error = "cannot read " + positional[0] + ": " + std::strerror(errno);
            return std::nullopt;
        }
        text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }
    if (text.size() > kMaxInputBytes) {
        error = "input is " + std::to_string(text.size()) + " bytes; vgen reads at most 64 MiB";
        return std::nullopt;
    }
    return text;
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
    std::ios::sync_with_stdio(false);
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
    if (args.command == "schema") {
        if (args.positional.size() != 1) return usage("schema needs exactly one MODEL");
        return emit(vg::apiSchema(args.dialect, args.positional[0]));
    }
    if (args.command != "validate" && args.command != "parse" && args.command != "build" && args.command != "convert")
        return usage("unknown command \"" + args.command + "\"");

    std::string readError;
    std::optional<std::string> input = readInput(args.positional, readError);
    if (!input) {
        std::fprintf(stderr, "vgen: %s\n", readError.c_str());
        return 2;
    }
    if (args.command == "validate") return emit(vg::apiValidate(*input, args.dialect, args.json));
    if (args.command == "parse") return emit(vg::apiParse(*input, args.dialect));
    const std::string& from = args.from.empty() ? args.dialect : args.from;  // --dialect reads as --from
    if (args.command == "build") return emit(vg::apiBuild(*input, from, args.to));
    return emit(vg::apiConvert(*input, from, args.to));
}
