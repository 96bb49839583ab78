#!/usr/bin/env bash
# Times a whole-process `peaceplan diff --format json` on synthetic pairs of N and 10 x N points, by
# turns (so that a slow spell of the machine falls on both), and prints the medians, the growth and
# the peak RSS of the larger diff against its input. Usage: scripts/growth.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-9}
big=$((n * 10))
cargo build --release --quiet --bin peaceplan --example synthetic_pair ${FEATURES:+--features "$FEATURES"}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
./target/release/examples/synthetic_pair "$n" "$dir/a.md" "$dir/b.md"
./target/release/examples/synthetic_pair "$big" "$dir/A.md" "$dir/B.md"

# shellcheck source=scripts/timing.sh
. scripts/timing.sh

st=(); bt=()
for _ in $(seq "$runs"); do
  st+=("$(run_ms ./target/release/peaceplan diff "$dir/a.md" "$dir/b.md" --format json)")
  bt+=("$(run_ms ./target/release/peaceplan diff "$dir/A.md" "$dir/B.md" --format json)")
done
s=$(printf '%s\n' "${st[@]}" | median)
b=$(printf '%s\n' "${bt[@]}" | median)
/usr/bin/time -f '%M' -o "$dir/rss" ./target/release/peaceplan diff "$dir/A.md" "$dir/B.md" --format json > /dev/null || true
peak=$(tail -n 1 "$dir/rss")
input=$(( ($(wc -c < "$dir/A.md") + $(wc -c < "$dir/B.md")) / 1024 ))
echo "$n points: ${s} ms; $big points: ${b} ms (medians of $runs, by turns)"
awk -v s="$s" -v b="$b" 'BEGIN { if (s > 0) printf "growth: %.1fx for 10x the points\n", b / s }'
awk -v p="$peak" -v i="$input" 'BEGIN { printf "peak RSS at %s: %d MB for %d MB of input (%.1fx)\n", "'"$big"' points", p / 1024, i / 1024, p / i }'
