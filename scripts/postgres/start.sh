#!/usr/bin/env bash
# PostgreSQL on loopback for development and tests: the shared metadata store of several Mallard
# nodes (MALLARD_METADATA_URL). Creates a cluster in DIR on first use (Debian's postgresql package:
# apt-get install postgresql), starts it on 127.0.0.1 only with trust authentication for the local
# user "mallard", creates the database "mallard", prints the line
#   MALLARD_METADATA_URL=jdbc:postgresql://127.0.0.1:PORT/mallard?user=mallard
# and runs until killed (SIGTERM or SIGINT stop the server cleanly). PORT is free unless given.
# PostgreSQL refuses to run as root: as root, the cluster belongs to the "postgres" user, and DIR's
# parent directories are made traversable (o+x) for it.
#   scripts/postgres/start.sh DIR [PORT]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 DATA_DIR [PORT]" >&2; exit 2; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bin" ] && [ -x "$bin/postgres" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
mkdir -p "$1"
dir="$(cd "$1" && pwd)"
as=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  parent="$(dirname "$dir")"
  while [ "$parent" != / ]; do chmod o+x "$parent"; parent="$(dirname "$parent")"; done
  as=(runuser -u postgres --)
fi

port="${2:-}"
if [ -z "$port" ]; then
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "no free port found" >&2; exit 1; }
fi

if [ ! -s "$dir/PG_VERSION" ]; then
  "${as[@]}" "$bin/initdb" -D "$dir" -U mallard --auth=trust -E UTF8 --no-locale >/dev/null
fi
"${as[@]}" "$bin/postgres" -D "$dir" -h 127.0.0.1 -p "$port" -k "$dir" >>"$dir/server.log" 2>&1 &
server=$!
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir" stop -m fast >/dev/null 2>&1 || kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  exit 0
}
trap stop TERM INT

for _ in $(seq 1 100); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  kill -0 "$server" 2>/dev/null || { echo "PostgreSQL did not start; see $dir/server.log" >&2; tail -n 20 "$dir/server.log" >&2; exit 1; }
  sleep 0.2
done
if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U mallard -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'mallard'" | grep -q 1; then
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U mallard mallard
fi
echo "MALLARD_METADATA_URL=jdbc:postgresql://127.0.0.1:$port/mallard?user=mallard"
wait "$server"
