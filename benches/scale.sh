#!/usr/bin/env bash
# Whole-build benchmark (issue 6): heptaglot against Hugo and against `cp -r` of
# heptaglot's own output, on generated corpora of N digests × 7 languages.
#
#   benches/scale.sh [SIZES...]            default: 1000 10000
#
# Environment: BENCH_DIR (default /tmp/heptaglot-bench: corpora and outputs, outside the
# repository), RUNS (default 3: runs of each tool per size, alternating), SEED (default 1),
# REGENERATE=1 (make the corpora again even when they are up to date), HUGO_MAX (default
# 5000: Hugo is not run on larger corpora; it peaked at about 3 GB per 1,000 digests here, so
# 10,000 would need about 30 GB), SERVE_SIZE (default: the smallest size: the site `serve` is
# timed on; its first build is a full one into its own folder).
#
# For each size it generates the corpus once (the `corpus` workspace member, with `--hugo`),
# then RUNS times, rotating the order: `heptaglot build` into a clean output, `hugo --quiet`
# into a clean output, `cp -r` of heptaglot's output, and `heptaglot build --format html,md`
# (the formats Hugo writes: no wikitext) into a clean output; each under /usr/bin/time -v for
# wall time and peak RSS. For the largest size it then edits one notes file and times the rebuild, RUNS
# times, and a rebuild with nothing changed, once (both with `--timings`); then `serve`
# rebuilds after the same kind of edit (see SERVE_SIZE below). Caches cannot be dropped
# here: every run is warm-cache.
# Prints a Markdown table and writes it to benches/results/<date>-<host>.md.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/heptaglot-bench}
runs=${RUNS:-3}
hugo_max=${HUGO_MAX:-5000}
seed=${SEED:-1}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi

for tool in hugo /usr/bin/time; do
  if ! command -v "$tool" >/dev/null; then
    echo "scale.sh needs $tool (Debian: apt-get install -y hugo time)" >&2
    exit 1
  fi
done

echo "Building heptaglot and the corpus generator (release)…" >&2
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" -p heptaglot -p corpus
bin="$repo/target/release/heptaglot"
generator="$repo/target/release/corpus"
built_from=$(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?')
mkdir -p "$dir"
raw="$dir/raw.tsv"
: >"$raw"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss".
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}
peak_kb() {
  awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"
}
# User plus system CPU seconds: the work done, which the machine's load moves less than
# the wall time.
cpu_seconds() {
  awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$1"
}

# measure LABEL SIZE COMMAND...: runs the command under /usr/bin/time -v, appends
# "label size wall_s peak_kb cpu_s" to the raw results; the command's output goes to
# $scratch/out.
measure() {
  local label=$1 size=$2
  shift 2
  if ! /usr/bin/time -v -o "$scratch/time" "$@" >"$scratch/out" 2>&1; then
    echo "failed: $*" >&2
    cat "$scratch/out" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$size" "$(wall_seconds "$scratch/time")" "$(peak_kb "$scratch/time")" "$(cpu_seconds "$scratch/time")" >>"$raw"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() { awk -F'\t' -v l="$1" -v s="$2" -v c="$3" '$1 == l && $2 == s { print $c }' "$raw"; }
count_files() { find "$1" -type f | wc -l; }
count_html() { find "$1" -type f -name '*.html' | wc -l; }
bytes_of() { du -sb "$1" | cut -f1; }

# What a generated corpus depends on: its size and seed, the generator, and the locales and
# templates it copies (a corpus kept across a change to those would build with stale ones).
stamp_of() {
  local inputs
  inputs=$({ cat "$repo"/corpus/src/*.rs; find "$repo/locales" "$repo/templates" -type f -print0 | LC_ALL=C sort -z | xargs -0 cat; } | sha1sum | cut -c1-16)
  printf '%s %s %s' "$1" "$seed" "$inputs"
}

declare -A html files bytes
largest=$(printf '%s\n' "${sizes[@]}" | sort -g | tail -1)
for n in "${sizes[@]}"; do
  site="$dir/$n/site"
  hugo_site="$dir/$n/hugo"
  if [ "${REGENERATE:-0}" = 1 ] || [ "$(cat "$dir/$n/stamp" 2>/dev/null)" != "$(stamp_of "$n")" ]; then
    echo "Generating $n digests…" >&2
    mkdir -p "$dir/$n"
    "$generator" --digests "$n" --seed "$seed" --out "$site" --hugo "$hugo_site" \
      --locales-from "$repo/locales" --templates-from "$repo/templates" >&2
    stamp_of "$n" >"$dir/$n/stamp"
  fi
  hugo_out="$dir/$n/hugo-public"
  copy_out="$dir/$n/copy"
  for ((i = 0; i < runs; i++)); do
    order=(heptaglot hugo cp heptaglot-hm)
    # Rotate the order each run, so no tool always runs right after another's writes.
    order=("${order[@]:i%4}" "${order[@]:0:i%4}")
    for tool in "${order[@]}"; do
      echo "  $n digests, run $((i + 1))/$runs: $tool" >&2
      case $tool in
        heptaglot)
          rm -rf "$site/public" "$site/.public.heptaglot-cache"
          measure heptaglot "$n" "$bin" --root "$site" build
          cp "$scratch/out" "$dir/$n/build.log"
          ;;
        heptaglot-hm)
          # Hugo's formats only (HTML and Markdown, no wikitext): the like-for-like row.
          hm_out="$dir/$n/public-html-md"
          rm -rf "$hm_out" "$dir/$n/.public-html-md.heptaglot-cache"
          measure heptaglot-hm "$n" "$bin" --root "$site" build --format html,md --out "$hm_out"
          html[hm$n]=$(count_html "$hm_out")
          files[hm$n]=$(count_files "$hm_out")
          bytes[hm$n]=$(bytes_of "$hm_out")
          rm -rf "$hm_out" "$dir/$n/.public-html-md.heptaglot-cache"
          ;;
        hugo)
          if [ "$n" -gt "$hugo_max" ]; then continue; fi
          rm -rf "$hugo_out"
          measure hugo "$n" hugo --quiet --source "$hugo_site" --destination "$hugo_out"
          html[hugo$n]=$(count_html "$hugo_out")
          files[hugo$n]=$(count_files "$hugo_out")
          bytes[hugo$n]=$(bytes_of "$hugo_out")
          # Outputs are removed once measured: at 10,000 digests each is gigabytes.
          rm -rf "$hugo_out"
          ;;
        cp)
          if [ -d "$site/public" ]; then
            rm -rf "$copy_out"
            measure cp "$n" cp -r "$site/public" "$copy_out"
            rm -rf "$copy_out"
          fi
          ;;
      esac
    done
  done
  # cp -r may have run before the first heptaglot build; make up for it.
  while [ "$(column_of cp "$n" 3 | wc -l)" -lt "$runs" ]; do
    rm -rf "$copy_out"
    measure cp "$n" cp -r "$site/public" "$copy_out"
    rm -rf "$copy_out"
  done
  html[$n]=$(count_html "$site/public")
  files[$n]=$(count_files "$site/public")
  bytes[$n]=$(bytes_of "$site/public")
  # Hugo's build lock and resource cache are not part of the corpus.
  rm -rf "$hugo_site/.hugo_build.lock" "$hugo_site/resources"
  # Only the largest site's output is kept, for the incremental rebuilds.
  if [ "$n" != "$largest" ]; then rm -rf "$site/public"; fi
done

# Incremental rebuilds in the largest site: one notes file edited, and nothing changed.
site="$dir/$largest/site"
# awk, not head: head would stop reading, and under pipefail sort's SIGPIPE ends the script
# (at 10,000 files sort's output outgrows the pipe).
edited=$(find "$site/digests" -name '*.yaml' | sort | awk 'NR == 1')
cp "$edited" "$scratch/original.yaml"
for ((i = 1; i <= runs; i++)); do
  echo "  $largest digests, rebuild $i/$runs after editing $(basename "$edited")" >&2
  # Prefix the first topic title with a word: a real edit of one unit's text.
  sed -i "0,/^    title: /s//    title: Edited$i /" "$edited"
  measure edit "$largest" "$bin" --root "$site" build --timings
  cp "$scratch/out" "$dir/edit.log"
done
echo "  $largest digests, rebuild with nothing changed" >&2
measure noop "$largest" "$bin" --root "$site" build --timings
cp "$scratch/out" "$dir/noop.log"
cp "$scratch/original.yaml" "$edited"

# `serve`: the same edit, from saving the file to the rebuilt site (watcher, debounce and
# build), RUNS times, in the site of SERVE_SIZE digests (default: the smallest size; serve
# builds into its own folder first, a full build, since its address differs).
serve_size=${SERVE_SIZE:-$(printf '%s\n' "${sizes[@]}" | sort -g | awk 'NR == 1')}
serve_site="$dir/$serve_size/site"
serve_out="$dir/$serve_size/serve-public"
rm -rf "$serve_out" "$dir/$serve_size/.serve-public.heptaglot-cache"
echo "  $serve_size digests, serve: first build" >&2
"$bin" --root "$serve_site" serve --port 0 --out "$serve_out" >"$scratch/serve.out" 2>"$scratch/serve.log" &
serve_pid=$!
# Waits until serve's log has a line for build $1; prints the seconds the build took.
wait_build() {
  until grep -q "build $1[ :]" "$scratch/serve.log"; do
    if ! kill -0 "$serve_pid" 2>/dev/null; then
      echo "serve stopped:" >&2
      cat "$scratch/serve.log" >&2
      exit 1
    fi
    sleep 0.02
  done
  grep "build $1[ :]" "$scratch/serve.log" | awk '{ t = $NF; if (t ~ /ms$/) { sub(/ms$/, "", t); t /= 1000 } else if (t ~ /µs$/) { sub(/µs$/, "", t); t /= 1000000 } else sub(/s$/, "", t); print t }'
}
wait_build 1 >/dev/null
serve_edited=$(find "$serve_site/digests" -name '*.yaml' | sort | awk 'NR == 1')
cp "$serve_edited" "$scratch/serve-original.yaml"
for ((i = 1; i <= runs; i++)); do
  echo "  $serve_size digests, serve: rebuild $i/$runs after an edit" >&2
  before=$(date +%s.%N)
  sed -i "0,/^    title: /s//    title: Served$i /" "$serve_edited"
  took=$(wait_build $((i + 1)))
  after=$(date +%s.%N)
  printf 'serve\t%s\t%s\t0\n' "$serve_size" "$took" >>"$raw"
  printf 'saved-to-built\t%s\t%s\t0\n' "$serve_size" "$(awk -v a="$before" -v b="$after" 'BEGIN { print b - a }')" >>"$raw"
done
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
cp "$scratch/serve-original.yaml" "$serve_edited"
cp "$scratch/serve.log" "$dir/serve.log"
rm -rf "$serve_out" "$dir/$serve_size/.serve-public.heptaglot-cache"

# The report.
host=$(hostname -s 2>/dev/null || echo host)
date=$(date -u +%Y-%m-%d)
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "–" }'; }
med() { column_of "$1" "$2" "$3" | median; }
{
  echo "## Whole-build benchmark, $date"
  echo
  echo "Machine: $(nproc) cores ($cpu), $mem, $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Shared with other work while measured: ratios (runs alternate) are fairer than absolute times."
  echo "All runs warm-cache (page caches cannot be dropped here). $runs runs per tool, medians."
  echo "heptaglot $built_from, $(hugo version | cut -d' ' -f1-2), corpus seed $seed."
  echo "Command: \`benches/scale.sh ${sizes[*]}\` (RUNS=$runs)."
  echo
  echo "| digests | tool | HTML pages | files | median wall (s) | HTML pages/s | files/s | peak RSS (MB) | output (MB) | × Hugo | × cp -r | CPU, user + system (s) |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for n in "${sizes[@]}"; do
    h=$(med heptaglot "$n" 3)
    g=$(med hugo "$n" 3)
    c=$(med cp "$n" 3)
    echo "| $n | heptaglot | ${html[$n]} | ${files[$n]} | $h | $(rate "${html[$n]}" "$h") | $(rate "${files[$n]}" "$h") | $(mb "$(($(med heptaglot "$n" 4 | cut -d. -f1) * 1024))") | $(mb "${bytes[$n]}") | $(ratio "$h" "$g") | $(ratio "$h" "$c") | $(med heptaglot "$n" 5) |"
    hm=$(med heptaglot-hm "$n" 3)
    echo "| $n | heptaglot, HTML and Markdown only (Hugo's formats) | ${html[hm$n]} | ${files[hm$n]} | $hm | $(rate "${html[hm$n]}" "$hm") | $(rate "${files[hm$n]}" "$hm") | $(mb "$(($(med heptaglot-hm "$n" 4 | cut -d. -f1) * 1024))") | $(mb "${bytes[hm$n]}") | $(ratio "$hm" "$g") | – | $(med heptaglot-hm "$n" 5) |"
    if [ -n "$g" ]; then
      echo "| $n | hugo | ${html[hugo$n]} | ${files[hugo$n]} | $g | $(rate "${html[hugo$n]}" "$g") | $(rate "${files[hugo$n]}" "$g") | $(mb "$(($(med hugo "$n" 4 | cut -d. -f1) * 1024))") | $(mb "${bytes[hugo$n]}") | 1 | $(ratio "$g" "$c") | $(med hugo "$n" 5) |"
    else
      echo "| $n | hugo | not run (more than HUGO_MAX=$hugo_max digests) | | | | | | | | | |"
    fi
    echo "| $n | cp -r | ${html[$n]} | ${files[$n]} | $c | $(rate "${html[$n]}" "$c") | $(rate "${files[$n]}" "$c") | $(mb "$(($(med cp "$n" 4 | cut -d. -f1) * 1024))") | $(mb "${bytes[$n]}") | $(ratio "$c" "$g") | 1 | $(med cp "$n" 5) |"
  done
  e=$(med edit "$largest" 3)
  o=$(med noop "$largest" 3)
  full=$(med heptaglot "$largest" 3)
  kind="a full rebuild"
  if awk -v e="$e" -v f="$full" 'BEGIN { exit !(e < f / 2) }'; then kind="incremental"; fi
  echo
  echo "Rebuild of the $largest-digest site after editing one notes file ($(basename "$edited")): median $e s, peak RSS $(mb "$(($(med edit "$largest" 4 | cut -d. -f1) * 1024))") MB ($kind: the full build takes $full s). With nothing changed (once): $o s."
  echo "The build said: \`$(grep '^Built' "$dir/edit.log")\`, and where its time went (\`build --timings\`; the last edit, then nothing changed):"
  echo
  echo "| step | after the edit (ms) | nothing changed (ms) |"
  echo "| --- | ---: | ---: |"
  paste <(grep ' ms  ' "$dir/edit.log") <(grep ' ms  ' "$dir/noop.log") |
    awk -F'\t' '{ split($1, a, " ms  "); split($2, b, " ms  "); gsub(/^ +/, "", a[1]); gsub(/^ +/, "", b[1]); print "| " a[2] " | " a[1] " | " b[1] " |" }'
  echo
  echo "After the last edit: $(grep '^search indexes' "$dir/edit.log")."
  echo
  echo "\`serve\` on the $serve_size-digest site, the same kind of edit: the build took $(med serve "$serve_size" 3 | xargs printf '%.2f') s (median of $runs), and from saving the file to the rebuilt site (watcher, debounce, build) $(med saved-to-built "$serve_size" 3 | xargs printf '%.2f') s. Between its own builds serve keeps the cache in memory and does not read the output's files again."
  if [ "${#sizes[@]}" -ge 2 ]; then
    small=$(printf '%s\n' "${sizes[@]}" | sort -g | awk 'NR == 1')
    if [ "$small" != "$largest" ]; then
      s=$(med heptaglot "$small" 3)
      echo
      hugo_scaling="not run at $largest"
      if [ -n "$(med hugo "$largest" 3)" ]; then
        hugo_scaling="× $(awk -v a="$(med hugo "$small" 3)" -v n="$small" -v b="$(med hugo "$largest" 3)" -v m="$largest" 'BEGIN { printf "%.2f", (b / m) / (a / n) }')"
      fi
      echo "Scaling $small → $largest digests: $(awk -v a="$s" -v n="$small" 'BEGIN { printf "%.2f", a * 1000 / n }') ms → $(awk -v a="$full" -v n="$largest" 'BEGIN { printf "%.2f", a * 1000 / n }') ms per digest (× $(awk -v a="$s" -v n="$small" -v b="$full" -v m="$largest" 'BEGIN { printf "%.2f", (b / m) / (a / n) }') per digest; 1.00 is linear); peak RSS $(mb "$(($(med heptaglot "$small" 4 | cut -d. -f1) * 1024))") MB → $(mb "$(($(med heptaglot "$largest" 4 | cut -d. -f1) * 1024))") MB. Hugo: $hugo_scaling."
    fi
  fi
} >"$scratch/report.md"

mkdir -p "$repo/benches/results"
result="$repo/benches/results/$date-$host.md"
if [ -f "$result" ]; then
  { echo; cat "$scratch/report.md"; } >>"$result"
else
  cp "$scratch/report.md" "$result"
fi
cat "$scratch/report.md"
echo >&2
echo "Written to ${result#"$repo"/}; raw figures in $raw" >&2
