#!/usr/bin/env bash
# gtest_shards.sh BINARY N: runs a GoogleTest binary as N processes side by side, each one shard
# (GoogleTest's own GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX), and prints their outputs one after the
# other once all have ended. Exit status 0 only when every shard passed.
set -uo pipefail
if (($# != 2)) || ! [[ $2 =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: gtest_shards.sh BINARY N (N shards, at least 1)" >&2
    exit 2
fi
outputs=$(mktemp -d)
trap 'rm -rf "$outputs"' EXIT
pids=()
for ((shard = 0; shard < $2; shard++)); do
    GTEST_TOTAL_SHARDS=$2 GTEST_SHARD_INDEX=$shard "$1" >"$outputs/$shard.log" 2>&1 &
    pids+=($!)
done
status=0
for shard in "${!pids[@]}"; do wait "${pids[$shard]}" || status=1; done
for ((shard = 0; shard < $2; shard++)); do cat "$outputs/$shard.log"; done
exit $status
