# libFuzzer targets (-DVG_FUZZ=ON, with CC=clang-14 CXX=clang++-14): one executable per file
# tests/fuzz/fuzz_<name>.cpp, linked with the core, everything built with ASan and UBSan (UBSan
# aborts, so undefined behaviour counts as a crash; so does a failed assertion). scripts/fuzz.sh
# builds and runs them.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "VG_FUZZ needs clang (libFuzzer): CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DVG_FUZZ=ON")
endif()

# -UNDEBUG: assertions stay on (nlohmann's JSON_ASSERT catches a const operator[] on a missing key).
set(VG_SANITIZE -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -UNDEBUG)
target_compile_options(vgcore PRIVATE ${VG_SANITIZE} -fsanitize=fuzzer-no-link)

file(GLOB VG_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp)
foreach(source ${VG_FUZZ_SOURCES})
  get_filename_component(target ${source} NAME_WE)
  add_executable(${target} ${source})
  target_link_libraries(${target} PRIVATE vgcore)
  target_compile_options(${target} PRIVATE ${VG_SANITIZE} -fsanitize=fuzzer)
  target_link_options(${target} PRIVATE ${VG_SANITIZE} -fsanitize=fuzzer)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
  vg_warnings(${target})
endforeach()
