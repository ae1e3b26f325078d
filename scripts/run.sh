#!/usr/bin/env bash
# Runs the pipeline locally: Azurite on 127.0.0.1:10000-10002 (data kept in .azurite/) and the
# self-host serving http://127.0.0.1:7071/api/. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

require_tools dotnet node npm
install_azurite

if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "==> Created local.settings.json from local.settings.sample.json"
fi

azurite_pid=""
cleanup() {
  if [ -n "$azurite_pid" ] && kill -0 "$azurite_pid" 2>/dev/null; then
    echo "==> Stopping Azurite (pid $azurite_pid)"
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening 10000; then
  echo "==> Something already listens on 127.0.0.1:10000; using it as Azurite."
else
  mkdir -p .azurite
  echo "==> Starting Azurite (data in .azurite/, log in .azurite/azurite.log)"
  # No --debug log: it would record request details of every report. setsid: Ctrl+C reaches
  # only the pipeline, which drains its queue listener; Azurite is stopped after it, on exit.
  setsid node "$AZURITE_JS" --disableTelemetry --skipApiVersionCheck --silent \
    --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  for port in 10000 10001 10002; do
    for _ in $(seq 1 100); do
      listening "$port" && break
      kill -0 "$azurite_pid" 2>/dev/null || { echo "error: Azurite exited; see .azurite/azurite.log" >&2; exit 1; }
      sleep 0.1
    done
    listening "$port" || { echo "error: Azurite is not listening on $port" >&2; exit 1; }
  done
fi

echo "==> Building and starting the pipeline on http://127.0.0.1:7071/api/ (Ctrl+C to stop)"
dotnet run --project functions/Intake.SelfHost -c Release -- --urls http://127.0.0.1:7071
