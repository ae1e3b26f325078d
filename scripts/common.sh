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
