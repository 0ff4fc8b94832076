# Proof that the sanitizer build catches what it is there for (tests/sanitize/planted_bugs.cpp):
# each ctest passes only when the sanitizer reports the planted bug in that file and stops the
# program before it prints "let the program go on".
add_executable(vg_planted_bugs ${CMAKE_CURRENT_SOURCE_DIR}/tests/sanitize/planted_bugs.cpp)
# -O0: the optimizer may not drop or fold the planted read and addition.
target_compile_options(vg_planted_bugs PRIVATE -O0)
set_target_properties(vg_planted_bugs PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

find_program(VG_LLVM_SYMBOLIZER NAMES llvm-symbolizer-14 llvm-symbolizer HINTS /usr/lib/llvm-14/bin)
# The report must end the program with an error exit, not an abort signal, which ctest counts as a
# failure whatever the output says.
set(VG_PLANTED_ENV "ASAN_SYMBOLIZER_PATH=${VG_LLVM_SYMBOLIZER}" "ASAN_OPTIONS=halt_on_error=1:abort_on_error=0"
                   "UBSAN_OPTIONS=halt_on_error=1:abort_on_error=0")

add_test(NAME sanitizer_catches_planted_heap_read COMMAND vg_planted_bugs heap-read)
set_tests_properties(sanitizer_catches_planted_heap_read PROPERTIES
  ENVIRONMENT "${VG_PLANTED_ENV}"
  PASS_REGULAR_EXPRESSION "AddressSanitizer: heap-buffer-overflow[^\n]*\nREAD of size 1 [^\n]*\n *#0 [^\n]* in read_past_the_end[^\n]*planted_bugs.cpp:[0-9]+"
  FAIL_REGULAR_EXPRESSION "let the program go on")

add_test(NAME sanitizer_catches_planted_signed_overflow COMMAND vg_planted_bugs signed-overflow)
set_tests_properties(sanitizer_catches_planted_signed_overflow PROPERTIES
  ENVIRONMENT "${VG_PLANTED_ENV}"
  PASS_REGULAR_EXPRESSION "planted_bugs.cpp:[0-9]+:[0-9]+: runtime error: signed integer overflow"
  FAIL_REGULAR_EXPRESSION "let the program go on")

# What the sanitized suites of scripts/test.sh run (ctest and tests/cli on this build). test.sh
# builds it with fuzz_targets in one make (a core compiles fuzz targets while the other links the
# tests), so scripts/fuzz.sh, which starts beside those suites, finds its targets built.
add_custom_target(sanitized_tests DEPENDS vgen vgcore_c vg_core_tests vg_planted_bugs)
