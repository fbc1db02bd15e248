# Helpers shared by run.sh and compare.sh (sourced, not run). They expect WORK (scratch folder), LOG (log folder)
# and a say function.

# Runs a command under /usr/bin/time -v; sets WALL (seconds) and RSS (MB). Stops the harness when it fails.
measure() {
  local name=$1; shift
  if ! /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$LOG/$name.log" 2>&1; then
    say "failed: $*"; tail -20 "$LOG/$name.log" >&2; exit 1
  fi
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/time.txt")
  RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
}

# Writes back and drops the page cache (root only), so that each full build starts alike.
drop_caches() { sync; if [[ -w /proc/sys/vm/drop_caches ]]; then echo 3 >/proc/sys/vm/drop_caches; fi; }

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
