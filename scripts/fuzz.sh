#!/usr/bin/env bash
# Fuzzes every core parser of outside bytes (tests/fuzz/fuzz_<target>.cpp) with libFuzzer under
# ASan and UBSan, for a bounded time, after replaying every crash ever found as a regression.
#   bash scripts/fuzz.sh            build/sanitize, about VG_FUZZ_SECONDS (default 180) of wall time
#   VG_FUZZ_SECONDS=1800 bash scripts/fuzz.sh      a longer run
# Per target: tests/fuzz/corpus/<target>/ is the seed corpus (read only; new inputs go to a
# temporary folder), tests/fuzz/crashes/<target>/ holds every crash found, replayed first. A new
# crash is copied there (commit it with its fix). Prints one line per target and ends with
#   N passed, M failed
# VG_FUZZ_JOBS targets run at once (default 2); VG_BUILD_DIR moves build/ as in build.sh.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
REPO=$PWD
BUILD=$REPO/${VG_BUILD_DIR:-build}/sanitize  # shared with the sanitized tests (build.sh sanitize)
SECONDS_TOTAL=${VG_FUZZ_SECONDS:-180}
JOBS=${VG_FUZZ_JOBS:-2}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

targets=()
for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
done

echo "[fuzz] build -> ${BUILD#"$REPO"/}"
if ! VG_JOBS=$JOBS bash scripts/build.sh sanitize "${targets[@]/#/fuzz_}" >"$BUILD.log" 2>&1; then
    tail -n 30 "$BUILD.log" 2>/dev/null
    echo "[fuzz] the fuzz build failed (clang-14 and libclang-rt-14-dev come from scripts/setup.sh)"
    echo "0 passed, 1 failed"
    exit 1
fi

# Two cores fuzz JOBS targets at once: each gets its share of the wall-time budget.
per_target=$(( SECONDS_TOTAL * JOBS / ${#targets[@]} ))
((per_target < 5)) && per_target=5
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Real media files seed the media probe. They are made here with ffmpeg (the repository keeps no
# media): a frame of PNG, JPEG, GIF and WebP (lossy, lossy with alpha, lossless), a tenth of a
# second of H.264 in MP4 and MOV, of VP8 in WebM, and of MP3 and WAV.
MEDIA_SEEDS=$WORK/media-seeds
make_media_seeds() {
    local color=(-f lavfi -i color=c=red:s=16x16:d=0.1) h264=(-c:v libx264 -pix_fmt yuv420p)
    mkdir -p "$MEDIA_SEEDS" &&
        ffmpeg -v error -y "${color[@]}" -frames:v 1 "$MEDIA_SEEDS/tiny.jpg" &&
        ffmpeg -v error -y "${color[@]}" -frames:v 1 "$MEDIA_SEEDS/tiny.gif" &&
        ffmpeg -v error -y "${color[@]}" -frames:v 1 "$MEDIA_SEEDS/tiny.png" &&
        ffmpeg -v error -y "${color[@]}" -frames:v 1 -c:v libwebp "$MEDIA_SEEDS/tiny.webp" &&
        ffmpeg -v error -y -f lavfi -i "color=c=red@0.5:s=16x16,format=rgba" -frames:v 1 -c:v libwebp \
            "$MEDIA_SEEDS/tiny_alpha.webp" &&
        ffmpeg -v error -y "${color[@]}" -frames:v 1 -c:v libwebp -lossless 1 "$MEDIA_SEEDS/tiny_lossless.webp" &&
        ffmpeg -v error -y "${color[@]}" -c:v libvpx "$MEDIA_SEEDS/tiny.webm" &&
        ffmpeg -v error -y -f lavfi -i sine=d=0.1 "$MEDIA_SEEDS/tiny.wav" &&
        ffmpeg -v error -y "${color[@]}" "${h264[@]}" "$MEDIA_SEEDS/tiny.mp4" &&
        ffmpeg -v error -y "${color[@]}" "${h264[@]}" "$MEDIA_SEEDS/tiny.mov" &&
        ffmpeg -v error -y -f lavfi -i sine=d=0.1 "$MEDIA_SEEDS/tiny.mp3"
}
if ! make_media_seeds; then
    echo "[fuzz] ffmpeg could not make the media seeds (scripts/setup.sh installs it): media_probe starts from its text seeds only"
    rm -rf "$MEDIA_SEEDS"
fi

# fuzz_one TARGET: replays its crash folder, then fuzzes; writes one result line to $WORK/TARGET.result.
fuzz_one() {
    local target=$1 binary=$BUILD/fuzz_$1 crashes=tests/fuzz/crashes/$1 corpus=tests/fuzz/corpus/$1
    local log=$WORK/$target.log runs replayed=0 found=() seeds=()
    [[ $target == media_probe && -d $MEDIA_SEEDS ]] && seeds=("$MEDIA_SEEDS")
    mkdir -p "$WORK/$target/corpus" "$WORK/$target/artifacts"
    if [[ -d $crashes ]] && compgen -G "$crashes/*" >/dev/null; then
        replayed=$(find "$crashes" -type f | wc -l)
        if ! "$binary" "$crashes"/* >"$WORK/$target.replay.log" 2>&1; then
            tail -n 40 "$WORK/$target.replay.log"
            echo "[fuzz] $target: FAILED, a kept crash in $crashes crashes again" >"$WORK/$target.result"
            return
        fi
    fi
    "$binary" -max_total_time="$per_target" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$WORK/$target/artifacts/" "$WORK/$target/corpus" "$corpus" "${seeds[@]}" >"$log" 2>&1
    local status=$?
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
    mapfile -t found < <(find "$WORK/$target/artifacts" -type f)
    if ((status != 0 || ${#found[@]} > 0)); then
        mkdir -p "$crashes"
        cp "${found[@]}" "$crashes"/ 2>/dev/null
        grep -aE 'ERROR|SUMMARY|runtime error|==[0-9]+==' "$log" | head -n 20
        echo "[fuzz] $target: FAILED after ${runs:-?} runs in ${per_target} s: ${#found[@]} new crash(es) kept in $crashes" \
            >"$WORK/$target.result"
    else
        echo "[fuzz] $target: passed, ${runs:-?} runs in ${per_target} s, no crash ($replayed kept crash(es) replayed)" \
            >"$WORK/$target.result"
    fi
}

echo "[fuzz] ${#targets[@]} targets, ${per_target} s each, $JOBS at a time"
for target in "${targets[@]}"; do
    while (($(jobs -rp | wc -l) >= JOBS)); do wait -n; done
    fuzz_one "$target" &
done
wait

passed=0
failed=0
for target in "${targets[@]}"; do
    line=$(cat "$WORK/$target.result" 2>/dev/null || echo "[fuzz] $target: FAILED, it did not report")
    echo "$line"
    if [[ $line == *": passed"* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
((failed == 0))
