# Native targets: the vgen CLI, the C ABI shared library for serve.py, tests and the benchmark.
# No link-time optimisation of the core (INTERPROCEDURAL_OPTIMIZATION), measured 2026-12-07 with a
# Release build: bench/instructions.sh 31,981 instructions a payload against 32,271 (-0.9 %),
# vg_bench_native 306k against 297k payloads/s (median of three interleaved runs of 1 s x 3 on a
# busy machine: within its noise); but every program linking the core then compiles it whole at
# its link: 17 s of CPU to link vg_bench_native against 0.2 s, for each of the seven programs that
# link it (vgen, libvgcore.so, the core tests, four benchmarks), more than the two minutes CI can
# spare.
file(GLOB VG_CLI_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/wasm/cli/*.cpp)
add_executable(vgen ${VG_CLI_SOURCES})
# big_blocks.cpp replaces the global operator new/delete: in a unity batch GCC inlines them into the
# other files' nlohmann code and reports a new/delete mismatch that is not there, so it stands alone.
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/wasm/cli/big_blocks.cpp PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
target_link_libraries(vgen PRIVATE vgcore)
set_target_properties(vgen PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
# vgen runs once per file (pre-commit hooks, shell loops), so its start is paid per file. Linked
# dynamically, the loader spent about 3 ms of a 5 ms `vgen limits` binding libstdc++'s symbols
# (LD_DEBUG=statistics: 88 % of its time in relocation); linked statically there is nothing to
# bind and `vgen limits` starts faster than /bin/true (bench/cli_start.sh, bench/README.md).
# Measured on the 2-core VM, CPU ms of `vgen limits`: dynamic 5.8, -static-libstdc++ -static-libgcc
# 4.3, -static-pie 3.0, -static 2.5; -static-pie relocates its own 1,500 pointers at every start,
# which is why plain -static (the executable's code at a fixed address; heap, stack and mappings
# stay randomized). vgen uses no NSS (no user or host lookups), the one caveat of a static glibc.
# Not for the sanitizer build: ASan and UBSan's runtimes need the dynamic loader (they refuse
# -static), and its vgen is for finding bugs, not for speed.
if(NOT VG_SANITIZE)
  target_link_options(vgen PRIVATE -static)
endif()

add_library(vgcore_c SHARED ${CMAKE_CURRENT_SOURCE_DIR}/wasm/c_abi/c_api.cpp)
target_link_libraries(vgcore_c PRIVATE vgcore)
set_target_properties(vgcore_c PROPERTIES OUTPUT_NAME vgcore LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

enable_testing()
find_package(GTest REQUIRED)
file(GLOB VG_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/core/*.cpp)
add_executable(vg_core_tests ${VG_TEST_SOURCES})
target_link_libraries(vg_core_tests PRIVATE vgcore vgcreative GTest::gtest GTest::gtest_main)
target_compile_definitions(vg_core_tests PRIVATE VG_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
                                                 VG_VGEN_PATH="$<TARGET_FILE:vgen>")
add_dependencies(vg_core_tests vgen)
# The tests' own code is compiled without optimisation (the core they call is built as shipped):
# half the compile time of -O3 for the same checks, and the suite runs in seconds either way. The
# sanitizer build keeps its -O1.
if(NOT VG_SANITIZE)
  target_compile_options(vg_core_tests PRIVATE -O0)
endif()
# One ctest per GoogleTest test, except on the sanitizer build: there a process costs about 0.4 s
# of start-up (the sanitizers' shadow memory, the leak check at exit), 160 s of CPU for the suite
# against 30 s for one process, so scripts/test.sh runs vg_core_tests there in two shards (a
# sanitizer report ends it, and the run, at the first bug).
if(NOT VG_SANITIZE)
  include(GoogleTest)
  gtest_discover_tests(vg_core_tests DISCOVERY_TIMEOUT 60)
endif()

# Benchmark (bench/run.sh runs it, bench/README.md explains it): the corpus generator and the
# native runtime's timing loop. Plain steady_clock loops, so the figures compare directly with the
# node side (bench/bench_node.mjs), which times the WASM module and Ajv the same way.
# The sanitizer build times nothing, so it skips them. (return() ends only this included file.)
if(VG_SANITIZE)
  return()
endif()
add_executable(vg_bench_corpus ${CMAKE_CURRENT_SOURCE_DIR}/bench/make_corpus.cpp)
target_link_libraries(vg_bench_corpus PRIVATE vgcore)
add_executable(vg_bench_native ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_native.cpp)
target_link_libraries(vg_bench_native PRIVATE vgcore)
# bench/big_request.sh: what a big inline image costs the core, per call and for `vgen validate`.
add_executable(vg_bench_big_request ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_big_request.cpp)
target_link_libraries(vg_bench_big_request PRIVATE vgcore vgcreative)
# The playground's keystroke with a 9 MB inline image, through the request session (bench/README.md).
add_executable(vg_bench_session ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_session.cpp)
target_link_libraries(vg_bench_session PRIVATE vgcore)
set_target_properties(vg_bench_corpus vg_bench_native vg_bench_big_request vg_bench_session
                      PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

foreach(target vgen vgcore_c vg_core_tests vg_bench_corpus vg_bench_native vg_bench_big_request vg_bench_session)
  vg_warnings(${target})
endforeach()
