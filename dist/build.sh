#!/usr/bin/env bash
# The archives a methodologist downloads: one program with the default theme
# inside, the Russian docs and «Как начать» — for Linux x86_64 (.tar.gz) and
# Windows x86_64 (.zip, built with Debian's mingw-w64). Then a smoke test of
# each: the Linux program unpacked alone into an empty folder runs init,
# build and serve; the Windows one is checked to be a 64-bit PE program and,
# where wine is installed, runs init and build under it.
#
#   bash dist/build.sh            # archives in target/dist/
#   SKIP_WINDOWS=1 bash dist/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

out=${OUT:-target/dist}
target_dir=${CARGO_TARGET_DIR:-target}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The docs for authors (docs/types.md and docs/filters.md are for developers).
author_docs=(docs/README.md docs/pervyi-sait.md docs/yaml-i-markdown.md docs/content-model.md
  docs/indicators.md docs/foto.md docs/theme.md)

stage() { # stage DIR PROGRAM: the folder that becomes the archive
  local dir=$1 program=$2
  rm -rf "$dir"
  mkdir -p "$dir/docs"
  cp "$program" "$dir/"
  cp dist/КАК-НАЧАТЬ.txt "$dir/"
  cp "${author_docs[@]}" "$dir/docs/"
  cp README.md "$dir/docs/README-разработчикам.md"
}

echo "== Linux x86_64"
cargo build --release --locked
linux=metodist-$version-linux-x86_64
stage "$out/$linux" "$target_dir/release/metodist"
tar -C "$out" -czf "$out/$linux.tar.gz" "$linux"
echo "   $out/$linux.tar.gz ($(du -h "$out/$linux.tar.gz" | cut -f1))"

echo "== Linux smoke test: the archive alone, no Rust, no theme folder"
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
tar -C "$smoke" -xzf "$out/$linux.tar.gz"
bin="$smoke/$linux/metodist"
(cd "$smoke" && "$bin" init sait >/dev/null)
test ! -e "$smoke/sait/themes" || { echo "init copied a theme folder" >&2; exit 1; }
(cd "$smoke/sait" && "$bin" build >/dev/null)
test -s "$smoke/sait/public/index.html"
test -s "$smoke/sait/public/css/site.css"
port=$((20000 + RANDOM % 20000))
(cd "$smoke/sait" && "$bin" serve --port "$port" >"$smoke/serve.log" 2>&1 &
  echo $! >"$smoke/serve.pid")
for _ in $(seq 1 50); do
  if curl -fsS "http://127.0.0.1:$port/" -o "$smoke/home.html" 2>/dev/null; then break; fi
  sleep 0.2
done
kill "$(cat "$smoke/serve.pid")" 2>/dev/null || true
grep -q '<html lang="ru"' "$smoke/home.html" || { cat "$smoke/serve.log" >&2; echo "serve did not answer" >&2; exit 1; }
echo "   init, build and serve work"

if [[ "${SKIP_WINDOWS:-}" == 1 ]]; then
  echo "== Windows: skipped (SKIP_WINDOWS=1)"
  exit 0
fi

echo "== Windows x86_64"
win_target=x86_64-pc-windows-gnu
if ! rustup target list --installed | grep -qx "$win_target" \
  && ! rustup target add "$win_target"; then
  # The standard library for the target comes from rustup's server, which a
  # CI machine may not reach; say so loudly rather than fail every landing.
  echo "!! Windows archive NOT built: rustup could not fetch the $win_target standard library" >&2
  [[ "${REQUIRE_WINDOWS:-}" == 1 ]] && exit 1
  exit 0
fi
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
cargo build --release --locked --target "$win_target"
exe="$target_dir/$win_target/release/metodist.exe"
windows=metodist-$version-windows-x86_64
stage "$out/$windows" "$exe"
(cd "$out" && rm -f "$windows.zip" && python3 -m zipfile -c "$windows.zip" "$windows")
echo "   $out/$windows.zip ($(du -h "$out/$windows.zip" | cut -f1))"

python3 - "$exe" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:2] == b"MZ", "no MZ header"
pe = struct.unpack_from("<I", data, 0x3C)[0]
assert data[pe:pe + 4] == b"PE\0\0", "no PE signature"
machine = struct.unpack_from("<H", data, pe + 4)[0]
assert machine == 0x8664, f"not x86_64: {machine:#x}"
subsystem = struct.unpack_from("<H", data, pe + 24 + 68)[0]
assert subsystem == 3, f"not a console program: {subsystem}"
assert len(data) > 2_000_000, f"too small to hold the theme: {len(data)} bytes"
print(f"   PE32+ x86_64 console program, {len(data) / 1e6:.1f} MB")
PY

wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
if [[ -x "$wine" ]]; then
  echo "== Windows smoke test under wine"
  # Debian 12's wine 8 lacks bcryptprimitives.dll (Windows 10 has it), which
  # Rust's standard library imports for random numbers; a two-line stand-in
  # built for the test only, never shipped.
  wdir="$smoke/windows"
  mkdir -p "$wdir"
  cp "$exe" "$wdir/"
  cat >"$smoke/prng.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return len <= 0xFFFFFFFF && SystemFunction036(data, (ULONG)len);
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$wdir/bcryptprimitives.dll" "$smoke/prng.c" -ladvapi32
  export WINEPREFIX="$smoke/wineprefix" WINEDEBUG=-all
  timeout 300 "$wine" wineboot --init >/dev/null 2>&1 || true
  (cd "$wdir" && timeout 300 "$wine" ./metodist.exe init sait >/dev/null 2>&1 || true)
  (cd "$wdir/sait" && timeout 300 "$wine" ../metodist.exe build >/dev/null 2>&1)
  test -s "$wdir/sait/public/index.html" || { echo "metodist.exe build under wine made no site" >&2; exit 1; }
  grep -q '<html lang="ru"' "$wdir/sait/public/index.html"
  echo "   metodist.exe init and build work under wine"
else
  echo "== Windows smoke test: wine not installed, only the PE check ran"
fi
