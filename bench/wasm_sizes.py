"""What a .wasm holds: its sections' sizes, and its code by the library each function comes from.

    python3 bench/wasm_sizes.py build/wasm/playground.symbols build/wasm/site/playground.wasm [--top N]

The symbol map is the one emcc writes with --emit-symbol-map (cmake/playground.cmake keeps it as
build/wasm/<target>.symbols, out of the site). Function names (demangled by c++filt, binutils, where
emcc left them mangled) are grouped by where they come from: Dear ImGui, nlohmann/json, the C++ standard library, our core,
app and creative editors, the C library and Emscripten's runtime. --top N also lists the N largest
functions. A measurement: it prints, it asserts nothing.
"""

import argparse
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
                 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "data count", 13: "tag"}

# Where a demangled name comes from: the first pattern that matches it, in this order.
ORIGINS = [
    ("Dear ImGui", re.compile(r"^(ImGui|Im[A-Z]|stb_|stbtt|stbrp|STB_|ImStb)|\bImGui::")),
    ("nlohmann/json", re.compile(r"nlohmann::")),
    ("vg::core", re.compile(r"\bvg::(core|catalog|request|dialects|jobs|media)\b|^vg::(?!app|creative|web)")),
    ("vg::app", re.compile(r"\bvg::(app|web)\b|^\(anonymous namespace\)::")),  # main.cpp's own
    ("vg::creative", re.compile(r"\bvg::creative\b")),
    ("C++ standard library", re.compile(r"\bstd::|^__cxa|^__cxxabiv1|^operator (new|delete)|__gxx|_Unwind|libunwind|^__dynamic_cast")),
    ("GLFW and Emscripten runtime", re.compile(r"^(glfw|emscripten|_emscripten|stackSave|stackRestore|stackAlloc|__wasm|dynCall|legalstub)")),
]


def leb(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def skip_name(data: bytes, pos: int) -> int:
    length, pos = leb(data, pos)
    return pos + length


def skip_limits(data: bytes, pos: int) -> int:
    flags = data[pos]
    _, pos = leb(data, pos + 1)
    if flags & 1:
        _, pos = leb(data, pos)
    return pos


def read_module(data: bytes) -> tuple[dict[str, int], int, list[int]]:
    """Section sizes by name, the count of imported functions, and each defined function's body size."""
    if data[:4] != b"\0asm":
        raise ValueError("not a WebAssembly module (no \\0asm header)")
    sections: dict[str, int] = defaultdict(int)
    imported = 0
    bodies: list[int] = []
    pos = 8
    while pos < len(data):
        section_id = data[pos]
        size, start = leb(data, pos + 1)
        end = start + size
        sections[SECTION_NAMES.get(section_id, f"id {section_id}")] += end - pos
        if section_id == 2:  # imports: count the functions, skipping the rest by kind
            count, at = leb(data, start)
            for _ in range(count):
                at = skip_name(data, skip_name(data, at))
                kind = data[at]
                at += 1
                if kind == 0:
                    imported += 1
                    _, at = leb(data, at)
                elif kind == 1:
                    at = skip_limits(data, at + 1)
                elif kind == 2:
                    at = skip_limits(data, at)
                elif kind == 3:
                    at += 2
                elif kind == 4:
                    _, at = leb(data, at + 1)
        elif section_id == 10:
            count, at = leb(data, start)
            for _ in range(count):
                body, body_start = leb(data, at)
                bodies.append(body_start + body - at)
                at = body_start + body
        pos = end
    return dict(sections), imported, bodies


def demangled_names(symbols: Path) -> dict[int, str]:
    """index -> name. emcc writes names demangled with their punctuation escaped ("\\28" for "("),
    and a few mangled ones ("_ZN..."), which c++filt reads."""
    pairs = [line.split(":", 1) for line in symbols.read_text().splitlines() if ":" in line]
    names = [re.sub(r"\\([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), name) for _, name in pairs]
    plain = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True, text=True, check=True).stdout.splitlines()
    return {int(index): name for (index, _), name in zip(pairs, plain)}


def origin(name: str) -> str:
    for label, pattern in ORIGINS:
        if pattern.search(name):
            return label
    return "C library and the rest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("symbols", type=Path)
    parser.add_argument("wasm", type=Path)
    parser.add_argument("--top", type=int, default=0)
    args = parser.parse_args()
    data = args.wasm.read_bytes()
    sections, imported, bodies = read_module(data)
    names = demangled_names(args.symbols)
    total = len(data)
    print(f"{args.wasm}: {total:,} bytes")
    for name, size in sorted(sections.items(), key=lambda item: -item[1]):
        print(f"  section {name:<12} {size:>10,}  {100 * size / total:5.1f} %")
    by_origin: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    functions = []
    for i, size in enumerate(bodies):
        name = names.get(imported + i, f"(function {imported + i})")
        by_origin[origin(name)][0] += size
        by_origin[origin(name)][1] += 1
        functions.append((size, name))
    code = sum(bodies)
    print(f"code by origin ({code:,} bytes in {len(bodies):,} functions):")
    for label, (size, count) in sorted(by_origin.items(), key=lambda item: -item[1][0]):
        print(f"  {label:<28} {size:>10,}  {100 * size / code:5.1f} %  {count:>6,} functions")
    for size, name in sorted(functions, reverse=True)[:args.top]:
        print(f"  {size:>8,}  {name[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
