#!/usr/bin/env bash
# Fuzzes every target (or those named) for SECONDS each (default 900) with the committed seeds and the
# syntax dictionary, growing the working corpus in fuzz/corpus/ (not committed). Installs cargo-fuzz
# with the nightly toolchain when it is missing. Any finding is left in fuzz/artifacts/TARGET/: copy it
# to fuzz/regressions/TARGET/ with a name that says what it found, and fix the cause.
#
#   scripts/fuzz.sh                 # every target, 15 minutes each
#   SECONDS_EACH=60 scripts/fuzz.sh parse_text diff_structured
#   REPLAY=1 scripts/fuzz.sh        # only run the corpus and seeds once through each target
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
if ! cargo +nightly --version > /dev/null 2>&1; then
  echo "fuzz.sh: no nightly toolchain; skipped" >&2
  exit 0
fi
if ! cargo +nightly fuzz --version > /dev/null 2>&1; then
  cargo +nightly install cargo-fuzz --locked
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_text parse_structured diff_drafts diff_structured parse_docx)
each=${SECONDS_EACH:-900}
cargo +nightly fuzz build -O
failed=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "regressions/$t"
  if [ "${REPLAY:-0}" = 1 ]; then
    # -runs=0 executes every input of the directories once and stops.
    cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" "regressions/$t" -- -runs=0 \
      -dict=dict/peaceplan.dict || failed+=("$t")
  else
    cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- -dict=dict/peaceplan.dict \
      -max_total_time="$each" -max_len=8192 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
      || failed+=("$t")
  fi
done
# Every target runs even when one fails; the script fails when any did.
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in: ${failed[*]} (see fuzz/artifacts/)" >&2
  exit 1
fi
