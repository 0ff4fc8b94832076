// Finding and reading vgen's inputs; see input_files.h.
#include "input_files.h"

#include "request/input_limits.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vg::cli {

namespace {

// Everything in `stream` up to `limit` bytes. Reads at most limit + 1 bytes, so an endless stream
// (/dev/zero) or a huge file stops there; a read error (a directory, /proc/self/mem) is a message.
std::optional<std::string> readBounded(std::FILE* stream, const std::string& name, const InputLimit& bound,
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

bool hasPatternCharacters(const std::string& argument) { return argument.find_first_of("*?[") != std::string::npos; }

bool hidden(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    return name.size() > 1 && name[0] == '.';
}

// Every file under `folder` whose name ends in `suffix`, sorted; hidden files and folders skipped.
std::vector<std::string> filesUnder(const std::string& folder, std::string_view suffix) {
    namespace fs = std::filesystem;
    std::vector<std::string> found;
    std::error_code error;
    fs::recursive_directory_iterator walk(folder, fs::directory_options::skip_permission_denied, error), end;
    for (; !error && walk != end; walk.increment(error)) {
        if (hidden(walk->path())) {
            if (walk->is_directory(error)) walk.disable_recursion_pending();
            continue;
        }
        const std::string path = walk->path().string();
        if (walk->is_regular_file(error) && path.size() > suffix.size() &&
            path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
            found.push_back(path);
    }
    std::sort(found.begin(), found.end());
    return found;
}

bool isDirectory(const std::string& path) {
    struct stat info {};
    return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool exists(const std::string& path) {
    struct stat info {};
    return stat(path.c_str(), &info) == 0;
}

}  // namespace

InputText::~InputText() {
    if (pages != MAP_FAILED) munmap(pages, pagesSize);
}

std::string_view InputText::text() const {
    return pages != MAP_FAILED ? std::string_view(static_cast<const char*>(pages), size) : streamed;
}

bool readSource(const std::string& source, InputText& input, std::string& error) {
    std::optional<std::string> streamed;
    if (source == "-") {
        streamed = readBounded(stdin, "standard input", kBodyBytes, error);
    } else {
        std::FILE* file = std::fopen(source.c_str(), "rb");
        if (!file) {
            error = "cannot read " + source + ": " + std::strerror(errno);
            return false;
        }
        if (!readRegularFile(file, kBodyBytes.value, input)) streamed = readBounded(file, source, kBodyBytes, error);
        std::fclose(file);
        if (input.pages != MAP_FAILED) return true;
    }
    if (!streamed) return false;
    input.streamed = std::move(*streamed);
    return true;
}

Sources findSources(const std::vector<std::string>& arguments, std::string_view suffix) {
    Sources sources;
    if (arguments.empty()) sources.paths.push_back("-");
    const auto addFolder = [&](const std::string& folder) {
        std::vector<std::string> files = filesUnder(folder, suffix);
        if (files.empty()) sources.problems.push_back({folder, folder + " holds no " + std::string(suffix) + " files"});
        sources.paths.insert(sources.paths.end(), files.begin(), files.end());
        sources.expanded = true;
    };
    for (const std::string& argument : arguments) {
        if (argument != "-" && isDirectory(argument)) {
            addFolder(argument);
        } else if (argument != "-" && hasPatternCharacters(argument) && !exists(argument)) {
            glob_t matches{};
            const int status = glob(argument.c_str(), 0, nullptr, &matches);
            if (status != 0 || matches.gl_pathc == 0) sources.problems.push_back({argument, "no file matches " + argument});
            for (size_t i = 0; status == 0 && i < matches.gl_pathc; ++i) {
                const std::string match = matches.gl_pathv[i];
                if (isDirectory(match)) addFolder(match);
                else sources.paths.push_back(match);
            }
            globfree(&matches);
            sources.expanded = true;
        } else {
            sources.paths.push_back(argument);
        }
    }
    return sources;
}

}  // namespace vg::cli
