#!/usr/bin/env bash
# Runs every check and test of Weibao: installs what is missing (Debian packages), builds,
# checks formatting and migrations, then runs the unit, integration (SQLite + a real
# PostgreSQL started by the tests) and browser (Debian's Chromium) tests.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s\n' "$*"; }

step "System packages"
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# Label tests read PDFs back: poppler renders pages, zbar decodes the QR codes.
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "all present"
fi

step "Restore and build"
dotnet tool restore >/dev/null
dotnet restore Weibao.slnx
dotnet build Weibao.slnx -c Release --no-restore -nologo -clp:ErrorsOnly

step "Formatting (dotnet format --verify-no-changes)"
dotnet format Weibao.slnx --verify-no-changes --no-restore

step "Migrations match the model (both providers)"
for provider in Sqlite Postgres; do
  dotnet ef migrations has-pending-model-changes --no-build --configuration Release \
    --project "src/Weibao.Migrations.$provider" --startup-project "src/Weibao.Migrations.$provider"
done

passed=0
failed=0
run_tests() {
  local project=$1 log
  log=$(mktemp)
  step "Tests: $project"
  local status=0
  dotnet test "tests/$project" -c Release --no-build --logger "console;verbosity=normal" >"$log" 2>&1 || status=$?
  # Failures with their messages; passing tests are only counted.
  grep -E -A8 '^\s+Failed [A-Za-z]|: error ' "$log" || true
  # Normal verbosity prints one "Passed <name>" or "Failed <name>" line per test.
  local p f
  p=$(grep -cE '^\s+Passed [A-Za-z]' "$log" || true)
  f=$(grep -cE '^\s+Failed [A-Za-z]' "$log" || true)
  passed=$((passed + p))
  failed=$((failed + f))
  echo "$project: $p passed, $f failed"
  rm -f "$log"
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    failed=$((failed + 1))
  fi
}

run_tests Weibao.Domain.Tests
run_tests Weibao.Web.Tests
run_tests Weibao.E2E

echo
echo "Screenshots of the browser tests: tests/Weibao.E2E/bin/Release/net10.0/screenshots/"
echo "Tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
