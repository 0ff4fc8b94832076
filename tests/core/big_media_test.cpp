// Issue 10: a big inline image (Kling takes 10 MB) must cost the core about one copy of its text
// per request it builds, not a decode, a re-lex and copies at every step: the playground runs
// validate and build on every keystroke. Counted as bytes allocated by each call, which says the
// same on any machine (a timed test would not; bench/big_request.sh has the times).

#include "catalog/catalog.h"
#include "dialects/dialect.h"
#include "text/json_input.h"
#include "media/media.h"
#include "png_encode.h"
#include "request/validate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <vector>

namespace {

std::atomic<bool> counting{false};
std::atomic<size_t> allocatedBytes{0};

void* allocate(size_t size) {
    if (counting) allocatedBytes += size;
    if (void* memory = std::malloc(size ? size : 1)) return memory;
    throw std::bad_alloc();
}

}  // namespace

// Every allocation of this test program goes through these, so a test can count what a call takes.
void* operator new(size_t size) { return allocate(size); }
void* operator new[](size_t size) { return allocate(size); }
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete[](void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, size_t) noexcept { std::free(memory); }
void operator delete[](void* memory, size_t) noexcept { std::free(memory); }

namespace vg {
namespace {

// Bytes allocated while `call` runs (freed or not).
template <typename Call>
size_t bytesAllocatedBy(Call&& call) {
    allocatedBytes = 0;
    counting = true;
    call();
    counting = false;
    return allocatedBytes;
}

// A real PNG of random pixels, so it cannot shrink: 512 x 512 RGBA, 1 MB, 1.4 MB of base64.
const std::vector<uint8_t>& png() {
    static const std::vector<uint8_t> file = [] {
        std::vector<uint8_t> pixels(512 * 512 * 4);
        std::mt19937 random(10);
        for (uint8_t& byte : pixels) byte = static_cast<uint8_t>(random());
        return encodePng(pixels.data(), 512, 512, PngColor::Rgba8);
    }();
    return file;
}

const std::string& image() {
    static const std::string base64 = encodeBase64(png().data(), png().size());
    return base64;
}

constexpr size_t kHeaderBudget = 64 * 1024;  // reading a header, diagnostics and small members

TEST(BigInlineMedia, ProbingReadsTheHeaderNotADecodedCopy) {
    MediaInfo raw, dataUrl;
    const std::string asDataUrl = "data:image/png;base64," + image();
    EXPECT_LT(bytesAllocatedBy([&] { raw = probeMediaValue(image()); }), kHeaderBudget);
    EXPECT_LT(bytesAllocatedBy([&] { dataUrl = probeMediaValue(asDataUrl); }), kHeaderBudget);
    for (const MediaInfo& info : {raw, dataUrl}) {
        EXPECT_EQ(info.problem, "");
        EXPECT_EQ(info.format, "png");
        EXPECT_EQ(info.width, 512);
        EXPECT_EQ(info.height, 512);
        EXPECT_EQ(info.byteSize, png().size());
    }
}

TEST(BigInlineMedia, ReadingAndValidatingCopyTheImageOnce) {
    const std::string text = R"({"model": "klingai/kling-v2.6-i2v", "prompt": {"image": ")" + image() +
                             R"(", "text": "The keeper climbs the stairs"}, "duration": 5})";
    const size_t oneCopy = image().size() + image().size() / 2;  // the image once, and room to spare
    const Catalog& catalog = builtinCatalog();                    // loaded once, before counting
    JsonInput document;
    EXPECT_LT(bytesAllocatedBy([&] { document = parseJsonInput(text); }), oneCopy);
    ASSERT_FALSE(document.error) << document.error->message;

    ParseOutcome parsed;
    EXPECT_LT(bytesAllocatedBy([&] { parsed = parseRequest(Dialect::AiSdk, document.value, catalog); }),
              oneCopy);
    ASSERT_TRUE(parsed.usable);
    EXPECT_EQ(parsed.request.body["image"], image());

    Diagnostics found;
    EXPECT_LT(bytesAllocatedBy([&] { found = validateRequest(parsed.request, catalog, "aisdk"); }),
              kHeaderBudget);
    EXPECT_FALSE(hasErrors(found));
}

TEST(BigInlineMedia, EachBuildCopiesTheImageOnce) {
    Request request;
    request.body = {{"model", "klingai/kling-v2.6-i2v"}, {"prompt", "The keeper climbs the stairs"}, {"image", image()}};
    const size_t oneCopy = image().size() + image().size() / 2;
    const Catalog& catalog = builtinCatalog();
    for (Dialect dialect : kAllDialects) {
        SCOPED_TRACE(dialectName(dialect));
        BuildOutcome built;
        EXPECT_LT(bytesAllocatedBy([&] { built = buildRequest(dialect, request, catalog); }), oneCopy);
        if (!built.http) continue;
        const std::string body = built.http->body.dump();
        EXPECT_NE(body.find(image()), std::string::npos) << "the image is carried whole";
    }
}

}  // namespace
}  // namespace vg
