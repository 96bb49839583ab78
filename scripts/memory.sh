#!/usr/bin/env bash
# Peak memory and time of the release command on large and hostile inputs (SECURITY.md, "Measured
# limits"). Writes its inputs to a scratch directory (about 700 MB) and removes them at the end.
#   scripts/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin peaceplan --example synthetic_pair ${FEATURES:+--features "$FEATURES"}
bin=$PWD/target/release/peaceplan
pair=$PWD/target/release/examples/synthetic_pair
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
m() {
  local rc=0
  /usr/bin/time -f "%M KB %e s" "$@" > out 2> err || rc=$?
  printf '%-70s %s, exit %s, output %s bytes\n' "$(echo "$*" | sed "s#$bin#peaceplan#")" "$(tail -1 err)" "$rc" "$(stat -c %s out)"
}
"$pair" 100000 o100k.md n100k.md
"$pair" 300000 o300k.md n300k.md
"$pair" 250000 o250k.md n250k.md
"$bin" show --format toml o250k.md > o250k.toml
mkdir hist
"$pair" 50000 a.md b.md
for i in 1 2 3 4 5 6 7 8; do f=a.md; [ $((i % 2)) = 0 ] && f=b.md; { printf -- "---\nversion: $i.0.0\n---\n"; cat $f; } > hist/v$i.md; done
python3 - <<'PY'
with open('t5o.md', 'w') as f:
    for i in range(1, 500001): f.write(f'{i}. w{i % 1000}\n')
with open('t5n.md', 'w') as f:
    for i in range(1, 500001): f.write(f'{i}. w{(i * 7) % 1000}\n')
with open('big_old.md', 'w') as f:
    for i in range(1, 500001): f.write(f'{i}. Point {i} of the annex about item {i * 7} and the line.\n')
with open('from_new.md', 'w') as f:
    f.write('1. Point 1 of the annex about item 7 and the line.\n## Deferred: presidents meeting\n')
    for i in range(30000): f.write(f'- t{i} {{from: {i * 13 + 2}}}\n')
with open('tiny.md', 'w') as f:
    i, n = 1, 0
    while n < 60_000_000:
        s = f'{i}. w{i % 1000}\n'; f.write(s); n += len(s); i += 1
with open('forums.md', 'w') as f:
    f.write('1. A point.\n')
    for i in range(100000): f.write(f'## Deferred: forum {i}\n- item {i}\n')
with open('forum-bomb.md', 'w') as f:
    f.write('1. A point.\n## Deferred: ' + 'F' * 1_000_000 + '\n')
    for i in range(50000): f.write(f'- {i}\n')
with open('newlines.md', 'w') as f:
    f.write('\n' * 60_000_000)
import random
r = random.Random(5)
for name in ['letters_old.md', 'letters_new.md']:
    with open(name, 'w') as f:
        for i in range(1, 601):
            f.write(f"{i}. " + " ".join(r.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(4999)) + "\n")
# Issue 13's last cases: words from a small vocabulary (millions of word-edit runs and figures), one
# point of 30 million short lines, hyphenated lines (the hyphen vocabulary), distinct short lines
# (the running-header pass).
V = ['w%d' % i for i in range(50)]
r = random.Random(3)
for name in ['vocab_old.md', 'vocab_new.md']:
    with open(name, 'w') as f:
        for i in range(1, 60001):
            f.write(f"{i}. " + " ".join(r.choice(V) for _ in range(100)) + "\n")
with open('lines.md', 'w') as f:
    f.write('1. Start\n' + 'a\n' * 30_000_000)
letters = 'abcdefghijklmnopqrstuvwxyz'
with open('hyphens.md', 'w') as f:
    f.write('1. Start\n')
    n = 0
    while n < 60_000_000:
        s = ''.join(r.choice(letters) for _ in range(7)) + '-\n'; f.write(s); n += len(s)
with open('short_lines.md', 'w') as f:
    f.write('1. Start\n')
    n = 0
    while n < 60_000_000:
        s = ''.join(r.choice(letters) for _ in range(6)) + ' ' + ''.join(r.choice(letters) for _ in range(5)) + '\n'
        f.write(s); n += len(s)
PY
m "$bin" diff o100k.md n100k.md
m "$bin" diff --format html o100k.md n100k.md
m "$bin" diff o300k.md n300k.md
m "$bin" diff --format json o300k.md n300k.md
m "$bin" diff --format html o300k.md n300k.md
m "$bin" show o250k.toml
m "$bin" log hist
m "$bin" check hist
m "$bin" diff t5o.md t5n.md
m "$bin" diff big_old.md from_new.md
m "$bin" status tiny.md
m "$bin" show newlines.md
m "$bin" diff --format html forums.md forums.md
m "$bin" status forum-bomb.md
m "$bin" diff letters_old.md letters_new.md
m "$bin" diff vocab_old.md vocab_new.md
m "$bin" diff --format json vocab_old.md vocab_new.md
m "$bin" show --max-bytes 100000000 lines.md
m "$bin" show --max-bytes 100000000 hyphens.md
m "$bin" show --max-bytes 100000000 short_lines.md
