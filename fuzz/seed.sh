#!/usr/bin/env bash
# Recreates the seed corpora of the fuzz targets from the real inputs of the example site:
#   corpus/notes/        digests/*.yaml
#   corpus/fluent/       locales/*/*.ftl
#   corpus/translation/  locales/*/digests/*.yaml, each prefixed with the byte that selects
#                        its digest and language (see `translation` in fuzz/harness.rs)
# Inputs libFuzzer added in earlier runs stay; the seeds are (re)written beside them.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
cd "$repo"

mkdir -p "$fuzz/corpus/notes" "$fuzz/corpus/fluent" "$fuzz/corpus/translation"

for f in digests/*.yaml; do
  cp "$f" "$fuzz/corpus/notes/seed-$(basename "$f")"
done

for f in locales/*/*.ftl; do
  lang="$(basename "$(dirname "$f")")"
  cp "$f" "$fuzz/corpus/fluent/seed-$lang-$(basename "$f")"
done

# The selector byte: language index (in Language::ALL order) × number of digests + the
# digest's index among the example digests sorted by slug (slug = file name here).
languages=(en es fr ar zh-Hans de ru)
mapfile -t slugs < <(for f in digests/*.yaml; do basename "$f" .yaml; done | LC_ALL=C sort)
selector() { # language code, slug -> byte value
  local l d
  for l in "${!languages[@]}"; do [[ "${languages[$l]}" == "$1" ]] && break; done
  for d in "${!slugs[@]}"; do [[ "${slugs[$d]}" == "$2" ]] && break; done
  echo $(( l * ${#slugs[@]} + d ))
}
seed_translation() { # language code, slug, file
  local byte
  byte="$(selector "$1" "$2")"
  { printf "\\$(printf '%03o' "$byte")"; cat "$3"; } > "$fuzz/corpus/translation/seed-$1-$2.yaml"
}
for f in locales/*/digests/*.yaml; do
  seed_translation "$(basename "$(dirname "$(dirname "$f")")")" "$(basename "$f" .yaml)" "$f"
done
# Files `heptaglot translate --all` would create for every other digest and language: the
# untranslated starting point a translator gets, as the translate command writes it.
if [[ -x "$repo/target/debug/heptaglot" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  cp -r digests locales templates "$tmp/"
  "$repo/target/debug/heptaglot" translate --all --root "$tmp" > /dev/null
  for f in "$tmp"/locales/*/digests/*.yaml; do
    lang="$(basename "$(dirname "$(dirname "$f")")")"
    slug="$(basename "$f" .yaml)"
    [[ -e "locales/$lang/digests/$slug.yaml" ]] || seed_translation "$lang" "$slug" "$f"
  done
else
  echo "seed.sh: target/debug/heptaglot not built; seeding only the existing translation files" >&2
fi

for t in notes fluent translation; do
  echo "corpus/$t: $(find "$fuzz/corpus/$t" -type f | wc -l) files"
done
