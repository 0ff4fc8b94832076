# The ImGui playground (Emscripten only; included from wasm_targets.cmake).
# Output: build/wasm/site/ is the whole page: web/* next to playground.js and playground.wasm.
# serve.py serves that folder.

set(IMGUI_DIR ${CMAKE_CURRENT_SOURCE_DIR}/third_party/imgui-1.92.2b CACHE PATH "Dear ImGui source folder")
# A build folder configured before the move to 1.92 still caches set-up's old folder: it follows the new one.
if(IMGUI_DIR STREQUAL "${CMAKE_CURRENT_SOURCE_DIR}/third_party/imgui-1.86")
  set(IMGUI_DIR ${CMAKE_CURRENT_SOURCE_DIR}/third_party/imgui-1.92.2b CACHE PATH "Dear ImGui source folder" FORCE)
endif()
# The fonts the page's slices are cut from (wasm/app/ui/font_slices.txt): Debian's packages, which
# scripts/setup.sh installs. Without the UI and mono fonts the app keeps ImGui's built-in font
# (crisp, but plain and Latin only); without the CJK or emoji font, those characters draw as '?'.
set(VG_UI_FONT /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf CACHE FILEPATH "UI font (.ttf) cut into the site")
set(VG_MONO_FONT /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf CACHE FILEPATH "Monospace font (.ttf) cut into the site")
set(VG_CJK_FONT /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc CACHE FILEPATH "CJK font (.ttc/.otf) cut into the site")
set(VG_CJK_FONT_NUMBER 2 CACHE STRING "The face of VG_CJK_FONT the site uses (2: Noto Sans CJK SC)")
set(VG_EMOJI_FONT /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf CACHE FILEPATH "Emoji font (.ttf, outlines) cut into the site")

if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  message(WARNING "Dear ImGui not found in IMGUI_DIR=${IMGUI_DIR}: the playground is skipped. "
                  "Run scripts/setup.sh or pass -DIMGUI_DIR=/path/to/imgui-1.92.2b.")
  return()
endif()
# The playground codes against 1.92's dynamic font atlas and texture requests.
file(STRINGS ${IMGUI_DIR}/imgui.h VG_IMGUI_VERSION_LINE REGEX "^#define IMGUI_VERSION_NUM ")
string(REGEX MATCH "[0-9]+" VG_IMGUI_VERSION_NUM "${VG_IMGUI_VERSION_LINE}")
if(VG_IMGUI_VERSION_NUM LESS 19200)
  message(FATAL_ERROR "Dear ImGui in IMGUI_DIR=${IMGUI_DIR} is version ${VG_IMGUI_VERSION_NUM}; the playground needs "
                      "1.92 or later: run scripts/setup.sh, or pass -DIMGUI_DIR=/path/to/imgui-1.92.2b.")
endif()

set(VG_SITE_DIR ${CMAKE_BINARY_DIR}/site)

# The font slices: wasm/app/ui/font_slices.txt, one table for the files the site serves (each cut by
# Debian's pyftsubset to its slice's ranges, without hinting and layout tables, which ImGui does not
# read) and for the app's map from a character to its slice (generated/font_slices.inc). A slice
# whose source font is missing is left out of both.
set(VG_FONT_SLICES_FILE ${CMAKE_CURRENT_SOURCE_DIR}/wasm/app/ui/font_slices.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${VG_FONT_SLICES_FILE})
set(VG_FONT_SOURCE_ui ${VG_UI_FONT})
set(VG_FONT_SOURCE_mono ${VG_MONO_FONT})
set(VG_FONT_SOURCE_cjk ${VG_CJK_FONT})
set(VG_FONT_SOURCE_emoji ${VG_EMOJI_FONT})
set(VG_FONT_TARGET_ui Ui)
set(VG_FONT_TARGET_mono Mono)
find_program(VG_PYFTSUBSET pyftsubset)
if(NOT VG_PYFTSUBSET AND EXISTS ${VG_UI_FONT})
  message(FATAL_ERROR "pyftsubset not found: install Debian's fonttools package (scripts/setup.sh does)")
endif()
file(STRINGS ${VG_FONT_SLICES_FILE} VG_FONT_SLICE_LINES REGEX "^[^# ]")
set(VG_SITE_FONTS "")
set(VG_FONT_FILES_INC "")
set(VG_FONT_RANGES_INC "")
set(slice_index 0)
foreach(line ${VG_FONT_SLICE_LINES})
  string(REGEX REPLACE "[ \t]+" ";" fields "${line}")
  list(POP_FRONT fields slice)
  set(sources "")
  set(ranges "")
  foreach(field ${fields})
    if(field MATCHES "^[0-9A-F]+(-[0-9A-F]+)?$")
      list(APPEND ranges ${field})
    else()
      list(APPEND sources ${field})
    endif()
  endforeach()
  set(available TRUE)
  foreach(source ${sources})
    if(NOT DEFINED VG_FONT_SOURCE_${source})
      message(FATAL_ERROR "font_slices.txt: slice ${slice} names an unknown source '${source}'")
    endif()
    if(NOT EXISTS ${VG_FONT_SOURCE_${source}})
      set(available FALSE)
    endif()
  endforeach()
  if(NOT available)
    message(STATUS "Playground: font slice ${slice} left out (its source font is missing)")
    continue()
  endif()
  set(unicodes "")
  foreach(range ${ranges})
    list(APPEND unicodes "U+${range}")
    string(REGEX MATCH "^([0-9A-F]+)(-([0-9A-F]+))?$" parts ${range})
    set(last ${CMAKE_MATCH_3})
    if(NOT last)
      set(last ${CMAKE_MATCH_1})
    endif()
    string(APPEND VG_FONT_RANGES_INC "    {0x${CMAKE_MATCH_1}, 0x${last}, ${slice_index}},\n")
  endforeach()
  string(REPLACE ";" "," unicodes "${unicodes}")
  foreach(source ${sources})
    set(path ${VG_FONT_SOURCE_${source}})
    set(face "")
    set(extension ttf)
    if(path MATCHES "\\.(ttc|otf)$")
      set(extension otf)  # CFF outlines
    endif()
    if(path MATCHES "\\.ttc$")
      set(face --font-number=${VG_CJK_FONT_NUMBER})
    endif()
    set(name ${source}-${slice}.${extension})
    set(cut ${CMAKE_BINARY_DIR}/fonts/${name})
    add_custom_command(OUTPUT ${cut}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/fonts
      COMMAND ${VG_PYFTSUBSET} ${path} ${face} --unicodes=${unicodes} --output-file=${cut}
              --no-hinting --layout-features= --name-IDs= --drop-tables+=kern,GSUB,GPOS,GDEF,FFTM
      DEPENDS ${path} ${VG_FONT_SLICES_FILE}
      COMMENT "Cutting font slice ${name}")
    list(APPEND VG_SITE_FONTS ${cut})
    set(target Both)
    if(DEFINED VG_FONT_TARGET_${source})
      set(target ${VG_FONT_TARGET_${source}})
    endif()
    string(APPEND VG_FONT_FILES_INC "    {\"fonts/${name}\", FontTarget::${target}, ${slice_index}},\n")
  endforeach()
  math(EXPR slice_index "${slice_index} + 1")
endforeach()
file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/generated/font_slices.inc CONTENT
"// Generated by cmake/playground.cmake from wasm/app/ui/font_slices.txt; do not edit.
// The files each slice is served as, and the font they merge into.
// Each ends with an entry of slice -1 (an empty table is not C++).
const FontFile kFontFiles[] = {
${VG_FONT_FILES_INC}    {nullptr, FontTarget::Both, -1},
};
// Every slice's ranges, in the table's order.
const FontRange kFontRanges[] = {
${VG_FONT_RANGES_INC}    {0, 0, -1},
};
")
if(VG_SITE_FONTS)
  add_custom_target(playground_fonts DEPENDS ${VG_SITE_FONTS})
endif()
file(GLOB_RECURSE VG_APP_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/wasm/app/*.cpp)

# The GLSL files in shaders/ become a table in the module (wasm/app/gfx/shader_sources.h).
file(GLOB VG_SHADER_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/shaders/*.vert ${CMAKE_CURRENT_SOURCE_DIR}/shaders/*.frag)
set(VG_SHADER_SOURCES_CPP ${CMAKE_BINARY_DIR}/generated/shader_sources.cpp)
add_custom_command(OUTPUT ${VG_SHADER_SOURCES_CPP}
  COMMAND ${CMAKE_COMMAND} -DSHADER_DIR=${CMAKE_CURRENT_SOURCE_DIR}/shaders -DOUTPUT=${VG_SHADER_SOURCES_CPP}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_shaders.cmake
  DEPENDS ${VG_SHADER_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_shaders.cmake
  COMMENT "Embedding shaders/ into the playground")

# Two variants of the page share every object but four: the release one (site/, what run.sh serves)
# and, with -DVG_TEST_HOOKS=ON, the browser tests' one (site-test/), whose ImGui is compiled with
# its test-engine hooks (imconfig_vg.h) and which publishes every item's ID, label and rectangle
# (wasm/app/platform/test_hooks.cpp, bridged by platform_web.cpp). Release builds carry none of it.
# scripts/build.sh turns it on unless VG_TEST_HOOKS=OFF (scripts/run.sh: it serves site/ only).
option(VG_TEST_HOOKS "Also build the browser tests' page (site-test/) with ImGui's test-engine hooks" OFF)
set(VG_VARIANT_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/wasm/app/platform/test_hooks.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/wasm/app/platform/platform_web.cpp)
set(VG_SHARED_SOURCES ${VG_APP_SOURCES})
list(REMOVE_ITEM VG_SHARED_SOURCES ${VG_VARIANT_SOURCES})

# -fwasm-exceptions comes from wasm_targets.cmake (CMAKE_CXX_FLAGS, compile and link).
set(VG_PLAYGROUND_OPT -Oz -flto)
# What ImGui's sources and ours share: ImGui's headers, our settings for it (imconfig_vg.h; the
# ImGui sources stay untouched), the optimisation. ImGui's GLFW backend takes the input; the
# drawing is ours (wasm/app/gfx/imgui_renderer.h), not its OpenGL3 backend.
function(vg_imgui_settings target)
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/wasm/app ${CMAKE_BINARY_DIR}/generated)
  target_include_directories(${target} SYSTEM PRIVATE ${IMGUI_DIR} ${IMGUI_DIR}/backends ${IMGUI_DIR}/misc/cpp)
  target_compile_definitions(${target} PRIVATE IMGUI_USER_CONFIG="imconfig_vg.h")
  target_compile_options(${target} PRIVATE ${VG_PLAYGROUND_OPT})
endfunction()
# The core and the creative helpers once more, for the playground alone, compiled as the app is
# (-Oz -flto): vgcore and vgcreative are compiled -O3 without LTO, for the headless module's
# validation throughput (wasm_targets.cmake).
add_library(vgcore_playground STATIC ${VG_CORE_SOURCES} ${VG_BUILTIN_CATALOG})
add_dependencies(vgcore_playground vgcore)  # vgcore generates the catalog's snapshot: one writer only
add_library(vgcreative_playground STATIC ${VG_CREATIVE_SOURCES})
target_link_libraries(vgcreative_playground PUBLIC vgcore_playground)
foreach(library vgcore vgcreative)
  target_include_directories(${library}_playground PUBLIC $<TARGET_PROPERTY:${library},INTERFACE_INCLUDE_DIRECTORIES>)
  target_compile_options(${library}_playground PRIVATE ${VG_PLAYGROUND_OPT})
  vg_warnings(${library}_playground)
endforeach()

# The app's own sources (and the embedded shaders): our warnings, the core.
function(vg_playground_settings target)
  vg_imgui_settings(${target})
  target_link_libraries(${target} PRIVATE vgcore_playground vgcreative_playground)
  vg_warnings(${target})
endfunction()

add_library(playground_shared OBJECT ${VG_SHARED_SOURCES} ${VG_SHADER_SOURCES_CPP})
vg_playground_settings(playground_shared)
# ImGui's sources that no variant changes, with ImGui's own flags, one by one (as ImGui builds them).
add_library(imgui_shared OBJECT
  ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp)
vg_imgui_settings(imgui_shared)
set_target_properties(imgui_shared PROPERTIES UNITY_BUILD OFF)

# Closure (ADVANCED) minifies the page's JS glue. Emscripten 3.1.6 on Debian brings no Closure: the
# npm package pinned in package.json (scripts/setup.sh installs it), a release of January 2022 like
# this Emscripten's externs, whose flags it takes. Closure renames every property it does not know
# from outside, so the page objects that platform_web.cpp's EM_JS calls reach (window.VideoGen*:
# web/platform.js, web/videos.js, web/accessibility.js) and the methods they name become its
# externs here, read from that file at configure time: a new call needs no list kept by hand.
set(VG_CLOSURE_COMPILER ${CMAKE_CURRENT_SOURCE_DIR}/node_modules/.bin/google-closure-compiler)
if(NOT EXISTS ${VG_CLOSURE_COMPILER})
  message(FATAL_ERROR "Closure Compiler not found at ${VG_CLOSURE_COMPILER}: run scripts/setup.sh (npm ci)")
endif()
set(VG_PLATFORM_WEB_CPP ${CMAKE_CURRENT_SOURCE_DIR}/wasm/app/platform/platform_web.cpp)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${VG_PLATFORM_WEB_CPP})
file(READ ${VG_PLATFORM_WEB_CPP} VG_PLATFORM_WEB_SOURCE)
string(REGEX MATCHALL "VideoGen[A-Za-z]+\\.[A-Za-z0-9_]+" VG_PAGE_CALLS "${VG_PLATFORM_WEB_SOURCE}")
list(REMOVE_DUPLICATES VG_PAGE_CALLS)
list(SORT VG_PAGE_CALLS)
set(VG_PAGE_OBJECTS ${VG_PAGE_CALLS})
list(TRANSFORM VG_PAGE_OBJECTS REPLACE "\\..*" "")
list(REMOVE_DUPLICATES VG_PAGE_OBJECTS)
set(VG_PAGE_EXTERNS "")
foreach(object ${VG_PAGE_OBJECTS})
  string(APPEND VG_PAGE_EXTERNS "var ${object} = {};\n")
endforeach()
foreach(call ${VG_PAGE_CALLS})
  string(APPEND VG_PAGE_EXTERNS "/** @type {?} */ ${call};\n")
endforeach()
set(VG_CLOSURE_EXTERNS ${CMAKE_BINARY_DIR}/generated/closure_externs.js)
file(CONFIGURE OUTPUT ${VG_CLOSURE_EXTERNS} CONTENT
"// Generated by cmake/playground.cmake from wasm/app/platform/platform_web.cpp; do not edit.
/** @externs */
// The page's objects (web/*.js): what the EM_JS calls reach.
${VG_PAGE_EXTERNS}")

# The scripts index.html loads (web/; playground.js is the glue above), minified by Closure for the
# site: SIMPLE optimisations rename local names only, so every global and property the module, the
# tests and other pages use keeps its name: 55.6 -> 21.4 KB, 15.8 -> 7.5 KB in brotli before
# accessibility.js came. web/ keeps the readable files (node's tests import them); embed.js, which
# other sites load and whose comment is its manual, is served as written.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/index.html)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/web/index.html VG_PAGE_SCRIPTS REGEX "<script src=\"[A-Za-z0-9_]+\\.js\"")
list(TRANSFORM VG_PAGE_SCRIPTS REPLACE ".*<script src=\"([A-Za-z0-9_]+)\\.js\".*" "\\1")
list(REMOVE_ITEM VG_PAGE_SCRIPTS playground)
set(VG_MINIFIED_SCRIPTS "")
foreach(script ${VG_PAGE_SCRIPTS})
  set(minified ${CMAKE_BINARY_DIR}/web-min/${script}.js)
  add_custom_command(OUTPUT ${minified}
    COMMAND ${VG_CLOSURE_COMPILER} --compilation_level SIMPLE_OPTIMIZATIONS --language_in ECMASCRIPT_NEXT
            --language_out NO_TRANSPILE --emit_use_strict --js ${CMAKE_CURRENT_SOURCE_DIR}/web/${script}.js
            --js_output_file ${minified}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/${script}.js
    COMMENT "Minifying web/${script}.js")
  list(APPEND VG_MINIFIED_SCRIPTS ${minified})
endforeach()
add_custom_target(playground_scripts DEPENDS ${VG_MINIFIED_SCRIPTS})  # one writer for both sites

# The page's own files (web/): the split below loads them.
file(GLOB VG_WEB_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/*)

# vg_add_playground(TARGET SITE_DIR [DEFINITIONS...]): one variant, DEFINITIONS (e.g. VG_TEST_HOOKS=1)
# on its own sources and on the ImGui sources that read them (imgui.cpp, imgui_widgets.cpp).
# Linked into TARGET-linked/ and then split in two for SITE_DIR (TARGET_split, below).
function(vg_add_playground target site_dir)
  add_library(${target}_imgui OBJECT ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
  vg_imgui_settings(${target}_imgui)
  add_executable(${target} ${VG_VARIANT_SOURCES}
    $<TARGET_OBJECTS:playground_shared> $<TARGET_OBJECTS:imgui_shared> $<TARGET_OBJECTS:${target}_imgui>)
  vg_playground_settings(${target})
  if(ARGN)
    target_compile_definitions(${target}_imgui PRIVATE ${ARGN})
    target_compile_definitions(${target} PRIVATE ${ARGN})
  endif()
  target_link_options(${target} PRIVATE ${VG_PLAYGROUND_OPT}
    -sUSE_GLFW=3 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2
    -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0 -sENVIRONMENT=web
    # emmalloc, Emscripten's small allocator, instead of dlmalloc: 8.5 KB less wasm (2.2 KB in brotli);
    # first frame and typing (bench/first_frame.mjs, bench/interaction.mjs) measured no slower.
    -sMALLOC=emmalloc
    -sFETCH=1 -sFETCH_SUPPORT_INDEXEDDB=0
    # The platform layer hands strings between JS and C++ through the heap (events, sessionStorage);
    # web/platform.js copies them in with Module.allocateUTF8.
    "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']" "-sEXPORTED_RUNTIME_METHODS=['allocateUTF8']"
    # Function names for bench/wasm_sizes.py (what the wasm holds), kept out of the site below.
    --emit-symbol-map
    # The module comes out twice: instrumented to record which functions run, and as built (.orig);
    # TARGET_split splits the latter by the former's record of the first screen.
    -sSPLIT_MODULE=1 -Wno-experimental
    # wasm-opt repeats its -Oz passes until the module stops shrinking: 1.4 KB (1.1 KB in brotli).
    -sBINARYEN_EXTRA_PASSES=--converge
    # The JS glue through Closure (above): playground.js 91.8 KB -> 41.1 KB, 20.5 KB -> 12.9 KB in brotli.
    --closure 1 --closure-args=--externs=${VG_CLOSURE_EXTERNS})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${VG_CLOSURE_EXTERNS})
  # Linked to .js, never .html: emcc's HTML minifier crashes in 3.1.6 and the page is ours (web/).
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME playground
    SUFFIX ".js"
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/${target}-linked)
  # Emscripten's JS optimizer needs acorn, which Debian ships outside node's default search path;
  # EM_CLOSURE_COMPILER overrides its config's Closure (absent).
  set(launcher ${CMAKE_COMMAND} -E env EM_CLOSURE_COMPILER=${VG_CLOSURE_COMPILER})
  if(EXISTS /usr/share/nodejs/acorn)
    list(APPEND launcher NODE_PATH=/usr/share/nodejs)
  endif()
  set_target_properties(${target} PROPERTIES CXX_LINKER_LAUNCHER "${launcher}")

  # The split (scripts/split_playground.mjs): the page loaded in headless Chromium records which
  # functions its first screen runs; those make SITE_DIR/playground.wasm, the rest
  # playground.deferred.wasm, which web/deferred_wasm.js fetches when a person acts. A first visit
  # carries 213 KB of module in brotli instead of 344 KB. Redone when the module or the page
  # (web/, the fonts) changes; function names in TARGET.symbols and TARGET.deferred.symbols.
  add_custom_command(
    OUTPUT ${site_dir}/playground.wasm ${site_dir}/playground.deferred.wasm ${site_dir}/playground.js
    COMMAND ${CMAKE_COMMAND} -E make_directory ${site_dir}
    COMMAND node ${CMAKE_CURRENT_SOURCE_DIR}/scripts/split_playground.mjs ${CMAKE_BINARY_DIR}/${target}-linked
            ${site_dir} ${CMAKE_BINARY_DIR}/fonts ${CMAKE_BINARY_DIR}/${target}
    DEPENDS ${target} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/split_playground.mjs ${VG_WEB_FILES} ${VG_SITE_FONTS}
    COMMENT "Splitting ${target}'s module: what the first screen runs, and the rest")
  add_custom_target(${target}_split DEPENDS ${site_dir}/playground.wasm ${site_dir}/playground.deferred.wasm)
endfunction()

vg_add_playground(playground ${VG_SITE_DIR})

# The page shell (web/, its scripts minified) beside the module and the cut fonts, then every file
# compressed for serve.py (.br, .gz) and its weight printed (scripts/precompress_site.py). Runs on
# every build: copying a few files is cheaper than tracking them, and an edited page then never
# goes stale.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
function(vg_add_site target playground_target site_dir)
  set(copy ${CMAKE_COMMAND} -E copy_directory ${CMAKE_CURRENT_SOURCE_DIR}/web ${site_dir}
      COMMAND ${CMAKE_COMMAND} -E copy ${VG_MINIFIED_SCRIPTS} ${site_dir})
  if(VG_SITE_FONTS)
    list(APPEND copy COMMAND ${CMAKE_COMMAND} -E copy_if_different ${VG_SITE_FONTS} ${site_dir}/fonts)
  endif()
  add_custom_target(${target} ALL
    COMMAND ${CMAKE_COMMAND} -E make_directory ${site_dir}/fonts
    COMMAND ${copy}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/precompress_site.py ${site_dir}
    COMMENT "Assembling the playground site in ${site_dir}")
  add_dependencies(${target} ${playground_target}_split)
  add_dependencies(${target} playground_scripts)
  if(VG_SITE_FONTS)
    add_dependencies(${target} playground_fonts)
  endif()
  add_dependencies(${target} vgen_core)  # its POST_BUILD puts vgen_core.{js,wasm} in site/ first
endfunction()
vg_add_site(playground_site playground ${VG_SITE_DIR})

if(VG_TEST_HOOKS)
  set(VG_TEST_SITE_DIR ${CMAKE_BINARY_DIR}/site-test)
  vg_add_playground(playground_test ${VG_TEST_SITE_DIR} VG_TEST_HOOKS=1)
  vg_add_site(playground_test_site playground_test ${VG_TEST_SITE_DIR})
  # The test page serves the headless module too (web/embed.js loads it from its own folder).
  add_custom_command(TARGET playground_test POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory ${VG_TEST_SITE_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_FILE:vgen_core>
            ${CMAKE_BINARY_DIR}/vgen_core.wasm ${VG_TEST_SITE_DIR})
  add_dependencies(playground_test vgen_core)
endif()

# The bare ImGui page the first-frame benchmark compares with (a fixture: bench/hello/).
include(${CMAKE_CURRENT_SOURCE_DIR}/bench/hello/hello.cmake)
