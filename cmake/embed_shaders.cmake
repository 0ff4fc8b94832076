# Writes OUTPUT: a C++ source with every GLSL file in SHADER_DIR (*.vert, *.frag) as a table
# vg::app::kShaderSources {file name, text}, read by wasm/app/gfx/gl_preview.cpp. The shaders stay
# plain files in shaders/ (editable, lintable); the page needs no extra request for them.
file(GLOB VG_SHADER_FILES ${SHADER_DIR}/*.vert ${SHADER_DIR}/*.frag)
list(SORT VG_SHADER_FILES)
set(VG_DELIM "vgshader")
set(VG_ENTRIES "")
foreach(VG_FILE ${VG_SHADER_FILES})
  get_filename_component(VG_NAME ${VG_FILE} NAME)
  file(READ ${VG_FILE} VG_TEXT)
  # The comments explain the shaders to their readers, not to the GPU: cut from the page's copy
  # (4.3 KB of the wasm, 1.6 KB in brotli). Their lines stay, empty, so a compile error's line
  # number is still the file's.
  string(REGEX REPLACE "[ \t]*//[^\n]*" "" VG_TEXT "${VG_TEXT}")
  string(APPEND VG_ENTRIES "    {\"${VG_NAME}\", R\"${VG_DELIM}(${VG_TEXT})${VG_DELIM}\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from ${SHADER_DIR}; do not edit.\n#include \"gfx/shader_sources.h\"\nnamespace vg::app {\nconst std::vector<ShaderSource> kShaderSources = {\n${VG_ENTRIES}};\n}\n")
# Rewritten only when different, so an unchanged set of shaders does not relink the page.
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
