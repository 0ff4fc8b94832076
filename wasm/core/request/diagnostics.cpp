#include "request/diagnostics.h"

#include <algorithm>

namespace vg {

bool hasErrors(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

Diagnostics shownDiagnostics(Diagnostics diagnostics, const InputLimit& limit) {
    const size_t shown = limit.value;
    if (diagnostics.size() <= shown || shown == 0) return diagnostics;
    std::stable_partition(diagnostics.begin(), diagnostics.end(),
                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
    const Diagnostics hidden(diagnostics.begin() + static_cast<std::ptrdiff_t>(shown - 1), diagnostics.end());
    diagnostics.resize(shown - 1);
    Diagnostic more = makeWarning("", Code::MoreProblems,
                                  std::to_string(hidden.size()) + " more problems not shown (a report lists " +
                                      std::to_string(shown) + ", limit " + std::string(limit.name) +
                                      "): fix these first, then check again");
    if (hasErrors(hidden)) more.severity = Severity::Error;
    diagnostics.push_back(std::move(more));
    return diagnostics;
}

const char* severityName(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

json diagnosticToJson(const Diagnostic& diagnostic) {
    json out = json::object();
    out["severity"] = severityName(diagnostic.severity);
    out["path"] = diagnostic.path;
    out["code"] = diagnostic.code;
    out["message"] = diagnostic.message;
    return out;
}

json diagnosticsToJson(const Diagnostics& diagnostics) {
    json out = json::array();
    for (const Diagnostic& d : diagnostics) out.push_back(diagnosticToJson(d));
    return out;
}

void appendEscapedToken(std::string& out, std::string_view token) {
    if (std::none_of(token.begin(), token.end(), [](char c) { return c == '~' || c == '/'; })) {  // nearly every token
        out += token;
        return;
    }
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
}

bool tokenNames(std::string_view token, bool tildes, std::string_view name) {
    if (!tildes) return token == name;
    size_t at = 0;
    for (const char c : name) {
        const std::string_view written = c == '~' ? "~0" : c == '/' ? "~1" : std::string_view(&c, 1);
        if (token.substr(at, written.size()) != written) return false;
        at += written.size();
    }
    return at == token.size();
}

std::string escapePointerToken(const std::string& token) {
    std::string out;
    appendEscapedToken(out, token);
    return out;
}

// Validation builds a pointer for every member it reads: one allocation each, not three.
std::string pointerChild(const std::string& pointer, const std::string& token) {
    std::string out;
    out.reserve(pointer.size() + 1 + token.size());
    out += pointer;
    out += '/';
    appendEscapedToken(out, token);
    return out;
}

std::string pointerChild(const std::string& pointer, size_t index) {
    std::string out;
    out.reserve(pointer.size() + 21);
    out += pointer;
    out += '/';
    out += std::to_string(index);
    return out;
}

}  // namespace vg
