// Benchmark, native runtime: vg::apiValidate(payload, dialect, true) over the corpus, the call
// behind `vgen validate --dialect D --json` (parse, validate, JSON report).
//   vg_bench_native CORPUS_JSONL [MIN_SECONDS=1] [REPETITIONS=5]
// One repetition validates the whole corpus again and again until MIN_SECONDS have passed; its
// rate is payloads validated / seconds. Prints JSON on stdout for bench/bench_node.mjs:
//   {runtime, payloads, repetitions: [{passes, seconds, payloadsPerSecond}], medianPayloadsPerSecond,
//    exitCodes: [one vgen exit code per corpus line, from the warm-up pass]}
#include "api/api.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Payload {
    std::string dialect;
    std::string text;
};

std::vector<Payload> readCorpus(const char* path) {
    std::vector<Payload> corpus;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        json entry = json::parse(line);
        corpus.push_back({entry.at("dialect").get<std::string>(), entry.at("payload").get<std::string>()});
    }
    return corpus;
}

// Validates every payload once. apiValidate lives in another translation unit of libvgcore.a (no
// LTO), so the compiler cannot drop the calls even though the results are not used. Never inlined:
// bench/instructions.sh counts the instructions of exactly this function's run.
[[gnu::noinline]] void validatePass(const std::vector<Payload>& corpus) {
    for (const Payload& payload : corpus) vg::apiValidate(payload.text, payload.dialect, true);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::cerr << "usage: vg_bench_native CORPUS_JSONL [MIN_SECONDS=1] [REPETITIONS=5]\n";
        return 2;
    }
    const double minSeconds = argc > 2 ? std::atof(argv[2]) : 1.0;
    const int repetitions = argc > 3 ? std::atoi(argv[3]) : 5;
    const std::vector<Payload> corpus = readCorpus(argv[1]);
    if (corpus.empty() || repetitions < 1) {
        std::cerr << "vg_bench_native: empty corpus " << argv[1] << " or no repetitions\n";
        return 2;
    }

    // Warm-up: loads the catalog once (builtinCatalog is lazy) and records each payload's verdict.
    json exitCodes = json::array();
    for (const Payload& payload : corpus) exitCodes.push_back(vg::apiValidate(payload.text, payload.dialect, true).exitCode);

    json runs = json::array();
    std::vector<double> rates;
    for (int repetition = 0; repetition < repetitions; ++repetition) {
        const Clock::time_point start = Clock::now();
        size_t passes = 0;
        double seconds = 0;
        do {
            validatePass(corpus);
            ++passes;
            seconds = std::chrono::duration<double>(Clock::now() - start).count();
        } while (seconds < minSeconds);
        const double rate = static_cast<double>(passes * corpus.size()) / seconds;
        rates.push_back(rate);
        runs.push_back({{"passes", passes}, {"seconds", seconds}, {"payloadsPerSecond", rate}});
    }
    std::nth_element(rates.begin(), rates.begin() + rates.size() / 2, rates.end());

    json report = {{"runtime", "native"},
                   {"payloads", corpus.size()},
                   {"repetitions", runs},
                   {"medianPayloadsPerSecond", rates[rates.size() / 2]},
                   {"exitCodes", exitCodes}};
    std::cout << report.dump() << "\n";
    return 0;
}
