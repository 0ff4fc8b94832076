# The sanitizer build (-DVG_SANITIZE=ON with CC=clang-14 CXX=clang++-14; `scripts/build.sh
# sanitize` builds build/sanitize): every target below, core included, under AddressSanitizer and
# UndefinedBehaviorSanitizer. Included before the first target, because add_compile_options only
# reaches targets made after it. Any report ends the program (-fno-sanitize-recover=all, and ASan
# halts on its first error), so a test that trips a sanitizer fails.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "VG_SANITIZE needs clang (libFuzzer): CC=clang-14 CXX=clang++-14 cmake -S . -B build/sanitize -DVG_SANITIZE=ON")
endif()

# -gline-tables-only: the file and line of every frame in a report, for about a third less compile
# time than full -g (this build is on the test run's critical path).
# -UNDEBUG: assertions stay on (nlohmann's JSON_ASSERT catches a const operator[] on a missing
# key); target options come after the build type's -DNDEBUG on the command line, so this wins.
# -O1 (after the build type's -O3, so it wins): what the sanitizers' authors advise (reports
# stay readable, few false negatives from folded code), at about half -O3's compile time.
add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
                    -gline-tables-only -UNDEBUG -O1)
add_link_options(-fsanitize=address,undefined)
