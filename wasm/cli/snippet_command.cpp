// vgen snippet (see snippet_command.h).
#include "snippet_command.h"

#include "api/api.h"
#include "dialects/snippets.h"
#include "input_files.h"

#include <cstdio>
#include <fstream>
#include <optional>
#include <string_view>

namespace vg::cli {
namespace {

std::optional<SnippetFormat> snippetFormatByName(std::string_view name) {
    for (SnippetFormat format : kAllSnippetFormats)
        if (name == snippetFormatName(format)) return format;
    return std::nullopt;
}

std::string formatNameList() {
    std::string names;
    for (SnippetFormat format : kAllSnippetFormats) names += std::string(names.empty() ? "" : ", ") + snippetFormatName(format);
    return names;
}

bool writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out.flush());
}

}  // namespace

int snippetCommand(const SnippetOptions& options) {
    const std::optional<SnippetFormat> format = snippetFormatByName(options.format);
    if (!format) {
        std::fprintf(stderr, "vgen: snippet needs --format: one of %s\n", formatNameList().c_str());
        return 2;
    }
    const std::optional<Dialect> target = dialectByName(options.to);
    if (!target) {
        std::fprintf(stderr, "vgen: snippet needs --to: the dialect of the gateway (%s)\n", dialectNameList().c_str());
        return 2;
    }
    if (options.positional.size() > 1) {
        std::fprintf(stderr, "vgen: give one input file at most (got %zu)\n", options.positional.size());
        return 2;
    }
    InputText input;
    std::string readError;
    if (!readSource(options.positional.empty() ? "-" : options.positional[0], input, readError)) {
        std::fprintf(stderr, "vgen: %s\n", readError.c_str());
        return 2;
    }
    // The same build as `vgen build`: an invalid request prints its report and is not rendered.
    const ApiResult built = apiBuild(input.text(), options.from, options.to);
    if (built.exitCode != 0) {
        std::fwrite(built.output.data(), 1, built.output.size(), stdout);
        std::fwrite(built.notes.data(), 1, built.notes.size(), stderr);
        return built.exitCode;
    }
    const json envelope = json::parse(built.output);
    HttpRequest http;
    http.method = envelope.at("method").get<std::string>();
    http.path = envelope.at("path").get<std::string>();
    http.headers = envelope.at("headers");
    http.body = envelope.at("body");
    const Snippet snippet = renderSnippet(*format, *target, http, options.baseUrl);
    for (const SnippetFile& file : snippet.files) {
        const std::string path = options.filesDir + "/" + file.name;
        if (!writeFile(path, file.bytes)) {
            std::fprintf(stderr, "vgen: cannot write %s: check that the folder exists and takes writes (--files DIR)\n",
                         path.c_str());
            return 2;
        }
        std::fprintf(stderr, "vgen: wrote %s: %s\n", path.c_str(), file.about.c_str());
    }
    std::fwrite(snippet.text.data(), 1, snippet.text.size(), stdout);
    std::fwrite(built.notes.data(), 1, built.notes.size(), stderr);
    return 0;
}

}  // namespace vg::cli
