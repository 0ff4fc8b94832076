# A benchmark fixture, built with the playground (included at the end of cmake/playground.cmake, so
# only when ImGui is there): the bare Dear ImGui page of bench/hello/ in build/wasm/hello-site/
# (index.html, hello_glue.js, hello.{js,wasm}, compressed for serve.py as the playground's site is).
# bench/first_frame.mjs compares the playground's first interactive frame with this page's.
# Same toolchain and optimisation as the playground (VG_PLAYGROUND_OPT, -fwasm-exceptions from
# wasm_targets.cmake); ImGui's default settings (imconfig.h) and its stock GLFW and OpenGL3 backends.
set(VG_HELLO_SITE_DIR ${CMAKE_BINARY_DIR}/hello-site)

add_library(vg_hello_imgui OBJECT
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
set_target_properties(vg_hello_imgui PROPERTIES UNITY_BUILD OFF)

add_executable(vg_hello ${CMAKE_CURRENT_SOURCE_DIR}/bench/hello/main.cpp $<TARGET_OBJECTS:vg_hello_imgui>)
vg_warnings(vg_hello)
foreach(target vg_hello_imgui vg_hello)
  target_include_directories(${target} SYSTEM PRIVATE ${IMGUI_DIR} ${IMGUI_DIR}/backends)
  target_compile_definitions(${target} PRIVATE IMGUI_IMPL_OPENGL_ES3)  # WebGL2: "#version 300 es"
  target_compile_options(${target} PRIVATE ${VG_PLAYGROUND_OPT})
endforeach()
target_link_options(vg_hello PRIVATE ${VG_PLAYGROUND_OPT}
  -sUSE_GLFW=3 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0 -sENVIRONMENT=web
  --emit-symbol-map)  # function names for a profile (bench/first_frame.mjs VG_PROFILE=1), moved out of the site
add_custom_command(TARGET vg_hello POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E rename ${VG_HELLO_SITE_DIR}/hello.js.symbols ${CMAKE_BINARY_DIR}/hello.symbols)
set_target_properties(vg_hello PROPERTIES OUTPUT_NAME hello SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${VG_HELLO_SITE_DIR})
if(EXISTS /usr/share/nodejs/acorn)
  set_target_properties(vg_hello PROPERTIES CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
endif()

add_custom_target(vg_hello_site ALL
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_CURRENT_SOURCE_DIR}/bench/hello/index.html
          ${CMAKE_CURRENT_SOURCE_DIR}/bench/hello/hello_glue.js ${VG_HELLO_SITE_DIR}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/precompress_site.py ${VG_HELLO_SITE_DIR}
  DEPENDS vg_hello
  COMMENT "Assembling the ImGui hello page (benchmark fixture) in ${VG_HELLO_SITE_DIR}")
