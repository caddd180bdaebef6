#!/usr/bin/env bash
# Two Streamlit processes on loopback (8511, 8512) behind nginx (127.0.0.1:8080; HTTPS with HTTP/2 on
# 127.0.0.1:8443, self-signed) with sticky sessions.
#
#   deploy/two_processes.sh start   # start all three, wait until healthy
#   deploy/two_processes.sh bench   # burst benchmark through nginx, then against one process alone
#   deploy/two_processes.sh stop    # stop what start started (by the pids it recorded)
#
# Needs Debian's nginx and openssl (apt-get install -y nginx openssl). Everything listens on 127.0.0.1 only.
# The ports and the folder it works in can be changed (the tests use free ports and a folder of their own):
#   RUN=/path HTTP_PORT=8080 HTTPS_PORT=8443 APP_PORTS="8511 8512" deploy/two_processes.sh start
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${RUN:-/tmp/rare-earth-nginx}
PY=${PYTHON:-.venv/bin/python}
HTTP_PORT=${HTTP_PORT:-8080}
HTTPS_PORT=${HTTPS_PORT:-8443}
read -r -a PORTS <<<"${APP_PORTS:-8511 8512}"

# deploy/nginx.conf with this run's folder and ports in place of its defaults.
config() {
  local upstreams=""
  for port in "${PORTS[@]}"; do upstreams+="        server 127.0.0.1:$port;\n"; done
  sed -e "s#/tmp/rare-earth-nginx#$RUN#g" -e "s#127.0.0.1:8080#127.0.0.1:$HTTP_PORT#" -e "s#127.0.0.1:8443#127.0.0.1:$HTTPS_PORT#" \
    -e "/server 127.0.0.1:8512;/d" -e "s#        server 127.0.0.1:8511;#$upstreams#" deploy/nginx.conf >"$RUN/nginx.conf"
}

healthy() { for _ in $(seq 1 120); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }

# Streamlit's bundles (static/static in the installed package) copied where nginx serves them, each
# js, css, json and svg file with a gzip -9 copy beside it for gzip_static.
assets() {
  local src
  src=$("$PY" -c 'import pathlib, streamlit; print(pathlib.Path(streamlit.__file__).parent / "static" / "static")')
  rm -rf "$RUN/www" && mkdir -p "$RUN/www" && cp -r "$src" "$RUN/www/static"
  find "$RUN/www/static" -type f \( -name '*.js' -o -name '*.css' -o -name '*.json' -o -name '*.svg' \) -exec gzip -k -9 {} +
}

# A self-signed certificate for 127.0.0.1, for the demo's HTTPS port; a real host uses its own.
certificate() {
  mkdir -p "$RUN/tls"
  [[ -f "$RUN/tls/cert.pem" ]] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" 2>/dev/null
}

start() {
  mkdir -p "$RUN"
  assets
  certificate
  for port in "${PORTS[@]}"; do
    "$PY" -m streamlit run app.py --server.headless true --server.address 127.0.0.1 --server.port "$port" \
      --browser.gatherUsageStats false >"$RUN/streamlit-$port.log" 2>&1 &
    echo $! >"$RUN/streamlit-$port.pid"
  done
  for port in "${PORTS[@]}"; do healthy "http://127.0.0.1:$port/_stcore/health"; done
  config
  nginx -c "$RUN/nginx.conf" -p "$RUN"
  healthy "http://127.0.0.1:$HTTP_PORT/_stcore/health"
  echo "serving on http://127.0.0.1:$HTTP_PORT and https://127.0.0.1:$HTTPS_PORT (streamlit pids: $(cat "$RUN"/streamlit-*.pid | tr '\n' ' '))"
}

stop() {
  if [[ -f "$RUN/nginx.pid" ]]; then nginx -c "$RUN/nginx.conf" -p "$RUN" -s quit || true; fi
  for port in "${PORTS[@]}"; do
    if [[ -f "$RUN/streamlit-$port.pid" ]]; then kill "$(cat "$RUN/streamlit-$port.pid")" 2>/dev/null || true; rm -f "$RUN/streamlit-$port.pid"; fi
  done
  echo "stopped"
}

bench() {
  local sizes=${SIZES:-"10 30 100"}
  local pids; pids=$(cat "$RUN"/streamlit-*.pid | tr '\n' ' ')
  echo "## two processes behind nginx"
  # shellcheck disable=SC2086
  "$PY" -m bench.bursts --url "http://127.0.0.1:$HTTP_PORT" --pids $pids --sizes $sizes
  echo "## one process, direct"
  # shellcheck disable=SC2086
  "$PY" -m bench.bursts --url "http://127.0.0.1:${PORTS[0]}" --pids "$(cat "$RUN/streamlit-${PORTS[0]}.pid")" --sizes $sizes
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  bench) bench ;;
  *) echo "usage: $0 start|bench|stop" >&2; exit 2 ;;
esac
