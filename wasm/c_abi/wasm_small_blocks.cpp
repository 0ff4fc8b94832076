// The global operator new and delete of the headless WASM module (cmake/wasm_targets.cmake links
// this file into vgen_core only; vgen has its own, wasm/cli/big_blocks.cpp). A validate allocates
// and frees hundreds of small blocks (strings, vectors, tree nodes) and Emscripten's dlmalloc was
// 6 % of it under node --cpu-prof (dlmalloc, dlfree, operator new). Blocks of up to 256 bytes are
// rounded up to a multiple of 16 and, once freed, kept on a list of their size for the next
// allocation of that size: popping a list is far less work than dlmalloc's bins, and the module
// has one thread (no locks). Larger blocks go straight to malloc.
//
// What it costs: a header of 8 bytes a block (the size class, so that an unsized delete knows
// it), and memory kept for a class is not lent to another. At most kMostKept blocks a class are
// kept (under 0.6 MB over all classes); beyond that they go back to malloc, so a request
// that needed very many small blocks at once returns them.
//
// Measured with the bench corpus (bash bench/run.sh's, 1,753 payloads), core.validate in one node
// process, interleaved with the module without it, 25 rounds of >= 0.5 s, payloads per CPU second
// (machine busy, load average 4 to 7): 162.1k -> 170.4k and 163.4k -> 172.7k (+5 to 6 %); with no
// limit on the blocks kept 172.3k and 172.1k, so the limit costs nothing measurable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

// The header keeps what malloc returns aligned as operator new must (max_align_t: 8 bytes here).
constexpr size_t kHeader = alignof(std::max_align_t);
static_assert(kHeader >= sizeof(uint32_t));
constexpr size_t kGranule = 16;
constexpr size_t kClasses = 16;  // 16, 32, ..., 256 bytes
constexpr uint32_t kLarge = 0;   // the header of a block malloc'd to its own size
constexpr size_t kMostKept = 256;

struct FreeBlock {
    FreeBlock* next;
};

struct SizeClass {
    FreeBlock* first = nullptr;
    size_t kept = 0;
};
SizeClass classes[kClasses + 1];  // [1..kClasses]

void* fromMalloc(size_t bytes, uint32_t sizeClass) {
    auto* raw = static_cast<unsigned char*>(std::malloc(kHeader + bytes));
    if (!raw) return nullptr;
    *reinterpret_cast<uint32_t*>(raw) = sizeClass;
    return raw + kHeader;
}

void* allocate(size_t size) {
    if (size > kClasses * kGranule) return fromMalloc(size, kLarge);
    const auto sizeClass = static_cast<uint32_t>(size == 0 ? 1 : (size + kGranule - 1) / kGranule);
    SizeClass& list = classes[sizeClass];
    if (FreeBlock* block = list.first) {
        list.first = block->next;
        --list.kept;
        return block;
    }
    return fromMalloc(sizeClass * kGranule, sizeClass);
}

void release(void* pointer) {
    if (!pointer) return;
    unsigned char* raw = static_cast<unsigned char*>(pointer) - kHeader;
    const uint32_t sizeClass = *reinterpret_cast<const uint32_t*>(raw);
    if (sizeClass == kLarge || classes[sizeClass].kept >= kMostKept) {
        std::free(raw);
        return;
    }
    SizeClass& list = classes[sizeClass];
    list.first = new (pointer) FreeBlock{list.first};
    ++list.kept;
}

void* allocateOrThrow(size_t size) {
    if (void* pointer = allocate(size)) return pointer;
    throw std::bad_alloc();
}

}  // namespace

void* operator new(size_t size) { return allocateOrThrow(size); }
void* operator new[](size_t size) { return allocateOrThrow(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void operator delete(void* pointer) noexcept { release(pointer); }
void operator delete[](void* pointer) noexcept { release(pointer); }
void operator delete(void* pointer, size_t) noexcept { release(pointer); }
void operator delete[](void* pointer, size_t) noexcept { release(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { release(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { release(pointer); }
