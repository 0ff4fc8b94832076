// Benchmark: what a big inline image costs the core (issue 10). Not a test: it asserts nothing.
//   vg_bench_big_request OUT_DIR [REPETITIONS=15]
// Writes two Kling image-to-video requests in the aisdk dialect that differ only in their image:
//   OUT_DIR/small.json  the image by URL
//   OUT_DIR/big.json    the image inline as raw base64 (Kling takes base64, not data URLs): a real
//                       PNG of random pixels (incompressible), 1280 x 1280 RGBA, 6.6 MB decoded and
//                       8.7 MB of base64, under Kling's 10 MB
// then times, on each, every core call the playground makes on an edit and `vgen validate` makes
// once, and prints the median of REPETITIONS runs in milliseconds of CPU time (the thread's, so
// that other work on a busy machine does not count): small, big and the difference.
// bench/big_request.sh also times the `vgen validate` process itself.
#include "api/api.h"
#include "media/media.h"
#include "catalog/catalog.h"
#include "dialects/dialect.h"
#include "text/json_input.h"
#include "png_encode.h"
#include "request/validate.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <time.h>
#include <vector>

namespace {

using vg::json;

constexpr int kSide = 1280;

json requestWithImage(const std::string& image) {
    return {{"model", "klingai/kling-v2.6-i2v"},
            {"prompt", {{"image", image}, {"text", "The lighthouse keeper climbs the stairs, lantern swinging"}}},
            {"duration", 5},
            {"providerOptions", {{"klingai", {{"mode", "std"}}}}}};
}

std::string noisePngBase64() {
    std::vector<uint8_t> pixels(size_t(kSide) * kSide * 4);
    std::mt19937 random(10);  // fixed seed: the same file on every run
    for (uint8_t& byte : pixels) byte = static_cast<uint8_t>(random());
    const std::vector<uint8_t> png = vg::encodePng(pixels.data(), kSide, kSide, vg::PngColor::Rgba8);
    return vg::encodeBase64(png.data(), png.size());
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

// Median CPU milliseconds of `repetitions` calls; one untimed call first.
double medianMs(int repetitions, const std::function<void()>& call) {
    call();
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        const double start = threadCpuMs();
        call();
        times.push_back(threadCpuMs() - start);
    }
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
}

// The inputs every step works on, prepared once per request so each step is timed alone.
struct Prepared {
    std::string text;
    json document;
    vg::Request request;
};

Prepared prepare(const std::string& text) {
    Prepared prepared{text, vg::parseJsonInput(text).value, {}};
    prepared.request = vg::parseRequest(vg::Dialect::AiSdk, prepared.document, vg::builtinCatalog()).request;
    return prepared;
}

struct Step {
    std::string name;
    std::function<void(const Prepared&)> run;
};

std::vector<Step> steps() {
    const vg::Catalog& catalog = vg::builtinCatalog();
    std::vector<Step> list = {
        {"parseJsonInput", [](const Prepared& p) { vg::parseJsonInput(p.text); }},
        {"parseRequest aisdk", [&catalog](const Prepared& p) { vg::parseRequest(vg::Dialect::AiSdk, p.document, catalog); }},
        {"validateRequest", [&catalog](const Prepared& p) { vg::validateRequest(p.request, catalog, "aisdk"); }},
    };
    for (vg::Dialect dialect : vg::kAllDialects) {
        list.push_back({std::string("buildRequest ") + vg::dialectName(dialect),
                        [&catalog, dialect](const Prepared& p) { vg::buildRequest(dialect, p.request, catalog); }});
    }
    list.push_back({"dump canonical (indent 2)", [](const Prepared& p) { (void)p.request.body.dump(2); }});
    list.push_back({"keystroke: validate + build gateway", [&catalog](const Prepared& p) {
                        vg::validateRequest(p.request, catalog, "gateway");
                        vg::buildRequest(vg::Dialect::Gateway, p.request, catalog);
                    }});
    list.push_back({"apiValidate (vgen validate)", [](const Prepared& p) { vg::apiValidate(p.text, "", false); }});
    return list;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: vg_bench_big_request OUT_DIR [REPETITIONS=15]\n");
        return 2;
    }
    const std::string outDir = argv[1];
    const int repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 15;
    const std::string small = requestWithImage("https://example.com/landscape.png").dump(2) + "\n";
    const std::string big = requestWithImage(noisePngBase64()).dump(2) + "\n";
    writeFile(outDir + "/small.json", small);
    writeFile(outDir + "/big.json", big);
    std::printf("small.json %zu bytes, big.json %zu bytes (in %s)\n", small.size(), big.size(), outDir.c_str());

    const Prepared smallRequest = prepare(small), bigRequest = prepare(big);
    std::printf("%-38s %10s %10s %10s   (median CPU ms of %d)\n", "step", "small", "big", "big-small", repetitions);
    for (const Step& step : steps()) {
        const double smallMs = medianMs(repetitions, [&] { step.run(smallRequest); });
        const double bigMs = medianMs(repetitions, [&] { step.run(bigRequest); });
        std::printf("%-38s %10.3f %10.3f %10.3f\n", step.name.c_str(), smallMs, bigMs, bigMs - smallMs);
    }
    return 0;
}
