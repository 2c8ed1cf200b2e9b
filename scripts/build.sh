#!/usr/bin/env bash
# Builds what users get into dist/: the full app (index.html) and the lean
# embedded calculator (embed.html), each its own WebAssembly bundle from the
# same crate. Trunk builds one page at a time and empties its dist folder each
# time, so the embed is built into target/embed-dist and copied beside the app.
# Usage: bash scripts/build.sh [extra trunk flags, e.g. --release]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
DIST="${DIST:-dist}"
trunk build "$@" --dist "$DIST" index.html
trunk build "$@" --dist target/embed-dist embed.html
# Trunk 0.21 writes every page as index.html: the embed's becomes embed.html.
for file in target/embed-dist/*; do
  case "$(basename "$file")" in
    index.html) cp "$file" "$DIST/embed.html" ;;
    *) cp -R "$file" "$DIST/" ;;
  esac
done
