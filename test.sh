#!/usr/bin/env bash
# Runs every test of the archive. On a fresh Debian machine it first installs what the tests drive for real:
# Debian's chromium (browser tests), nginx (the real-server test), Node (the browser search client's tests), curl
# (the load.sh that `archive export` writes), Tesseract with its simplified-Chinese model and poppler (scans),
# LibreOffice Writer (.doc), CJK fonts (so screenshots show text), and npm for axe-core (accessibility tests),
# warcio (the WARC files' independent reader) and Citation.js (RIS and BibTeX). Hosting/TestDependenciesTests fails when a test starts a program that is
# not installed here.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; } || missing+=(tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null 2>&1 && command -v pdfunite >/dev/null 2>&1 || missing+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing test dependencies: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The npm packages the tests use, at the versions of tests/js/package-lock.json: axe-core, which the browser tests inject
# into pages; warcio, which reads the WARC files the collector writes as a check independent of our reader; and
# Citation.js, which reads the RIS and BibTeX records report pages offer.
# Skipped when every locked version is in place already, so that a run needs no registry once it has them.
for package in axe-core warcio @citation-js/core @citation-js/plugin-ris @citation-js/plugin-bibtex; do
  locked=$(node -e "console.log(require('./tests/js/package-lock.json').packages['node_modules/$package'].version)")
  installed=$(node -e "try { console.log(require('./tests/js/node_modules/$package/package.json').version) } catch { console.log('') }")
  if [ "$locked" != "$installed" ]; then
    npm ci --prefix tests/js --no-audit --no-fund --silent
    break
  fi
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Archive.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for CI, summed over every test assembly: "N passed, N failed".
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
