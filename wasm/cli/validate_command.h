// `vgen validate`: any number of requests, from files, directories, patterns, standard input or
// JSON Lines, in one process; the answer as text, JSON, GitHub annotations or SARIF
// (api/validation_output.h). Exit code: 0 all valid, 1 any invalid, 2 any unreadable.
#pragma once

#include <string>
#include <vector>

namespace vg::cli {

struct ValidateOptions {
    std::string dialect;             // "" = detect, per request
    std::string format = "text";     // text, json, github, sarif, quiet
    bool jsonLines = false;          // each source holds one request a line (blank lines skipped)
    std::vector<std::string> inputs; // files, directories, patterns, "-"; none = standard input
};

int validateCommand(const ValidateOptions& options);

}  // namespace vg::cli
