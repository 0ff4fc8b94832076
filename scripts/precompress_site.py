"""Compresses the built page for serve.py, and says what each file weighs.

    python3 scripts/precompress_site.py SITE_DIR

Writes NAME.gz (gzip -9) and NAME.br (brotli -q 11, Debian's brotli) beside every file of SITE_DIR
that serve.py compresses (gateway/static_site.py COMPRESSIBLE), skipping those already newer than
their file, then prints each file's size as stored, gzipped and in brotli, largest first. The build
runs it on every site it assembles (cmake/playground.cmake). Exit status 1 when brotli is missing.
"""

import gzip
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gateway.static_site import COMPRESSIBLE, ENCODINGS, precompressed  # noqa: E402


def compress(path: Path, brotli: str) -> None:
    if precompressed(path, "gzip") is None:
        path.with_name(path.name + ENCODINGS["gzip"]).write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
    if precompressed(path, "br") is None:
        output = path.with_name(path.name + ENCODINGS["br"])
        subprocess.run([brotli, "--quality=11", "--force", "--output=" + str(output), str(path)], check=True)
        os.utime(output)  # brotli gives it the file's time cut to whole seconds: older than the file


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print("usage: precompress_site.py SITE_DIR (a built site folder)", file=sys.stderr)
        return 2
    brotli = shutil.which("brotli")
    if brotli is None:
        print("precompress_site.py: brotli not found: install Debian's brotli package (scripts/setup.sh does)",
              file=sys.stderr)
        return 1
    site = Path(argv[1])
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix.lower() in COMPRESSIBLE)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # brotli -q 11 takes seconds a wasm
        list(pool.map(lambda path: compress(path, brotli), files))
    rows = []
    for path in files:
        sizes = [path.stat().st_size] + [path.with_name(path.name + suffix).stat().st_size for suffix in ENCODINGS.values()]
        rows.append((str(path.relative_to(site)), *sizes))
    rows.sort(key=lambda row: -row[1])
    print(f"site {site}: {'bytes':>9} {'gzip':>9} {'brotli':>9}")
    for name, raw, br, gz in rows:
        print(f"  {name:<26} {raw:>9,} {gz:>9,} {br:>9,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
