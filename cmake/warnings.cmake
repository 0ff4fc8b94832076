# The warning flags of every target of ours, in one place: vg_warnings(TARGET) applies them to
# TARGET's own sources. Third-party sources compiled into a target (Dear ImGui in the playground)
# keep their own flags: a source under IMGUI_DIR or third_party/ is left as it is.
# -DVG_WERROR=OFF keeps the warnings but lets them pass (e.g. with a newer compiler than Debian 12's).
option(VG_WERROR "Treat warnings in the project's own sources as errors" ON)

# -Wall -Wextra -Wpedantic plus what the sources pass with real fixes: shadowed names, C casts,
# a base class without a virtual destructor, hidden virtual overloads, casts that raise alignment,
# format strings, switch fall-through; with gcc also repeated if-conditions and suspicious logic.
# Left out on purpose: -Wnull-dereference and -Wuseless-cast (gcc 12 reports them inside
# libstdc++/nlohmann at -O3, or for casts that wasm32 needs), -Wdouble-promotion (the editors mix
# ImGui's floats with the core's doubles by design), -Wconversion and -Wsign-conversion (24 findings
# in the core and creative alone, more in the app: a step of its own).
set(VG_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
                     -Wcast-align -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND VG_WARNING_FLAGS -Wduplicated-cond -Wlogical-op)
endif()
if(VG_WERROR)
  list(APPEND VG_WARNING_FLAGS -Werror)
endif()

function(vg_warnings target)
  get_target_property(sources ${target} SOURCES)
  foreach(source IN LISTS sources)
    if(source MATCHES "^\\$<")  # $<TARGET_OBJECTS:...>: those sources get their flags from their own target
      continue()
    endif()
    get_filename_component(path ${source} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(path MATCHES "/third_party/")
      continue()
    endif()
    if(IMGUI_DIR)
      cmake_path(IS_PREFIX IMGUI_DIR ${path} NORMALIZE in_imgui)
      if(in_imgui)
        continue()
      endif()
    endif()
    get_source_file_property(options ${path} COMPILE_OPTIONS)
    if(NOT "-Wall" IN_LIST options)  # a source shared by two targets gets the flags once
      set_property(SOURCE ${path} APPEND PROPERTY COMPILE_OPTIONS ${VG_WARNING_FLAGS})
    endif()
  endforeach()
endfunction()
