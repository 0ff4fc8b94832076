# Native targets: the vgen CLI, the C ABI shared library for serve.py, tests and the benchmark.
add_executable(vgen ${CMAKE_CURRENT_SOURCE_DIR}/wasm/cli/main.cpp)
target_link_libraries(vgen PRIVATE vgcore)
set_target_properties(vgen PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

add_library(vgcore_c SHARED ${CMAKE_CURRENT_SOURCE_DIR}/wasm/headless/c_api.cpp)
target_link_libraries(vgcore_c PRIVATE vgcore)
set_target_properties(vgcore_c PROPERTIES OUTPUT_NAME vgcore LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

enable_testing()
find_package(GTest REQUIRED)
file(GLOB VG_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/core/*.cpp)
add_executable(vg_core_tests ${VG_TEST_SOURCES})
target_link_libraries(vg_core_tests PRIVATE vgcore GTest::gtest GTest::gtest_main)
target_compile_definitions(vg_core_tests PRIVATE VG_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
                                                 VG_VGEN_PATH="$<TARGET_FILE:vgen>")
add_dependencies(vg_core_tests vgen)
include(GoogleTest)
gtest_discover_tests(vg_core_tests DISCOVERY_TIMEOUT 60)

find_package(benchmark QUIET)
if(benchmark_FOUND AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_validate.cpp)
  add_executable(vg_bench_validate ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_validate.cpp)
  target_link_libraries(vg_bench_validate PRIVATE vgcore benchmark::benchmark)
endif()
