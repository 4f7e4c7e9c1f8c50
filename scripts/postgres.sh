#!/usr/bin/env bash
# A throwaway PostgreSQL server for the vote collector's tests and benchmark, on 127.0.0.1 only,
# in a temporary folder (Debian's postgresql package; scripts/setup.sh --tests installs it).
#
#   scripts/postgres.sh start DIR [PORT]   # prints the database URL (PORT: a free one from 55432)
#   scripts/postgres.sh stop DIR
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
set -euo pipefail
action=${1:-}; dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: scripts/postgres.sh start|stop DIR [PORT]" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL's server is not installed (scripts/setup.sh --tests installs it)." >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    port=${3:-}
    if [ -z "$port" ]; then
      # The first port from 55432 on that nothing answers on.
      port=55432
      while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    fi
    mkdir -p "$dir"
    # The server runs as postgres: it must reach the folder.
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; chmod o+x "$(dirname "$dir")"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres verdicts
    echo "postgres://postgres@127.0.0.1:$port/verdicts"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: scripts/postgres.sh start|stop DIR [PORT]" >&2; exit 2 ;;
esac
