#!/bin/bash
# One full build with a fresh cache, three rebuilds after one report changed (a paragraph with a figure appended), and
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
# Each change is a new paragraph long enough to be a text the shared-text search has not seen (from session 21; before
# it, a short one that only the pages and the search index saw), worded differently each time, with a figure.
sentences=(
  "本年度第一次补充说明：新增行政复议案件1件，已依法审结，结果通过政府网站向社会公开。"
  "第二次补充说明如下：全年另行受理群众来信27件，均在法定期限内答复并留存记录。"
  "第三次补充说明：组织开展政务公开业务培训3场，覆盖各科室工作人员，提高了答复质量。"
)
for run in 1 2 3; do
  echo -e "\n${sentences[run-1]}" >> "input/reports/$report"
  build "change $run"
done
build unchanged
{ find o-rebuilds -type f | wc -l; du -sb o-rebuilds; } >> "$results"
