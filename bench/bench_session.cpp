// Benchmark, the playground's keystroke: one character typed into the prompt of a request that
// carries a 9 MB inline image (Kling image-to-video, raw base64 as seed 001 sends it). What the
// playground does per form edit, through the request session (request_session.h):
//   session.set("/prompt", ...) + diagnostics(gateway dialect) + built(gateway dialect)
// and, reported apart, the editor's text for the same edit (text(aisdk), rendered when shown).
//   vg_bench_session [REPETITIONS=31]
// Prints JSON: {imageBytes, repetitions, medianEditMs, maxEditMs, medianEditorTextMs}, in
// milliseconds of this thread's CPU time (what a frame budget is about; wall time on a shared
// machine also counts other processes). A benchmark, not a test: nothing here asserts on speed.
#include "catalog/catalog.h"
#include "media/media.h"
#include "request/request_session.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

namespace {

// CPU time of the calling thread, in milliseconds.
double cpuMilliseconds() {
    timespec now{};
#ifdef __EMSCRIPTEN__
    clock_gettime(CLOCK_MONOTONIC, &now);  // no CPU clock in WebAssembly: wall time, on an idle machine
#else
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
#endif
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// A PNG header of 640 x 480 padded with zeros to `bytes`, as raw base64 (what media probing reads).
std::string paddedPngBase64(size_t bytes) {
    std::vector<uint8_t> data = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (uint32_t value : {640u, 480u})
        for (int shift = 24; shift >= 0; shift -= 8) data.push_back(static_cast<uint8_t>(value >> shift));
    for (uint8_t tail : {8, 2, 0, 0, 0, 0, 0, 0, 0}) data.push_back(tail);
    data.resize(bytes, 0);
    return vg::encodeBase64(data.data(), data.size());
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 31;
    const std::string image = paddedPngBase64(9 * 1000 * 1000 / 4 * 3);  // 9 MB of base64 text
    vg::RequestSession session(vg::builtinCatalog());
    session.reset({{"model", "klingai/kling-v2.6"}, {"mode", "i2v"}, {"prompt", "a lighthouse"}, {"image", image}});
    if (!session.built(vg::Dialect::Gateway).http) {
        std::cerr << "vg_bench_session: the benchmark request does not build for gateway\n";
        return 1;
    }
    std::string prompt = "a lighthouse";
    std::vector<double> edits, texts;
    for (int i = 0; i < repetitions; i++) {
        prompt += static_cast<char>('a' + i % 26);
        const double start = cpuMilliseconds();
        session.set("/prompt", prompt);
        const size_t diagnostics = session.diagnostics(vg::Dialect::Gateway).size();
        const bool built = session.built(vg::Dialect::Gateway).http.has_value();
        edits.push_back(cpuMilliseconds() - start);
        if (!built || diagnostics > 100) return 1;  // uses the answers, so nothing is optimised away
        const double textStart = cpuMilliseconds();
        const size_t textBytes = session.text(vg::Dialect::AiSdk).size();
        texts.push_back(cpuMilliseconds() - textStart);
        if (textBytes < image.size()) return 1;
    }
    nlohmann::ordered_json report = {{"imageBytes", image.size()},
                                     {"repetitions", repetitions},
                                     {"medianEditMs", median(edits)},
                                     {"maxEditMs", *std::max_element(edits.begin(), edits.end())},
                                     {"medianEditorTextMs", median(texts)}};
    std::cout << report.dump(2) << "\n";
    return 0;
}
