#!/usr/bin/env bash
# Quality gates over the reference portal (issue 7): the Nu Html Checker,
# axe-core in headless Chromium (the built site, and the editor's forms in
# `metodist serve`), the layout at phone and desktop width (issue 14), and a
# link crawl over HTTP and from disk.
# Usage: tests/gates/run.sh PATH/TO/metodist [SITE_ROOT]
# (CI passes the release binary; SITE_ROOT defaults to the reference portal.)
# Installs what it needs (Debian chromium and Java, npm packages pinned in
# package-lock.json); a second run skips the installs. Fails on any violation.
set -euo pipefail
gates="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$gates/../.." && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
site="$(cd "${2:-$repo}" && pwd)"
cd "$gates"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v java >/dev/null || need_apt+=(default-jre-headless)
command -v node >/dev/null || need_apt+=(nodejs npm)
command -v python3 >/dev/null || need_apt+=(python3)
if ((${#need_apt[@]})); then
  echo "gates: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
# npm ci only when the lock file changed since the last install.
stamp=node_modules/.metodist-lock
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  echo "gates: npm ci"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  cp package-lock.json "$stamp"
fi

out="$(mktemp -d)"
server=""
preview=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n "$preview" ]]; then kill "$preview" 2>/dev/null || true; wait "$preview" 2>/dev/null || true; fi
  rm -rf "$out"
}
trap cleanup EXIT

"$bin" build --quiet --root "$site" --output "$out/online"
"$bin" build --quiet --root "$site" --output "$out/offline" --offline

passed=0
failed=0
gate() {
  local name="$1"; shift
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "gate $name: ok ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1)); echo "gate $name: FAILED ($((SECONDS - started)) s)"
  fi
}

gate html java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$out/online"

# A static server on loopback only, on a free port.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out/online" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

gate axe node axe.mjs "http://127.0.0.1:$port/" "$out/online"
# Layout at 390 and 1280 px (issue 14); full-page screenshots of the key
# pages stay in target/screenshots/ for a person to look at.
mkdir -p "$repo/target/screenshots"
gate layout node layout.mjs "http://127.0.0.1:$port/" "$out/online" "$repo/target/screenshots"
# The preview with its editor, on another free port (it only reads here).
edit_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" serve --root "$site" --port "$edit_port" >"$out/serve.log" 2>&1 &
preview=$!
for _ in $(seq 300); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$edit_port/__metodist/edit/new')" 2>/dev/null && break
  sleep 0.1
done
gate editor node editor.mjs "http://127.0.0.1:$edit_port/" "$out/online"

gate links-http node links.mjs http "http://127.0.0.1:$port/" "$out/online"
gate links-offline node links.mjs file "$out/offline"

echo "gates: $passed passed, $failed failed"
((failed == 0))
