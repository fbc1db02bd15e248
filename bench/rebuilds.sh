#!/bin/bash
# One full build with a fresh cache, three rebuilds after one report changed (a sentence with a figure appended), and
# one rebuild with nothing changed, each timed with its peak memory (session 19's table in README.md).
#   bench/rebuilds.sh <cli folder> <corpus folder, holding input/> <report file under input/reports/> <results file> [theme]
# The output and cache go to <corpus>/o-rebuilds and <corpus>/c-rebuilds. The theme is this checkout's unless given
# (an older CLI is measured with its own theme: git archive <ref> theme | tar -x -C <folder>).
set -euo pipefail
cli=$(realpath "$1"); corpus=$(realpath "$2"); report=$3; results=$(realpath -m "$4")
theme=$(realpath "${5:-$(dirname "$0")/../theme}")
cd "$corpus"
: > "$results"
rm -rf o-rebuilds c-rebuilds
build() { /usr/bin/time -f "$1: %e s %U user %S sys %M KB" "$cli/Archive.Cli" build -t "$theme" -o o-rebuilds --cache c-rebuilds --precompress none 2>&1 | tail -2 >> "$results"; }
build full
for run in 1 2 3; do
  echo -e "\n第${run}次计时修改的段落，新增案件${run}件。" >> "input/reports/$report"
  build "change $run"
done
build unchanged
{ find o-rebuilds -type f | wc -l; du -sb o-rebuilds; } >> "$results"
