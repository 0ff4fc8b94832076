# libFuzzer targets of the sanitizer build (cmake/sanitize.cmake): one executable per file
# tests/fuzz/fuzz_<name>.cpp, linked with the core. The core carries libFuzzer's coverage hooks
# (fuzzer-no-link); in the CLI, the C ABI and the tests that link it they stay idle (the sanitizer
# runtime defines them), so one core build serves the fuzzers and the sanitized tests alike.
# scripts/fuzz.sh builds and runs them.
target_compile_options(vgcore PRIVATE -fsanitize=fuzzer-no-link)

file(GLOB VG_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp)
foreach(source ${VG_FUZZ_SOURCES})
  get_filename_component(target ${source} NAME_WE)
  add_executable(${target} ${source})
  target_link_libraries(${target} PRIVATE vgcore)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
  vg_warnings(${target})
endforeach()
