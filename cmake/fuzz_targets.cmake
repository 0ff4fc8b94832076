# libFuzzer targets of the sanitizer build (cmake/sanitize.cmake): one executable per file
# tests/fuzz/fuzz_<name>.cpp, linked with the core. The core carries libFuzzer's coverage hooks
# (fuzzer-no-link); in the CLI, the C ABI and the tests that link it they stay idle (the sanitizer
# runtime defines them), so one core build serves the fuzzers and the sanitized tests alike.
# scripts/fuzz.sh builds and runs them.
target_compile_options(vgcore_objects PRIVATE -fsanitize=fuzzer-no-link)

file(GLOB VG_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp)
set(VG_FUZZ_TARGETS)
foreach(source ${VG_FUZZ_SOURCES})
  get_filename_component(target ${source} NAME_WE)
  list(APPEND VG_FUZZ_TARGETS ${target})
  add_executable(${target} ${source})
  target_link_libraries(${target} PRIVATE vgcore)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
  vg_warnings(${target})
endforeach()
# Every fuzz target, for scripts/test.sh's sanitizer build (cmake/sanitizer_checks.cmake).
add_custom_target(fuzz_targets DEPENDS ${VG_FUZZ_TARGETS})
