#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 600), one after
# another, and prints a Markdown report (also kept in fuzz/results/<date>.md). Exits
# non-zero if any target found a crash, a timeout or an out-of-memory input (they are saved
# in fuzz/artifacts/<target>/).
#
#   fuzz/run.sh [SECONDS [TARGET...]]
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
seconds="${1:-600}"
# libFuzzer grows inputs only up to its largest seed (about 20 KB here) unless told more:
# the nesting and size bugs found so far needed 40-100 KB inputs.
max_len="${FUZZ_MAX_LEN:-262144}"
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
targets=(notes fluent translation)
if (( $# > 1 )); then
  targets=("${@:2}")
fi
# No sanitizer: heptaglot and its dependencies are safe Rust, so AddressSanitizer would
# only slow every execution down; what is looked for is panics (debug assertions and
# overflow checks are on: -a), timeouts and memory blow-ups (libFuzzer's own limits).
build_flags=(--sanitizer none --debug-assertions --release)

cd "$repo"
# What is built, taken before the build reads the sources.
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src fuzz/harness.rs || echo ' (with uncommitted changes)')"
"$fuzz/seed.sh" > /dev/null
cargo +nightly fuzz build "${build_flags[@]}" >&2
bin_dir="$fuzz/target/x86_64-unknown-linux-gnu/release"

mkdir -p "$fuzz/results" "$fuzz/logs"
stamp="$(date -u +%Y-%m-%d-%H%M)"
report="$fuzz/results/$stamp.md"
found_total=0
{
  echo "# Fuzzing run $stamp"
  echo
  echo "- commit: $commit"
  echo "- toolchain: $(rustup run nightly rustc --version), $(cargo +nightly fuzz --version)"
  echo "- machine: $(nproc) cores, $(uname -sm)"
  echo "- per target: \`-max_total_time=$seconds -max_len=$max_len -rss_limit_mb=2048 -timeout=10\`, build \`cargo +nightly fuzz build ${build_flags[*]}\`"
  echo
  echo "| target | seconds | executions | exec/s | corpus at start | corpus at end | crashes | timeouts | OOMs | result |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} | tee "$report"
for target in "${targets[@]}"; do
  corpus="$fuzz/corpus/$target"
  artifacts="$fuzz/artifacts/$target"
  log="$fuzz/logs/$target-$stamp.log"
  mkdir -p "$artifacts"
  before="$(find "$corpus" -type f | wc -l)"
  marker="$(mktemp)"
  started="$(date +%s)"
  status=0
  "$bin_dir/$target" "$corpus" \
    -dict="$fuzz/$([[ $target == fluent ]] && echo fluent || echo notes).dict" \
    -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" > "$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - started ))
  stat() { grep -o "^stat::$1: *[0-9]*" "$log" | grep -o '[0-9]*$' | tail -1; }
  executions="$(stat number_of_executed_units)"
  rate="$(stat average_exec_per_sec)"
  after="$(find "$corpus" -type f | wc -l)"
  crashes="$(find "$artifacts" -newer "$marker" -type f -name 'crash-*' | wc -l)"
  timeouts="$(find "$artifacts" -newer "$marker" -type f -name 'timeout-*' | wc -l)"
  ooms="$(find "$artifacts" -newer "$marker" -type f -name 'oom-*' | wc -l)"
  rm -f "$marker"
  found=$(( crashes + timeouts + ooms ))
  if (( found > 0 )) || (( status != 0 )); then
    result="**FOUND** (exit $status, see fuzz/artifacts/$target/)"
    found_total=$(( found_total + 1 ))
  else
    result="clean"
  fi
  echo "| $target | $elapsed | ${executions:-?} | ${rate:-?} | $before | $after | $crashes | $timeouts | $ooms | $result |" | tee -a "$report"
done
echo | tee -a "$report"
if (( found_total > 0 )); then
  echo "Findings in $found_total target(s); logs in fuzz/logs/." | tee -a "$report"
  exit 1
fi
echo "No crash, timeout or OOM." | tee -a "$report"
