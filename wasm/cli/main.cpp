// vgen: the VideoGen command line. Reads files, prints what the core's text API answers.
//   vgen catalog [--json]
//   vgen limits [--json]
//   vgen codes [--json]
//   vgen dialect-facts
//   vgen validate [--dialect NAME] [--json] [FILE|-]
//   vgen build --to NAME [--from NAME] [FILE|-]
//   vgen convert --to NAME [--from NAME] [FILE|-]
//   vgen schema --dialect NAME MODEL
// Exit codes: 0 valid, 1 invalid, 2 unreadable input or wrong usage.
#include "api/api.h"
#include "request/input_limits.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  vgen catalog [--json]\n"
    "  vgen limits [--json]                      (the size limits on input)\n"
    "  vgen codes [--json]                       (every diagnostic code, what it means)\n"
    "  vgen dialect-facts                        (routes, status words, result fields, error shapes)\n"
    "  vgen validate [--dialect NAME] [--json] [FILE|-]\n"
    "  vgen parse [--dialect NAME] [FILE|-]      (the canonical request, for tools)\n"
    "  vgen build --to NAME [--from NAME] [FILE|-]\n"
    "  vgen convert --to NAME [--from NAME] [FILE|-]\n"
    "  vgen schema --dialect NAME MODEL\n"
    "dialects: aisdk, gateway, openai, unified, jobs, creative-hub\n"
    "exit codes: 0 valid, 1 invalid, 2 unreadable input or wrong usage\n";

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

// Everything in `stream` up to `limit` bytes. Reads at most limit + 1 bytes, so an endless stream
// (/dev/zero) or a huge file stops there; a read error (a directory, /proc/self/mem) is a message.
std::optional<std::string> readBounded(std::FILE* stream, const std::string& name, const vg::InputLimit& bound,
                                       std::string& error) {
    const size_t limit = bound.value;
    std::string text;
    char chunk[1 << 16];
    while (text.size() <= limit) {
        const size_t wanted = std::min(sizeof chunk, limit + 1 - text.size());
        const size_t got = std::fread(chunk, 1, wanted, stream);
        text.append(chunk, got);
        if (got == wanted) continue;
        if (std::ferror(stream)) {
            error = "cannot read " + name + ": " +
                    (errno == EISDIR ? std::string("it is a directory, give a JSON file") : std::strerror(errno));
            return std::nullopt;
        }
        return text;  // the end of the input
    }
    error = name + " is larger than " + std::to_string(limit) + " " + std::string(bound.unit) + " (limit " +
            std::string(bound.name) + "): give a smaller JSON document";
    return std::nullopt;
}

// The input text. A regular file is read in one go into memory mapped for it, in transparent huge
// pages where the system offers them: read into a growing string (or 4 KB pages), a 9 MB inline
// image costs over two thousand page faults, more time than validating it.
struct InputText {
    std::string streamed;       // standard input, devices, /proc files: whatever readBounded read
    void* pages = MAP_FAILED;   // a regular file's bytes
    size_t pagesSize = 0, size = 0;

    InputText() = default;
    InputText(const InputText&) = delete;
    InputText& operator=(const InputText&) = delete;
    ~InputText() {
        if (pages != MAP_FAILED) munmap(pages, pagesSize);
    }
    std::string_view text() const {
        return pages != MAP_FAILED ? std::string_view(static_cast<const char*>(pages), size) : streamed;
    }
};

// Reads a regular file of at most `limit` bytes into `input`; false to read it as a stream instead
// (which also says what is wrong with it).
bool readRegularFile(std::FILE* file, size_t limit, InputText& input) {
    struct stat info {};
    const int descriptor = fileno(file);
    if (fstat(descriptor, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0 ||
        static_cast<uint64_t>(info.st_size) > limit)
        return false;
    const size_t size = static_cast<size_t>(info.st_size);
    void* pages = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) return false;
    madvise(pages, size, MADV_HUGEPAGE);  // advice only: without huge pages read() faults 4 KB pages in
    size_t got = 0;
    while (got < size) {
        const ssize_t now = read(descriptor, static_cast<char*>(pages) + got, size - got);
        if (now <= 0) break;  // shorter than it said (it shrank): read what is there
        got += static_cast<size_t>(now);
    }
    if (got == 0) {
        munmap(pages, size);
        return false;
    }
    input.pages = pages;
    input.pagesSize = size;
    input.size = got;
    return true;
}

// The input text from FILE, or stdin for "-" / no file. False (and a message) when unreadable.
bool readInput(const std::vector<std::string>& positional, InputText& input, std::string& error) {
    if (positional.size() > 1) {
        error = "give one input file at most (got " + std::to_string(positional.size()) + ")";
        return false;
    }
    std::optional<std::string> streamed;
    if (positional.empty() || positional[0] == "-") {
        streamed = readBounded(stdin, "standard input", vg::kBodyBytes, error);
    } else {
        std::FILE* file = std::fopen(positional[0].c_str(), "rb");
        if (!file) {
            error = "cannot read " + positional[0] + ": " + std::strerror(errno);
            return false;
        }
        if (!readRegularFile(file, vg::kBodyBytes.value, input))
            streamed = readBounded(file, positional[0], vg::kBodyBytes, error);
        std::fclose(file);
        if (input.pages != MAP_FAILED) return true;
    }
    if (!streamed) return false;
    input.streamed = std::move(*streamed);
    return true;
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
    if (args.command != "validate" && args.command != "parse" && args.command != "build" && args.command != "convert")
        return usage("unknown command \"" + args.command + "\"");

    std::string readError;
    InputText input;
    if (!readInput(args.positional, input, readError)) {
        std::fprintf(stderr, "vgen: %s\n", readError.c_str());
        return 2;
    }
    const std::string_view text = input.text();
    if (args.command == "validate") return emit(vg::apiValidate(text, args.dialect, args.json));
    if (args.command == "parse") return emit(vg::apiParse(text, args.dialect));
    const std::string& from = args.from.empty() ? args.dialect : args.from;  // --dialect reads as --from
    if (args.command == "build") return emit(vg::apiBuild(text, from, args.to));
    return emit(vg::apiConvert(text, from, args.to));
}
