// vgen's allocator for big blocks: each block of 1 MB or more gets a mapping of its own, aligned
// to 2 MB and advised into transparent huge pages; smaller blocks go to malloc as before.
//
// Why: vgen runs once per file, so every block it allocates is fresh memory the kernel faults in
// page by page. A 9 MB inline image is copied once into the parsed document: in 4 KB pages that
// is 2,100 page faults, on a virtual machine several times the cost of validating the request; in
// 2 MB pages it is five. Replacing the global operator new/delete is how C++ lets a program choose
// its allocator; libstdc++'s array, sized and nothrow forms call these two.
//
// vgen is single-threaded: the table of live big blocks takes no lock. Sanitizer builds keep the
// sanitizer's own allocator, which must see every block.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define VG_SANITIZER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define VG_SANITIZER_ALLOCATOR 1
#endif

#if !defined(VG_SANITIZER_ALLOCATOR)

#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <new>

#include <sys/mman.h>

namespace {

constexpr size_t kBigBlockBytes = size_t(1) << 20;   // smaller blocks: malloc
constexpr size_t kHugePageBytes = size_t(2) << 20;  // x86-64 and arm64 transparent huge pages

struct BigBlock {
    void* start = nullptr;
    size_t bytes = 0;
};
BigBlock liveBlocks[32];  // a request holds a few big strings; beyond 32, malloc takes over
size_t liveCount = 0;

size_t roundUp(size_t value, size_t unit) { return (value + unit - 1) / unit * unit; }

// A fresh mapping of `size` bytes starting on a huge-page boundary, or null (then malloc is used).
void* mapBigBlock(size_t size) {
    if (liveCount == std::size(liveBlocks) || size > SIZE_MAX - 2 * kHugePageBytes) return nullptr;
    const size_t bytes = roundUp(size, kHugePageBytes);
    // Over-map by one huge page, then trim the ends, so the block starts on a 2 MB boundary.
    void* mapped = mmap(nullptr, bytes + kHugePageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return nullptr;
    const auto first = reinterpret_cast<uintptr_t>(mapped);
    const uintptr_t start = roundUp(first, kHugePageBytes);
    if (start > first) munmap(mapped, start - first);
    if (const uintptr_t end = first + bytes + kHugePageBytes; end > start + bytes)
        munmap(reinterpret_cast<void*>(start + bytes), end - (start + bytes));
    auto* block = reinterpret_cast<void*>(start);
    madvise(block, bytes, MADV_HUGEPAGE);  // advice only: without huge pages it faults 4 KB pages in
    liveBlocks[liveCount++] = {block, bytes};
    return block;
}

// Unmaps `pointer` when it is a live big block; false for a malloc block.
bool unmapBigBlock(void* pointer) {
    for (size_t i = 0; i < liveCount; ++i) {
        if (liveBlocks[i].start != pointer) continue;
        munmap(pointer, liveBlocks[i].bytes);
        liveBlocks[i] = liveBlocks[--liveCount];
        return true;
    }
    return false;
}

}  // namespace

void* operator new(size_t size) {
    if (size >= kBigBlockBytes)
        if (void* block = mapBigBlock(size)) return block;
    if (void* block = std::malloc(size ? size : 1)) return block;
    throw std::bad_alloc();
}

void operator delete(void* pointer) noexcept {
    if (liveCount != 0 && unmapBigBlock(pointer)) return;
    std::free(pointer);
}

void operator delete(void* pointer, size_t) noexcept { operator delete(pointer); }

#endif
