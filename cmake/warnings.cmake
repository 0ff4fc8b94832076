# The warning flags of every target of ours, in one place: vg_warnings(TARGET) applies them to all
# of TARGET's sources. Third-party code (Dear ImGui's sources) is compiled in targets of its own
# (cmake/playground.cmake), which keep its own flags. Flags on the target, not on each source, so
# a target's sources can be compiled in unity batches (a source with options of its own cannot).
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
  target_compile_options(${target} PRIVATE ${VG_WARNING_FLAGS})
endfunction()
