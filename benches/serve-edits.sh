#!/usr/bin/env bash
# `serve` rebuilds after one edit (issue 6: under 200 ms at 10,000 digests), edit after edit.
#
#   benches/serve-edits.sh [SIZE] [EDITS]      default: 10000 10
#
# Needs the corpus `benches/scale.sh SIZE` generates (in BENCH_DIR, default
# /tmp/heptaglot-bench). Starts `heptaglot serve --timings` under /usr/bin/time -v on it (its
# first build is a full one into its own folder), then EDITS times: edits one topic title of
# the first notes file, waits for the build's line in the log, and PAUSE seconds (default 8:
# what a person takes between saves, and time for the cache to be written after the reload).
# Prints each build's time, the time from saving the file to the rebuilt site, their medians,
# where the last build's time went, and serve's peak memory (its full build included).
# serve's log is kept in BENCH_DIR/serve-edits.log.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/heptaglot-bench}
size=${1:-10000}
edits=${2:-10}
pause=${PAUSE:-8}
site="$dir/$size/site"
if [ ! -d "$site/digests" ]; then
  echo "no corpus of $size digests in $dir: run benches/scale.sh $size first" >&2
  exit 1
fi
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" -p heptaglot
bin="$repo/target/release/heptaglot"
out="$dir/$size/serve-public"
scratch=$(mktemp -d)
edited=$(find "$site/digests" -name '*.yaml' | sort | awk 'NR == 1')
cp "$edited" "$scratch/original.yaml"
# serve runs under /usr/bin/time: stopping serve, not time, lets time report its memory.
stop_serve() {
  pkill -TERM -P "$serve_pid" 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
}
cleanup() {
  if [ -n "${serve_pid:-}" ]; then stop_serve; fi
  cp "$scratch/original.yaml" "$edited"
  rm -rf "$scratch" "$out" "$dir/$size/.serve-public.heptaglot-cache"
}
trap cleanup EXIT
rm -rf "$out" "$dir/$size/.serve-public.heptaglot-cache"
echo "serve on $size digests: first build (a full one)…" >&2
/usr/bin/time -v -o "$scratch/time" "$bin" --root "$site" serve --port 0 --out "$out" --timings \
  >/dev/null 2>"$scratch/serve.log" &
serve_pid=$!
# Waits for serve's line about build $1 and prints its time in milliseconds.
wait_build() {
  until grep -q "build $1[ :]" "$scratch/serve.log"; do
    if ! kill -0 "$serve_pid" 2>/dev/null; then
      cat "$scratch/serve.log" >&2
      exit 1
    fi
    sleep 0.01
  done
  grep "build $1[ :]" "$scratch/serve.log" | awk '{ t = $NF; if (t ~ /ms$/) sub(/ms$/, "", t); else if (t ~ /µs$/) { sub(/µs$/, "", t); t /= 1000 } else { sub(/s$/, "", t); t *= 1000 } printf "%.1f\n", t }'
}
wait_build 1 >/dev/null
sleep "$pause"
: >"$scratch/builds"
for ((i = 1; i <= edits; i++)); do
  before=$(date +%s.%N)
  sed -i "0,/^    title: /s//    title: Served$i /" "$edited"
  took=$(wait_build $((i + 1)))
  after=$(date +%s.%N)
  saved=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }')
  echo "edit $i: build $took ms, saved file to rebuilt site $saved s" >&2
  printf '%s\t%s\n' "$took" "$saved" >>"$scratch/builds"
  sleep "$pause"
done
stop_serve
serve_pid=
cp "$scratch/serve.log" "$dir/serve-edits.log"
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
builds=$(cut -f1 "$scratch/builds" | paste -sd, | sed 's/,/, /g')
echo "serve on $size digests, $edits edits $pause s apart (heptaglot $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?')):"
echo "- builds (ms): $builds; median $(cut -f1 "$scratch/builds" | median) ms; under 200 ms: $(awk '$1 < 200' "$scratch/builds" | wc -l) of $edits"
echo "- saved file to rebuilt site (s): $(cut -f2 "$scratch/builds" | sort -g | awk 'NR == 1 { a = $1 } { b = $1 } END { print a "–" b }'), median $(cut -f2 "$scratch/builds" | median)"
echo "- peak memory, the full build included: $(awk -F': ' '/Maximum resident/ { printf "%.0f MB", $2 / 1024 }' "$scratch/time")"
echo "- where the last build's time went (--timings):"
awk '/build [0-9]+ after/ { n = NR } { line[NR] = $0 } END { for (i = n + 1; i <= NR && line[i] ~ /^ /; i++) print "  " line[i] }' "$scratch/serve.log"
