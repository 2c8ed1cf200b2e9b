#!/usr/bin/env bash
# Installs what is missing, then serves what users get: the release build of
# both pages (index.html, the whole app, and embed.html, the embed bundle) on
# http://127.0.0.1:8080/. With --dev, Trunk's debug build of the whole app,
# rebuilt on save (embed.html then falls back to the app).
#
#   bash scripts/serve.sh [--dev] [--port N]
set -euo pipefail
cd "$(dirname "$0")/.."
dev=; port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) dev=1 ;;
    --port) port=$2; shift ;;
    *) echo "usage: bash scripts/serve.sh [--dev] [--port N]" >&2; exit 2 ;;
  esac
  shift
done
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if [ -n "$dev" ]; then
  exec trunk serve --port "$port"
fi
bash scripts/build.sh --release
echo "Serving dist/ on http://127.0.0.1:$port/ (index.html and embed.html)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
