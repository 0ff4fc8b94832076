// Bugs planted on purpose, built only in the sanitizer build (cmake/sanitizer_checks.cmake). ctest
// runs each one and passes only when the sanitizer reports it, at the line below, and stops the
// program: if a change of flags, compiler or options ever lets such a bug slip through silently,
// the test run goes red.
//   vg_planted_bugs heap-read      reads one byte past a heap block (AddressSanitizer)
//   vg_planted_bugs signed-overflow  overflows an int (UndefinedBehaviorSanitizer)
#include <cstdio>
#include <cstring>
#include <memory>

// The index comes from the command line so that no compiler can see the bug at build time.
static int read_past_the_end(int past) {
    std::unique_ptr<char[]> block(new char[16]);
    std::memset(block.get(), 'x', 16);
    return block[16 + past];  // planted: heap-buffer-overflow, one byte past the 16 allocated
}

static int overflow_int(int step) {
    int big = 2147483647 - 1;
    return big + step;  // planted: signed integer overflow when step >= 2
}

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: vg_planted_bugs heap-read|signed-overflow\n");
        return 2;
    }
    const bool heap = std::strcmp(argv[1], "heap-read") == 0;
    const int value = heap ? read_past_the_end(argc - 2) : overflow_int(argc);
    // Reached only when the sanitizer did not stop the program: the ctest fails on this line.
    std::printf("the sanitizer let the program go on (value %d)\n", value);
    return 0;
}
