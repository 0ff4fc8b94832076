// memcmp, memchr and memcpy for the headless WASM module (cmake/wasm_targets.cmake links this file
// into vgen_core only; native builds use the C library's). Emscripten 3.1.6's own are plain C
// built for any wasm32: musl's memcmp compares one byte at a time, its memchr four bytes at a
// time once aligned, and Emscripten's memcpy moves four-byte words only when source and
// destination share their alignment, else one byte at a time. The core calls them on short,
// unaligned pieces of the request all the time (string_view compares, key lookups, std::string
// appends), and under node --cpu-prof they were 16 % of a validate (memcpy 6.5 %, memchr 4.7 %,
// memcmp 4.6 %). These read and write eight bytes at a time whatever the alignment (WebAssembly
// allows unaligned access; V8 on x86 and ARM does it at full speed).
//
// Measured with the bench corpus (bash bench/run.sh's, 1,753 payloads), core.validate in one node
// process, the variants interleaved, 21 rounds of >= 0.5 s, payloads per CPU second (machine
// busy, load average 4): the C library's 148.3k; with all three 159.9k (+7.8 %); each alone:
// memcmp 151.1k, memchr 155.1k, memcpy 155.2k.
//
// Compiled with -fno-builtin (see wasm_targets.cmake), or the compiler would turn the loops below
// back into calls to the functions they define. The fixed-size __builtin_memcpy calls become
// single unaligned loads and stores.
#include <cstddef>
#include <cstdint>

namespace {

uint64_t load8(const unsigned char* at) {
    uint64_t word;
    __builtin_memcpy(&word, at, 8);
    return word;
}

}  // namespace

extern "C" {

int memcmp(const void* left, const void* right, size_t size) {
    const auto* l = static_cast<const unsigned char*>(left);
    const auto* r = static_cast<const unsigned char*>(right);
    // Whole words while they are equal; the first difference is then within the next eight bytes.
    for (; size >= 8 && load8(l) == load8(r); size -= 8, l += 8, r += 8) {
    }
    for (; size > 0; --size, ++l, ++r) {
        if (*l != *r) return *l - *r;
    }
    return 0;
}

void* memchr(const void* text, int wanted, size_t size) {
    const auto* at = static_cast<const unsigned char*>(text);
    const auto byte = static_cast<unsigned char>(wanted);
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighs = kOnes << 7;
    const uint64_t pattern = kOnes * byte;
    // A word holds the byte when one of its bytes XOR the pattern is zero (the classic test: a
    // zero byte is the only one whose high bit is set by subtracting one and clear in the byte).
    for (; size >= 8; size -= 8, at += 8) {
        const uint64_t word = load8(at) ^ pattern;
        if (((word - kOnes) & ~word & kHighs) != 0) break;
    }
    for (; size > 0; --size, ++at) {
        if (*at == byte) return const_cast<unsigned char*>(at);
    }
    return nullptr;
}

void* memcpy(void* __restrict destination, const void* __restrict source, size_t size) {
    auto* out = static_cast<unsigned char*>(destination);
    const auto* in = static_cast<const unsigned char*>(source);
    // Large blocks (an inline image of megabytes) as one memory.copy (bulk memory, compiled in for
    // this file only), which V8 runs as the host's memmove.
    if (size >= 256) {
        __builtin_memmove(out, in, size);
        return destination;
    }
    for (; size >= 8; size -= 8, out += 8, in += 8) {
        const uint64_t word = load8(in);
        __builtin_memcpy(out, &word, 8);
    }
    for (; size > 0; --size) *out++ = *in++;
    return destination;
}

}  // extern "C"
