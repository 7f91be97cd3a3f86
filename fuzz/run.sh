#!/usr/bin/env bash
# Fuzzes every target for SECONDS each (default 60) from a seed corpus made
# of the reference portal and the init example; crashes land in
# fuzz/artifacts/TARGET/ (turn each into a regression test).
#   bash fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain is
# let through its nightly flags with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(site_file indicator_table http_request typography)
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

python3 - <<'PY'
import os, pathlib
root = pathlib.Path('..')
def seeds(target, items):
    d = pathlib.Path('corpus') / target
    d.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(items):
        (d / f'seed-{i:04}').write_bytes(data)
init = sorted(p for p in (root / 'src/types/init-site').rglob('*')
              if p.suffix in ('.md', '.yaml', '.toml'))
portal = sorted(p for p in (root / 'content').rglob('*') if p.suffix in ('.md', '.yaml'))
seeds('site_file', [bytes([i % 256]) + p.read_bytes() for i, p in enumerate(init)] +
      [bytes([i % 256]) + p.read_bytes()[:20000] for i, p in enumerate(portal[:200])])
formats = {'.csv': 0, '.xlsx': 1, '.ods': 2, '.yaml': 3}
tables = [p for p in root.rglob('*') if p.suffix in formats and 'target' not in p.parts
          and 'fuzz' not in p.parts and p.stat().st_size < 200000
          and ('monitoring' in p.parts or p.suffix != '.yaml')]
seeds('indicator_table', [bytes([formats[p.suffix]]) + p.read_bytes() for p in tables[:100]])
seeds('http_request', [
    b'GET / HTTP/1.1\r\nHost: 127.0.0.1:1111\r\n\r\n',
    b'GET /metod/praktiki/?q=%D0%BF HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
    b'POST /x HTTP/1.1\r\nContent-Length: 3\r\nOrigin: http://127.0.0.1:1111\r\n\r\nabc',
    b'GET /__metodist/reload HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Key: a\r\n\r\n',
    b'GET /%2e%2e/etc/passwd HTTP/1.0\r\n\r\n',
])
seeds('typography', [p.read_bytes()[:20000] for p in portal[:300] if p.suffix == '.md'])
PY

for t in "${targets[@]}"; do
  echo "== $t: ${seconds} s"
  log=$(mktemp)
  status=0
  cargo fuzz run --release "$t" "corpus/$t" -- -max_total_time="$seconds" \
    -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || status=$?
  rm -rf /dev/shm/metodist-fuzz-* "${TMPDIR:-/tmp}"/metodist-fuzz-*
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)" "$log" || true
  if ((status)) || compgen -G "artifacts/$t/*" >/dev/null; then
    # A failed build, a crash or a hang: show why, and fail.
    grep -vE "^\s+([0-9]+:|at )" "$log" | tail -40 >&2
    echo "fuzz target $t failed (exit $status); inputs that crash are in fuzz/artifacts/$t/" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
done
