#!/usr/bin/env bash
# Runs every test: unit, integration against Azurite and end-to-end over HTTP. Each test project
# starts its own Azurite on loopback ports the kernel chooses (so this works while scripts/run.sh runs) and
# stops it; anything a crashed test leaves behind is stopped here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

require_tools dotnet node npm
install_azurite
install_places_data
install_console_assets
install_chromium

pid_dir=$(mktemp -d)
export INTAKE_TEST_PID_DIR="$pid_dir"
log=$(mktemp)
cleanup() {
  for file in "$pid_dir"/*.pid; do
    [ -e "$file" ] || continue
    kill "$(cat "$file")" 2>/dev/null || true
  done
  rm -rf "$pid_dir" "$log"
}
trap cleanup EXIT

echo "==> Building (warnings are errors)"
dotnet build Intake.sln -c Release --nologo -v quiet

echo "==> Checking formatting"
dotnet format Intake.sln --verify-no-changes --no-restore

echo "==> Running tests"
status=0
dotnet test Intake.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One summary line over all test projects, in the plain 'N passed, N failed' form.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
