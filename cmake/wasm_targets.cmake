# Emscripten targets: the headless WASM module (build/wasm/vgen_core.{js,wasm}: the core plus the
# C ABI of wasm/c_abi/c_api.h, for node and pages that only validate) and, from
# cmake/playground.cmake, the ImGui playground.

# Exceptions are ignored by default in Emscripten: a throw would skip every catch and escape to
# JS. Appending to CMAKE_CXX_FLAGS (read when the directory is generated) turns them on for every
# target here, vgcore included; CMake passes these flags to the link step too. WebAssembly's own
# exception handling, not Emscripten's JavaScript emulation (-fexceptions), which routes each call
# that may throw through a JavaScript trampoline: with it the playground's wasm was 22% larger
# (1.59 MB against 1.31 MB) and the headless module's 31% (1.12 MB against 0.85 MB), and every such
# call went out to JavaScript and back. Chromium has it since 95, node since 17.
# No RTTI: nothing here asks for typeid or dynamic_cast, and the exceptions we throw and catch keep
# theirs (the compiler still emits it for thrown types). Without it the vtables and every
# std::function lose their type names: the playground's wasm 7.6 KB smaller (1.8 KB in brotli).
# SIMD128: the JSON scanner finds the end of a string's plain run sixteen bytes at a time with it
# (text/json_scan.h), eight without. Measured with bench/run.sh's corpus, core.validate in one node
# process, the two builds interleaved, three runs of 7 rounds: 250.5k/252.9k/246.8k payloads/s
# without, 256.8k/257.1k/254.5k with (+2.5 %). Every engine the playground and the module are for
# runs it (Chromium 91, Firefox 89, Safari 16.4, node 16.4; a Baseline feature since 2023).
string(APPEND CMAKE_CXX_FLAGS " -fwasm-exceptions -fno-rtti -msimd128")

add_executable(vgen_core ${CMAKE_CURRENT_SOURCE_DIR}/wasm/c_abi/c_api.cpp
                         ${CMAKE_CURRENT_SOURCE_DIR}/wasm/c_abi/wasm_string_functions.cpp
                         ${CMAKE_CURRENT_SOURCE_DIR}/wasm/c_abi/wasm_small_blocks.cpp)
# Its own operator new and delete, small blocks kept on lists by size (that file says why, with
# figures); alone, as a replaced global allocator should be, not in a unity batch.
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/wasm/c_abi/wasm_small_blocks.cpp PROPERTIES
  SKIP_UNITY_BUILD_INCLUSION ON)
# memcmp, memchr and memcpy eight bytes at a time instead of the C library's (that file says why,
# with figures). -fno-builtin keeps the compiler from compiling their loops into calls to
# themselves, so the file stays out of the unity batch; -mbulk-memory lets memcpy hand large
# blocks to memory.copy (every engine since 2021: Chromium 75, Firefox 79, Safari 15, node 12.5).
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/wasm/c_abi/wasm_string_functions.cpp PROPERTIES
  SKIP_UNITY_BUILD_INCLUSION ON
  COMPILE_OPTIONS "-fno-builtin;-mbulk-memory")
target_link_libraries(vgen_core PRIVATE vgcore)
set_target_properties(vgen_core PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
vg_warnings(vgen_core)
# -O3, not -Oz: validation throughput is benchmarked and nlohmann parses about 4x faster
# (46 vs 11.5 MB/s measured with this toolchain). Size cost: see README ("Headless module").
# Measured with bench/bench_node.mjs (issue 15), the core built two ways, runs interleaved: -O3
# 44.9k and 41.4k payloads/s, -O2 43.7k and 42.4k.
# Measured again 2026-12-07 and not kept, none being a gain beyond the noise: bench/run.sh's corpus
# (1,753 payloads), core.validate in one node process, the builds interleaved, 25 rounds of >= 0.5 s,
# median payloads per CPU second (2-core VM, load average 2.5 to 3): the build as it is 136.6k;
# -flto on the core and at the link 137.2k (+0.4 %; every program linking the core would then
# optimise it whole at its link); -mbulk-memory everywhere 137.9k (+1 %: the C library and libc++
# come prebuilt without it, so only our own inlined copies change; wasm_string_functions.cpp takes
# what was to win there); -sMALLOC=emmalloc 129.8k (-5 %: smaller than dlmalloc, slower); on top
# of the string functions, -fno-math-errno -mnontrapping-fptoint 168.0k against 169.0k.
target_compile_options(vgen_core PRIVATE -O3)
# The vg_*_reply forms of the C ABI: web/vgen_core.mjs reads each answer where the core left it (no
# malloc'd copy, no vg_free, no search for the NUL); malloc and free for its argument buffer.
set(VG_HEADLESS_EXPORTS _vg_catalog_reply,_vg_limits_reply,_vg_codes_reply,_vg_dialect_facts_reply,_vg_validate_reply,_vg_parse_reply,_vg_build_reply,_vg_convert_reply,_vg_schema_reply,_malloc,_free)
target_link_options(vgen_core PRIVATE
  -O3
  -sMODULARIZE=1
  -sEXPORT_NAME=createVgenCore
  "-sEXPORTED_FUNCTIONS=[${VG_HEADLESS_EXPORTS}]"
  "-sEXPORTED_RUNTIME_METHODS=[lengthBytesUTF8]"
  -sALLOW_MEMORY_GROWTH=1
  -sFILESYSTEM=0
  -sENVIRONMENT=web,node)

# The page serves the module too: web/embed.js loads it (window.VideoGen) from its own folder, site/.
add_custom_command(TARGET vgen_core POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/site
  COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_FILE:vgen_core>
          ${CMAKE_BINARY_DIR}/vgen_core.wasm ${CMAKE_BINARY_DIR}/site)

include(${CMAKE_CURRENT_SOURCE_DIR}/cmake/playground.cmake OPTIONAL)
