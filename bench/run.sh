#!/usr/bin/env bash
# Benchmark harness (issue 4): for each corpus size, generate a deterministic corpus, time full, changed and
# unchanged builds of the Release CLI, index the same report pages with Pagefind 1.6, then time queries in headless
# Chromium for both. Every figure is the median of --runs runs. Never part of the normal test run.
#
#   bench/run.sh [--sizes "1000 10000 50000"] [--runs 3] [--seed 1] [--work /tmp/archive-bench]
#                [--ref GIT-REF] [--no-pagefind] [--pagefind-max N] [--pagefind-runs N] [--no-browser] [--keep]
#
# Results: bench/results/<date>-<size>.md (also printed); logs of every command in <work>/logs/.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SIZES="1000 10000 50000"
RUNS=3
SEED=1
WORK=/tmp/archive-bench
REF=""
PAGEFIND=1
PAGEFIND_MAX=50000
PAGEFIND_RUNS=""
BROWSER=1
KEEP=0
SHARD_PAGES=5000
SHARD_ABOVE=4000

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --ref) REF=$2; shift 2 ;;
    --no-pagefind) PAGEFIND=0; shift ;;
    --pagefind-max) PAGEFIND_MAX=$2; shift 2 ;;
    --pagefind-runs) PAGEFIND_RUNS=$2; shift 2 ;;
    --no-browser) BROWSER=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument $1" >&2; usage ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "--runs must be a positive integer" >&2; exit 2; }
# Pagefind's indexing can be measured fewer times than ours: at 50,000 reports one run of its ten shards takes some
# twenty minutes.
PAGEFIND_RUNS=${PAGEFIND_RUNS:-$RUNS}
[[ $PAGEFIND_RUNS =~ ^[1-9][0-9]*$ ]] || { echo "--pagefind-runs must be a positive integer" >&2; exit 2; }

mkdir -p "$WORK/logs" "$BENCH/results"
LOG=$WORK/logs
say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# The code measured: the working tree, or a committed ref exported whole (so concurrent edits cannot leak in).
SRC=$REPO
if [[ -n $REF ]]; then
  SRC=$WORK/src
  rm -rf "$SRC" && mkdir -p "$SRC"
  git -C "$REPO" archive "$REF" | tar -x -C "$SRC"
fi
COMMIT=$(git -C "$REPO" rev-parse --short "${REF:-HEAD}")
DIRTY=""
if [[ -z $REF && -n $(git -C "$REPO" status --porcelain -- src theme) ]]; then DIRTY=" + uncommitted changes in src/ or theme/"; fi

say "building Release CLI and generator from $SRC ($COMMIT$DIRTY)"
ARTIFACTS=$WORK/artifacts
dotnet build "$SRC/src/Archive.Cli" -c Release --artifacts-path "$ARTIFACTS" >"$LOG/dotnet-build.log" 2>&1 \
  || { tail -20 "$LOG/dotnet-build.log"; exit 1; }
dotnet build "$SRC/bench/CorpusGenerator" -c Release --artifacts-path "$ARTIFACTS" >>"$LOG/dotnet-build.log" 2>&1 \
  || { tail -20 "$LOG/dotnet-build.log"; exit 1; }
CLI=$ARTIFACTS/bin/Archive.Cli/release/Archive.Cli.dll
GENERATOR=$ARTIFACTS/bin/CorpusGenerator/release/CorpusGenerator.dll
[[ -d $BENCH/node_modules/pagefind && -d $BENCH/node_modules/playwright-core ]] || (cd "$BENCH" && npm ci --no-audit --no-fund >"$LOG/npm.log" 2>&1)

# shellcheck source=measure.sh
source "$BENCH/measure.sh"
mb() { du -sb "$1" 2>/dev/null | awk '{ printf "%.1f", $1 / 1048576 }'; }
files() { find "$1" -type f 2>/dev/null | wc -l; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf (a / b < 1 ? "%.2f×" : "%.1f×"), a / b; else print "–" }'; }

for SIZE in $SIZES; do
  LOADS=()
  load() { LOADS+=("$(cut -d' ' -f1 /proc/loadavg)"); }
  load
  DIR=$WORK/n$SIZE
  rm -rf "$DIR" && mkdir -p "$DIR"
  say "n=$SIZE: generating corpus"
  dotnet "$GENERATOR" --reports "$SIZE" --seed "$SEED" --out "$DIR" --repo "$SRC" >"$LOG/generate-$SIZE.log"
  INPUT_MB=$(mb "$DIR/input/reports")
  BUREAUS=$(grep -c '^- id:' "$DIR/input/bureaus.yml")
  build() { measure "$1-$SIZE" dotnet "$CLI" build --input "$DIR/input" --output "$DIR/output" --theme "$SRC/theme" --cache "$DIR/cache"; load; }

  walls=(); rsss=()
  for run in $(seq "$RUNS"); do
    # The previous run's output is moved aside, not deleted: on ext4 without a journal (this VM's, judging by perf's
    # recently_deleted) the kernel will not reuse an inode freed in the last minutes, and after deleting a million
    # files the next build spends minutes of system time skipping them (50k: 199 s of system time, 68 s without).
    # Deleting belongs to no build; it happens last.
    if [[ -e "$DIR/output" ]]; then
      mkdir -p "$DIR/trash" && mv "$DIR/output" "$DIR/trash/output-$run" && mv "$DIR/cache" "$DIR/trash/cache-$run"
    fi
    # Moving aside is not enough after files were deleted earlier (an earlier size, an earlier harness, by hand): ext4
    # without a journal then checks the free inodes it considers against the files just deleted (recently_deleted →
    # find_get_block_common: a quarter of all perf samples), and a 50k full build took 290–304 s instead of
    # 127–133 s. Writing back and dropping the caches first (root only) brought one such build back to 143 s and
    # gives each full build the same start, a cold page cache; it does not help every time (bench/README, session 10).
    drop_caches
    build full; walls+=("$WALL"); rsss+=("$RSS")
    say "n=$SIZE: full build $run/$RUNS: ${WALL}s, ${RSS} MB"
  done
  FULL_WALL=$(median "${walls[@]}"); FULL_RSS=$(median "${rsss[@]}")
  OUT_MB=$(mb "$DIR/output"); OUT_FILES=$(files "$DIR/output")
  INDEX_MB=$(mb "$DIR/output/search"); INDEX_FILES=$(files "$DIR/output/search")
  CACHE_MB=$(mb "$DIR/cache")

  # One paragraph of one report changes: a sentence is appended to its last line.
  CHANGED=$(find "$DIR/input/reports" -name '*.md' | sort | sed -n "$(( (SIZE + 1) / 2 ))p")
  walls=(); rsss=()
  for run in $(seq "$RUNS"); do
    sed -i '$ s/$/本段于基准测试第'"$run"'次修订。/' "$CHANGED"
    build changed; walls+=("$WALL"); rsss+=("$RSS")
    say "n=$SIZE: rebuild after one change $run/$RUNS: ${WALL}s, ${RSS} MB"
  done
  CHANGED_WALL=$(median "${walls[@]}"); CHANGED_RSS=$(median "${rsss[@]}")

  walls=(); rsss=()
  for run in $(seq "$RUNS"); do
    build unchanged; walls+=("$WALL"); rsss+=("$RSS")
    say "n=$SIZE: unchanged rebuild $run/$RUNS: ${WALL}s, ${RSS} MB"
  done
  SAME_WALL=$(median "${walls[@]}"); SAME_RSS=$(median "${rsss[@]}")

  # Pagefind indexes the same report pages (the article, without its table of contents); above SHARD_ABOVE
  # reports in shards of SHARD_PAGES pages, each its own index, searched together with mergeIndex().
  PF_ROW="| Pagefind 1.6 index | not measured | | |"
  BUNDLES=""
  if [[ $PAGEFIND == 1 && $SIZE -le $PAGEFIND_MAX ]]; then
    PAGES=$DIR/pf-pages
    rm -rf "$PAGES"
    mapfile -t reports < <(find "$DIR/output/reports" -maxdepth 1 -name '*.html' | sort)
    if (( ${#reports[@]} > SHARD_ABOVE )); then SHARDS=$(( (${#reports[@]} + SHARD_PAGES - 1) / SHARD_PAGES )); else SHARDS=1; fi
    for shard in $(seq "$SHARDS"); do
      mkdir -p "$PAGES/$shard/reports"
      printf '%s\n' "${reports[@]:$(( (shard - 1) * SHARD_PAGES )):$SHARD_PAGES}" | xargs ln -t "$PAGES/$shard/reports"
      BUNDLES+="${BUNDLES:+,}pagefind-$shard"
    done
    walls=(); rsss=()
    for run in $(seq "$PAGEFIND_RUNS"); do
      total=0; peak=0
      for shard in $(seq "$SHARDS"); do
        rm -rf "$DIR/output/pagefind-$shard"
        measure "pagefind-$SIZE-$shard" bash -c "cd '$BENCH' && exec npx --no-install pagefind --site '$PAGES/$shard' --output-path '$DIR/output/pagefind-$shard' --root-selector article.report --exclude-selectors nav.toc"
        total=$(awk -v a="$total" -v b="$WALL" 'BEGIN { print a + b }'); (( RSS > peak )) && peak=$RSS
      done
      walls+=("$total"); rsss+=("$peak")
      say "n=$SIZE: Pagefind $run/$PAGEFIND_RUNS ($SHARDS index(es)): ${total}s, ${peak} MB"
    done
    PF_WALL=$(median "${walls[@]}"); PF_RSS=$(median "${rsss[@]}")
    PF_MB=0; PF_FILES=0
    for shard in $(seq "$SHARDS"); do
      PF_MB=$(awk -v a="$PF_MB" -v b="$(mb "$DIR/output/pagefind-$shard")" 'BEGIN { print a + b }')
      PF_FILES=$(( PF_FILES + $(files "$DIR/output/pagefind-$shard") ))
    done
    PF_ROW="| Pagefind 1.6 index ($SHARDS index(es) of ≤ $SHARD_PAGES pages; median of $PAGEFIND_RUNS runs) | $PF_WALL s | $PF_RSS MB | $PF_MB MB in $PF_FILES files |"
    PF_RATIO="| Pagefind ÷ our full build (> 1×: we index faster / use less memory) | $(ratio "$PF_WALL" "$FULL_WALL") | $(ratio "$PF_RSS" "$FULL_RSS") | |"
    rm -rf "$PAGES"
  fi

  RESULT=$BENCH/results/$(date +%F)-$SIZE-$COMMIT.md
  {
    echo "# Benchmark: $SIZE reports ($(date +%F), commit $COMMIT$DIRTY)"
    echo
    echo "Corpus: \`CorpusGenerator --reports $SIZE --seed $SEED\`: $SIZE reports of $BUREAUS bureaus, $INPUT_MB MB of report files."
    echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GB memory."
    echo "Each figure is the median of $RUNS runs; wall time and peak memory (max RSS) from /usr/bin/time -v."
    echo "1-minute load average after each build: ${LOADS[*]} (a build keeps both cores busy and waits on the disk, so a figure near or above $(nproc) is the build itself; well above it, other work shared the machine)."
    echo
    echo "| step | wall time | peak memory | size |"
    echo "| --- | --- | --- | --- |"
    echo "| full build (empty output/ and cache) | $FULL_WALL s | $FULL_RSS MB | output $OUT_MB MB in $OUT_FILES files (with .gz/.br); search index $INDEX_MB MB in $INDEX_FILES files; cache $CACHE_MB MB |"
    echo "| rebuild after one report's paragraph changed | $CHANGED_WALL s | $CHANGED_RSS MB | |"
    echo "| rebuild with nothing changed | $SAME_WALL s | $SAME_RSS MB | |"
    echo "$PF_ROW"
    if [[ -n $BUNDLES ]]; then echo "$PF_RATIO"; fi
  } >"$RESULT"

  if [[ $BROWSER == 1 ]]; then
    say "n=$SIZE: queries in headless Chromium"
    node "$BENCH/search.mjs" --site "$DIR/output" --input "$DIR/input" --runs "$RUNS" ${BUNDLES:+--pagefind "$BUNDLES"} \
      >>"$RESULT" 2>"$LOG/search-$SIZE.log" || { say "browser step failed"; tail -20 "$LOG/search-$SIZE.log" >&2; }
  fi
  cat "$RESULT"
  rm -rf "$DIR/trash"
  if [[ $KEEP != 1 ]]; then rm -rf "$DIR"; fi
done
