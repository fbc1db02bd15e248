#!/usr/bin/env bash
# Old against new (issue 17): builds the Release CLI of two versions and checks that they build the same site, byte
# for byte, then measures both in one run. Never part of the normal test run.
#
#   bench/compare.sh --old REF --new REF|worktree [--theme-from old|new] [--sizes-identical "shipped 1000"]
#                    [--bench-size 10000] [--runs 3] [--seed 1] [--work /tmp/archive-compare]
#                    [--skip-identical] [--skip-bench] [--keep]
#
# Results: bench/results/<date>-compare-<old>-<new>.md (also printed); logs of every command in <work>/logs/.
# Exit status 1 when a build fails or the two sites differ.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
OLD=""
NEW=""
THEME_FROM=old
IDENTICAL_SIZES="shipped 1000"
BENCH_SIZE=10000
RUNS=3
SEED=1
WORK=/tmp/archive-compare
IDENTICAL=1
MEASURE=1
KEEP=0
# Appended to the last line (paragraph) of the middle report for the one-change rebuild, as run.sh does.
SENTENCE=本段于新旧版本比较时修订。

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --old) OLD=$2; shift 2 ;;
    --new) NEW=$2; shift 2 ;;
    --theme-from) THEME_FROM=$2; shift 2 ;;
    --sizes-identical) IDENTICAL_SIZES=$2; shift 2 ;;
    --bench-size) BENCH_SIZE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --skip-identical) IDENTICAL=0; shift ;;
    --skip-bench) MEASURE=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument $1" >&2; usage ;;
  esac
done
fail() { echo "$*" >&2; exit 2; }
[[ -n $OLD && -n $NEW ]] || { echo "--old and --new are required" >&2; usage; }
[[ $THEME_FROM == old || $THEME_FROM == new ]] || fail "--theme-from must be old or new"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "--runs must be a positive integer"
[[ $BENCH_SIZE =~ ^[1-9][0-9]*$ ]] || fail "--bench-size must be a positive integer"
for size in $IDENTICAL_SIZES; do
  [[ $size == shipped || $size =~ ^[1-9][0-9]*$ ]] || fail "--sizes-identical takes 'shipped' and report counts, not '$size'"
done

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
LOG=$WORK/logs
# Everything a previous comparison left in the work folder goes (the sources are exported afresh every time).
rm -rf "$WORK"/{old,new,identical,measure,trash,logs}
mkdir -p "$LOG" "$BENCH/results"

# --- The two versions ---------------------------------------------------------------------------------------------
# A ref is exported whole with git archive, so concurrent edits of the working tree cannot leak in. `worktree` copies
# the working tree as it is now (without .git, bin/, obj/, node_modules/, output/ and the cache).
declare -A LABEL SRC CLI THEME
describe() {
  if [[ $1 == worktree ]]; then
    local changed
    changed=$(git -C "$REPO" status --porcelain -- src tests theme | wc -l)
    echo "working tree at $(git -C "$REPO" rev-parse --short HEAD) ($changed changed or new paths in src/, tests/, theme/)"
  else
    echo "$1: $(git -C "$REPO" log -1 --format='%h %s' "$1^{commit}")"
  fi
}
short() { if [[ $1 == worktree ]]; then echo "$(git -C "$REPO" rev-parse --short HEAD)-worktree"; else git -C "$REPO" rev-parse --short "$1^{commit}"; fi; }
for side in old new; do
  ref=${OLD}; [[ $side == new ]] && ref=$NEW
  if [[ $ref != worktree ]]; then
    git -C "$REPO" rev-parse --verify --quiet "$ref^{commit}" >/dev/null || fail "--$side: no commit '$ref' in $REPO"
  fi
  LABEL[$side]=$(describe "$ref")
  SRC[$side]=$WORK/$side/src
  mkdir -p "${SRC[$side]}"
  if [[ $ref == worktree ]]; then
    tar -C "$REPO" --exclude=./.git --exclude=bin --exclude=obj --exclude=node_modules --exclude=./output \
      --exclude=./.archive-cache -cf - . | tar -x -C "${SRC[$side]}"
  else
    git -C "$REPO" archive "$ref" | tar -x -C "${SRC[$side]}"
  fi
done
OLD_SHORT=$(short "$OLD"); NEW_SHORT=$(short "$NEW")
# By default both sides use the old version's theme/, so only the C# differs (the browser scripts may change at the
# same time, and would differ in output/ for that reason alone).
THEME[old]=${SRC[old]}/theme
THEME[new]=${SRC[$THEME_FROM]}/theme

T0=$SECONDS
for side in old new; do
  say "building the Release CLI of $side: ${LABEL[$side]}"
  dotnet build "${SRC[$side]}/src/Archive.Cli" -c Release --artifacts-path "$WORK/$side/artifacts" \
    >"$LOG/dotnet-build-$side.log" 2>&1 \
    || { tail -20 "$LOG/dotnet-build-$side.log" >&2; say "the $side version does not build (log: $LOG/dotnet-build-$side.log)"; exit 1; }
  CLI[$side]=$WORK/$side/artifacts/bin/Archive.Cli/release/Archive.Cli.dll
done
# One corpus for both: the old version's generator writes it.
dotnet build "${SRC[old]}/bench/CorpusGenerator" -c Release --artifacts-path "$WORK/old/artifacts" \
  >>"$LOG/dotnet-build-old.log" 2>&1 || { tail -20 "$LOG/dotnet-build-old.log" >&2; exit 1; }
GENERATOR=$WORK/old/artifacts/bin/CorpusGenerator/release/CorpusGenerator.dll
PARTS=("| building both CLIs and the generator | $((SECONDS - T0)) s |")

# --- Helpers, as in run.sh ---------------------------------------------------------------------------------------
# shellcheck source=measure.sh
source "$BENCH/measure.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "–" }'; }

# build SIDE DIR full|rebuild NAME: builds DIR/input into DIR/output with the cache DIR/cache; sets WALL and RSS.
# A full build starts from a written-back, dropped page cache (root only), as run.sh's do.
build() {
  local side=$1 dir=$2 kind=$3 name=$4
  if [[ $kind == full ]]; then drop_caches; fi
  measure "$name-$side" dotnet "${CLI[$side]}" build --input "$dir/input" --output "$dir/output" \
    --theme "${THEME[$side]}" --cache "$dir/cache"
}

# corpus NAME DIR: writes DIR/input: the old version's input/ for "shipped", else NAME generated reports.
corpus() {
  if [[ $1 == shipped ]]; then
    mkdir -p "$2" && cp -a "${SRC[old]}/input" "$2/input"
  else
    dotnet "$GENERATOR" --reports "$1" --seed "$SEED" --out "$2" --repo "${SRC[old]}" >"$LOG/generate-$1.log"
  fi
}
middle_report() { find "$1/input/reports" -name '*.md' | LC_ALL=C sort | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }
# change DIR: appends SENTENCE to the last line of the middle report; prints the report's id.
change() {
  local file
  file=$(middle_report "$1")
  sed -i '$ s/$/'"$SENTENCE"'/' "$file"
  basename "$file" .md
}

# same_site OLD-OUTPUT NEW-OUTPUT: compares every file (pages, .gz, .br, search index …) byte for byte; sets COMPARED,
# DIFFERING (files that differ or exist on one side only) and FIRST (the first 20 of them, one per line).
same_site() {
  local a=$1 b=$2 lists=$WORK/lists
  mkdir -p "$lists"
  (cd "$a" && find . -type f -o -type l | LC_ALL=C sort >"$lists/old")
  (cd "$b" && find . -type f -o -type l | LC_ALL=C sort >"$lists/new")
  {
    LC_ALL=C comm -23 "$lists/old" "$lists/new" | sed 's/^/only in old: /'
    LC_ALL=C comm -13 "$lists/old" "$lists/new" | sed 's/^/only in new: /'
    # diff -r reads each pair once; its "Only in" lines are already listed above, file by file.
    { diff -rq --no-dereference "$a" "$b" || [[ $? == 1 ]]; } | while IFS= read -r line; do
      case $line in
        "Only in "*) ;;
        "Files $a/"*" differ") line=${line#"Files $a/"}; echo "differs: ./${line%% and "$b/"*}" ;;
        *) echo "$line" ;;
      esac
    done
  } >"$lists/differing"
  COMPARED=$(LC_ALL=C sort -u "$lists/old" "$lists/new" | wc -l)
  DIFFERING=$(wc -l <"$lists/differing")
  FIRST=$(head -20 "$lists/differing")
}

RESULT_ROWS=()
SAME=1
# compare_row CORPUS STEP OLD-OUTPUT NEW-OUTPUT: compares the two sites and adds a line to the results table.
compare_row() {
  same_site "$3" "$4"
  say "$1, $2: $COMPARED files compared, $DIFFERING differing"
  local first="" line
  if (( DIFFERING > 0 )); then
    SAME=0
    printf '%s\n' "$FIRST" >&2
    while IFS= read -r line; do first+="${first:+<br>}\`$line\`"; done <<<"$FIRST"
  fi
  RESULT_ROWS+=("| $1 | $2 | $COMPARED | $DIFFERING | ${first:-–} |")
}

# --- (a) The same site, byte for byte ------------------------------------------------------------------------------
# Per corpus: both sides build it from scratch (each its own copy of the input, output and cache); the outputs are
# compared; the same sentence is appended to the middle report of both copies; both rebuild with their own cache;
# the rebuilt outputs are compared.
if [[ $IDENTICAL == 1 ]]; then
  for size in $IDENTICAL_SIZES; do
    T0=$SECONDS
    DIR=$WORK/identical/$size
    say "identical, $size: preparing the corpus"
    corpus "$size" "$DIR/corpus"
    NAME="generated, $size reports"
    if [[ $size == shipped ]]; then NAME="shipped input/, $(find "$DIR/corpus/input/reports" -name '*.md' | wc -l) reports"; fi
    for side in old new; do
      mkdir -p "$DIR/$side" && cp -a "$DIR/corpus/input" "$DIR/$side/input"
      build "$side" "$DIR/$side" full "identical-$size-full"
      say "identical, $size: full build of $side: ${WALL} s, ${RSS} MB"
    done
    compare_row "$NAME" "full build" "$DIR/old/output" "$DIR/new/output"
    for side in old new; do
      ID=$(change "$DIR/$side")
      build "$side" "$DIR/$side" rebuild "identical-$size-rebuild"
      say "identical, $size: rebuild of $side after $ID changed: ${WALL} s, ${RSS} MB"
      # Identical outputs prove nothing if the change never reached them.
      grep -qF "$SENTENCE" "$DIR/$side/output/reports/$ID.html" \
        || { say "the rebuilt site of $side does not show the change in reports/$ID.html"; exit 1; }
    done
    compare_row "$NAME" "rebuild after $ID changed" "$DIR/old/output" "$DIR/new/output"
    PARTS+=("| identical, $size: corpus, 2 full builds, 2 rebuilds, 2 comparisons | $((SECONDS - T0)) s |")
  done
fi

# --- (b) Measured in one run ---------------------------------------------------------------------------------------
# Run k: both sides build their own fresh copy of the corpus from scratch, one after the other; the same sentence is
# appended to the middle report of both copies; both rebuild. Odd runs start with old, even runs with new, so that
# neither side always goes first. Outputs of earlier runs are moved aside, not deleted, until the end (see run.sh:
# deleting many files slows the next build on this VM's ext4).
if [[ $MEASURE == 1 ]]; then
  T0=$SECONDS
  DIR=$WORK/measure
  say "measure, $BENCH_SIZE: generating the corpus"
  corpus "$BENCH_SIZE" "$DIR/corpus"
  declare -A FULL_WALLS FULL_RSSS CHANGED_WALLS CHANGED_RSSS
  LOADS=()
  for run in $(seq "$RUNS"); do
    ORDER="old new"; (( run % 2 == 0 )) && ORDER="new old"
    for side in $ORDER; do
      if [[ -e $DIR/$side/output ]]; then
        mkdir -p "$WORK/trash/$side-$run" && mv "$DIR/$side/output" "$DIR/$side/cache" "$WORK/trash/$side-$run/"
      fi
      rm -rf "$DIR/$side/input" && mkdir -p "$DIR/$side" && cp -a "$DIR/corpus/input" "$DIR/$side/input"
    done
    for side in $ORDER; do
      build "$side" "$DIR/$side" full "measure-full-$run"
      FULL_WALLS[$side]+="$WALL "; FULL_RSSS[$side]+="$RSS "; LOADS+=("$(cut -d' ' -f1 /proc/loadavg)")
      say "measure, $BENCH_SIZE: full build $run/$RUNS of $side: ${WALL} s, ${RSS} MB"
    done
    for side in $ORDER; do ID=$(change "$DIR/$side"); done
    for side in $ORDER; do
      build "$side" "$DIR/$side" rebuild "measure-rebuild-$run"
      CHANGED_WALLS[$side]+="$WALL "; CHANGED_RSSS[$side]+="$RSS "; LOADS+=("$(cut -d' ' -f1 /proc/loadavg)")
      say "measure, $BENCH_SIZE: rebuild $run/$RUNS of $side after $ID changed: ${WALL} s, ${RSS} MB"
    done
  done
  # measured_row WHAT UNIT OLD-VALUES NEW-VALUES
  measured_row() {
    local o n
    o=$(median $3); n=$(median $4)
    # shellcheck disable=SC2086
    MEASURED_ROWS+=("| $1 | $o $2 ($(echo $3 | sed 's/ /, /g')) | $n $2 ($(echo $4 | sed 's/ /, /g')) | $(ratio "$n" "$o") |")
  }
  MEASURED_ROWS=()
  measured_row "full build: wall time" s "${FULL_WALLS[old]}" "${FULL_WALLS[new]}"
  measured_row "full build: peak memory" MB "${FULL_RSSS[old]}" "${FULL_RSSS[new]}"
  measured_row "rebuild after one change: wall time" s "${CHANGED_WALLS[old]}" "${CHANGED_WALLS[new]}"
  measured_row "rebuild after one change: peak memory" MB "${CHANGED_RSSS[old]}" "${CHANGED_RSSS[new]}"
  OUT_FILES_OLD=$(find "$DIR/old/output" -type f | wc -l); OUT_FILES_NEW=$(find "$DIR/new/output" -type f | wc -l)
  PARTS+=("| measure, $BENCH_SIZE: corpus, $((2 * RUNS)) full builds, $((2 * RUNS)) rebuilds | $((SECONDS - T0)) s |")
fi

# --- Results -------------------------------------------------------------------------------------------------------
RESULT=$BENCH/results/$(date +%F)-compare-$OLD_SHORT-$NEW_SHORT.md
{
  echo "# Old against new ($(date +%F)): $OLD_SHORT → $NEW_SHORT"
  echo
  echo "- old: ${LABEL[old]}"
  echo "- new: ${LABEL[new]}"
  echo "- theme: $([[ $THEME_FROM == old ]] && echo "both sides build with the old version's \`theme/\`" || echo "each side builds with its own \`theme/\`")"
  echo "- corpus generator: the old version's \`bench/CorpusGenerator\`, \`--seed $SEED\`"
  echo "- command: \`bench/compare.sh --old $OLD --new $NEW --theme-from $THEME_FROM --sizes-identical \"$IDENTICAL_SIZES\" --bench-size $BENCH_SIZE --runs $RUNS --seed $SEED$([[ $IDENTICAL == 1 ]] || echo " --skip-identical")$([[ $MEASURE == 1 ]] || echo " --skip-bench")\`"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GB memory"
  if [[ $IDENTICAL == 1 ]]; then
    echo
    echo "## The same site"
    echo
    echo "Each side builds its own copy of the corpus with its own cache; every file of the two \`output/\` folders"
    echo "(pages, feeds, open data, search index, \`.gz\` and \`.br\` copies) is compared byte for byte (\`diff -rq\`, file"
    echo "lists from \`find\`). The rebuild follows the full build after \"$SENTENCE\" was appended to the last line of"
    echo "the middle report (by file name) of both copies; each rebuilt site was checked to show it."
    echo
    echo "| corpus | step | files compared | differing | first differing (up to 20) |"
    echo "| --- | --- | --- | --- | --- |"
    printf '%s\n' "${RESULT_ROWS[@]}"
  fi
  if [[ $MEASURE == 1 ]]; then
    echo
    echo "## Measured in one run: $BENCH_SIZE reports"
    echo
    echo "Median of $RUNS runs (each run's figure in brackets, in run order); wall time and peak memory (max RSS) from"
    echo "\`/usr/bin/time -v\`. A run: full builds of both sides (fresh copy of the corpus, no output, no cache, page"
    echo "cache dropped before each$([[ -w /proc/sys/vm/drop_caches ]] || echo ": not done, not root")), then the same sentence appended to the middle report of both copies, then both"
    echo "rebuild. Odd runs start with old, even runs with new. Outputs: $OUT_FILES_OLD files (old), $OUT_FILES_NEW (new)."
    echo "1-minute load average after each build: ${LOADS[*]} (a build keeps the $(nproc) cores busy, so a figure near $(nproc) is the"
    echo "build itself; well above it, other work shared the machine and the figures are noisier)."
    echo
    echo "| $BENCH_SIZE reports | old | new | new ÷ old |"
    echo "| --- | --- | --- | --- |"
    printf '%s\n' "${MEASURED_ROWS[@]}"
  fi
  echo
  echo "## How long each part took"
  echo
  echo "| part | wall time |"
  echo "| --- | --- |"
  printf '%s\n' "${PARTS[@]}"
} >"$RESULT"
cat "$RESULT"
say "results: $RESULT"

# Large outputs go, unless --keep; a corpus whose sites differ is kept for a look.
if [[ $KEEP != 1 ]]; then
  rm -rf "$WORK/trash" "$WORK/measure" "$WORK/lists"
  if [[ $SAME == 1 ]]; then rm -rf "$WORK/identical"; else say "sites differ: kept in $WORK/identical/"; fi
fi
[[ $SAME == 1 ]]
