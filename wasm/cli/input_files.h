// vgen's inputs: what the command line names (files, directories, globs, "-" for standard input)
// turned into a list of sources, and each source's bytes read within the input limit.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vg::cli {

// The text of one input. A regular file is read in one go into memory mapped for it, in transparent
// huge pages where the system offers them: read into a growing string (or 4 KB pages), a 9 MB
// inline image costs over two thousand page faults, more time than validating it.
struct InputText {
    std::string streamed;       // standard input, devices, /proc files: what was read of them
    void* pages = MAP_FAILED;   // a regular file's bytes
    size_t pagesSize = 0, size = 0;

    InputText() = default;
    InputText(const InputText&) = delete;
    InputText& operator=(const InputText&) = delete;
    ~InputText();
    std::string_view text() const;
};

// Reads `source` ("-": standard input) whole, up to the body-size limit. False, with `error` saying
// what is wrong ("cannot read x: it is a directory, give a JSON file"), when it cannot be read.
bool readSource(const std::string& source, InputText& input, std::string& error);

// An argument that names nothing to read, and why: "no file matches *.jsn".
struct SourceProblem {
    std::string argument, message;
};

struct Sources {
    std::vector<std::string> paths;       // in the order given; a directory's files sorted
    std::vector<SourceProblem> problems;
    bool expanded = false;                // a directory or a pattern was expanded: names matter
};

// The sources `arguments` name: a file or "-" as it is; a directory as every file under it whose
// name ends in `suffix` (".json"; hidden files and folders skipped); a pattern with * ? or [ that
// names no file itself, as the files it matches (for shells and hooks that pass it unexpanded).
// No arguments: standard input.
Sources findSources(const std::vector<std::string>& arguments, std::string_view suffix);

}  // namespace vg::cli
