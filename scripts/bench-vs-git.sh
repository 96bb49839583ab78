#!/usr/bin/env bash
# Times a whole-process `peaceplan diff --format json` against `git diff --no-index --word-diff=porcelain`
# on the same synthetic pair (N points; git gets the texts one point per line), side by side, and prints
# the ratio. Usage: scripts/bench-vs-git.sh [N] [RUNS]; FEATURES=peaceplan-cli/jemalloc for the opt-in allocator.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-10}
cargo build --release --quiet --bin peaceplan --example synthetic_pair ${FEATURES:+--features "$FEATURES"}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
./target/release/examples/synthetic_pair "$n" "$dir/old.md" "$dir/new.md"
./target/release/examples/synthetic_pair "$n" "$dir/old.txt" "$dir/new.txt" --one-per-line
echo "pair: $n points, $(wc -c < "$dir/old.md") and $(wc -c < "$dir/new.md") bytes"

# shellcheck source=scripts/timing.sh
. scripts/timing.sh

# The two commands take turns, so that a slow spell of the machine falls on both.
pt=(); gt=()
for _ in $(seq "$runs"); do
  pt+=("$(run_ms ./target/release/peaceplan diff "$dir/old.md" "$dir/new.md" --format json)")
  gt+=("$(run_ms git diff --no-index --word-diff=porcelain "$dir/old.txt" "$dir/new.txt")")
done
p=$(printf '%s\n' "${pt[@]}" | median)
g=$(printf '%s\n' "${gt[@]}" | median)
/usr/bin/time -f '%M' -o "$dir/rss" ./target/release/peaceplan diff "$dir/old.md" "$dir/new.md" --format json > /dev/null || true
peak=$(tail -n 1 "$dir/rss")
echo "peaceplan diff --format json: ${p} ms (median of $runs, taking turns with git), peak RSS ${peak} KB"
echo "git diff --word-diff:         ${g} ms (median of $runs)"
awk -v p="$p" -v g="$g" 'BEGIN { if (g > 0) printf "ratio: %.1fx git\n", p / g; else print "ratio: git took under 1 ms" }'
