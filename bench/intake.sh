#!/usr/bin/env bash
# Intake speeds (issue 18): 'archive import' of a text-layer PDF of about 500 pages and of scans, on one core
# (taskset -c 0) and on all, with the figures printed as a markdown table. Needs poppler-utils (pdfunite), Tesseract
# with chi_sim, and util-linux's taskset. Usage: bench/intake.sh [--runs N] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
work=$(mktemp -d)
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

printed=tests/Archive.Tests/Fixtures/printed
dotnet build -c Release src/Archive.Cli -v q >/dev/null
cli="dotnet src/Archive.Cli/bin/Release/net10.0/Archive.Cli.dll"
seed=$printed/004_bf76a7a4269b246c.pdf
pages_one=$(pdfinfo "$seed" | awk '/^Pages:/ {print $2}')
copies=$(( (500 + pages_one - 1) / pages_one ))
pdfunite $(for _ in $(seq "$copies"); do echo "$seed"; done) "$work/big.pdf"
big_pages=$(pdfinfo "$work/big.pdf" | awk '/^Pages:/ {print $2}')
scan=$printed/001_cd0fd2eb8dd78658.scan.pdf
scan_pages=$(pdfinfo "$scan" | awk '/^Pages:/ {print $2}')

# Seconds for one import of $2 into a fresh input/, under the CPU list $1; the median of $runs runs.
seconds() {
  local cpus=$1 file=$2 times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/input"
    local start end
    start=$(date +%s.%N)
    taskset -c "$cpus" $cli import --input "$work/input" "$file" >/dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'
}

all=$(nproc)
echo "| file | pages | cores | seconds (median of $runs, process start included) | pages per second |"
echo "| --- | --- | --- | --- | --- |"
for cpus in 0 "0-$((all - 1))"; do
  cores=$([ "$cpus" = 0 ] && echo 1 || echo "$all")
  s=$(seconds "$cpus" "$work/big.pdf")
  echo "| text-layer PDF ($copies × $(basename "$seed")) | $big_pages | $cores | $s | $(echo "$big_pages / $s" | bc -l | xargs printf '%.0f') |"
  s=$(seconds "$cpus" "$scan")
  echo "| scan, OCR at 300 dpi ($(basename "$scan")) | $scan_pages | $cores | $s | $(echo "$scan_pages / $s" | bc -l | xargs printf '%.2f') |"
done
