# Shared by run.sh and test.sh: checks the tools and installs Azurite into tools/azurite.
# shellcheck shell=bash

AZURITE_JS="tools/azurite/node_modules/azurite/dist/src/azurite.js"

require_tools() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "error: missing required tools: ${missing[*]}" >&2
    echo "       install the .NET 10 SDK and Node.js 20 (with npm) first." >&2
    exit 1
  fi
}

install_azurite() {
  if [ ! -f "$AZURITE_JS" ]; then
    echo "==> Installing Azurite (local Azure Storage emulator) into tools/azurite"
    npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
  fi
}

# The npm data packages the gazetteer (places/gazetteer.bin.gz) is generated from. Only the test
# that checks the committed resource against them needs these; the app embeds the resource.
install_places_data() {
  if [ ! -d tools/places-data/node_modules/world-atlas ]; then
    echo "==> Installing the gazetteer's data packages into tools/places-data"
    npm ci --prefix tools/places-data --no-audit --no-fund --ignore-scripts --loglevel=error
  fi
}

# The web console's npm packages (Leaflet, topojson-client, world-atlas, MSAL.js; axe-core for its tests).
# Building Intake.Core installs them too when they are missing; the build embeds them.
install_console_assets() {
  if [ ! -f console/node_modules/leaflet/dist/leaflet.js ] || [ ! -f console/node_modules/axe-core/axe.min.js ] \
    || [ ! -f console/node_modules/@azure/msal-browser/lib/msal-browser.min.js ]; then
    echo "==> Installing the console's npm packages into console/node_modules"
    npm ci --prefix console --no-audit --no-fund --ignore-scripts --loglevel=error
  fi
}

# The console's browser tests drive Debian's Chromium (Playwright cannot download its own browsers
# here). Installed with apt when missing; without root or apt the tests cannot run, so stop and say how.
install_chromium() {
  if [ -n "${INTAKE_CHROMIUM:-}" ] && [ -x "$INTAKE_CHROMIUM" ]; then
    return
  fi
  if command -v chromium >/dev/null 2>&1; then
    return
  fi
  echo "==> Installing Debian's chromium for the console's browser tests"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! command -v apt-get >/dev/null 2>&1 \
    || ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }; then
    echo "error: Chromium is missing and could not be installed with apt." >&2
    echo "       install it ('sudo apt-get install chromium') or set INTAKE_CHROMIUM to a Chromium binary." >&2
    exit 1
  fi
}
