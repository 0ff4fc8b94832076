// vgen snippet: the playground's "Copy as" from the command line. Builds the request for a dialect
// as `vgen build` does, prints the core's snippet of it and saves the files the snippet reads
// (inline media too large to paste) into a folder, as the playground's copy offers them for download.
#pragma once

#include <string>
#include <vector>

namespace vg::cli {

struct SnippetOptions {
    std::string format;                             // json, curl, fetch, aisdk, python
    std::string from, to;                           // dialects; from "" = detect
    std::string baseUrl = "http://127.0.0.1:8000";  // the gateway (serve.py's default address)
    std::string filesDir = ".";                     // where the files the snippet reads are written
    std::vector<std::string> positional;            // FILE, or nothing / "-" for standard input
};

// Exit codes as vgen build's: 0 printed (the request valid), 1 invalid (the build's report is
// printed), 2 unreadable input, wrong usage or a file that could not be written.
int snippetCommand(const SnippetOptions& options);

}  // namespace vg::cli
