#!/usr/bin/env bash
# Authentication costs over HTTP on loopback, side by side in one run of one server:
#   1. login latency (Argon2id verification, session creation and its database write) with 1, 4
#      and 16 concurrent clients (the server verifies at most 4 passwords at once);
#   2. the same read route (GET /api/sites, answered from memory) anonymously on an open-access
#      instance, with an API key, and with a session cookie: the difference is the credential check.
# Requires wrk. Targets 127.0.0.1 only. Prints a Markdown table for PERF.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-32}
PASSWORD=bench-password-1
source scripts/bench/lib.sh
require_wrk
start_server MALLARD_ADMIN_PASSWORD=$PASSWORD MALLARD_OPEN_ACCESS=true MALLARD_MAX_LOGIN_ATTEMPTS=0

base="http://127.0.0.1:$port"
session=$(curl -s -i -X POST "$base/api/auth/login" -d "{\"password\":\"$PASSWORD\"}" | grep -o 'mm_session=[0-9a-f]*' | cut -d= -f2)
key=$(curl -s -X POST "$base/api/keys" -H "Cookie: mm_session=$session" -H "Origin: $base" \
  -d '{"name":"bench","scope":"ReadOnly"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
curl -sf -X POST "$base/api/sites" -H "X-API-Key: $key" -d '{"site_id":"bench.test"}' >/dev/null || true

login_lua=$(mktemp --suffix=.lua)
cat > "$login_lua" <<LUA
wrk.method = "POST"
wrk.body = '{"password":"$PASSWORD"}'
wrk.headers["Content-Type"] = "application/json"
LUA
login() { wrk -t1 -c"$1" -d"$DURATION"s --latency -s "$login_lua" "$base/api/auth/login"; }
read_sites() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency "$@" "$base/api/sites"; }

echo "warming up..." >&2
read_sites >/dev/null
read_sites -H "X-API-Key: $key" >/dev/null
login 4 >/dev/null

anonymous=$(read_sites)
with_key=$(read_sites -H "X-API-Key: $key")
with_session=$(read_sites -H "Cookie: mm_session=$session")
login1=$(login 1); login4=$(login 4); login16=$(login 16)
rm -f "$login_lua"

row() { echo "| $1 | $(echo "$2" | rps) | $(echo "$2" | pct 50%) | $(echo "$2" | pct 99%) |"; }
echo "| run | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
row "GET /api/sites anonymous (open access), $CONNECTIONS connections" "$anonymous"
row "GET /api/sites with X-API-Key, $CONNECTIONS connections" "$with_key"
row "GET /api/sites with session cookie, $CONNECTIONS connections" "$with_session"
row "POST /api/auth/login, 1 connection" "$login1"
row "POST /api/auth/login, 4 connections" "$login4"
row "POST /api/auth/login, 16 connections" "$login16"
echo
python3 -c "print(f'API key / anonymous throughput = {$(echo "$with_key" | rps) / $(echo "$anonymous" | rps):.2f}; session / anonymous = {$(echo "$with_session" | rps) / $(echo "$anonymous" | rps):.2f}')"
