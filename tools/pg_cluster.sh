#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: initdb in a temp dir, a free port on 127.0.0.1, start,
# run the given command with SHOPDESK_TEST_PG pointing at the server, stop and delete whatever happens.
#   tools/pg_cluster.sh python -m pytest tests/unit
set -euo pipefail

bindir="$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")"
[ -x "$bindir/initdb" ] || { echo "pg_cluster: initdb not found; install PostgreSQL (apt-get install postgresql)" >&2; exit 2; }
export PATH="$bindir:$PATH"

dir="$(mktemp -d /tmp/shopdesk-pg.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
password="shopdesk-test"

# initdb refuses to run as root: run the server as an unprivileged account then.
as=()
if [ "$(id -u)" -eq 0 ]; then
  user="$(id -un postgres 2>/dev/null || echo nobody)"
  chown "$user" "$dir"
  as=(su -s /bin/sh "$user" -c)
fi
run() { if [ ${#as[@]} -gt 0 ]; then "${as[@]}" "$(printf '%q ' "$@")"; else "$@"; fi; }

cleanup() {
  run pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

printf '%s\n' "$password" >"$dir/pwfile"
[ ${#as[@]} -gt 0 ] && chown "$user" "$dir/pwfile"
run initdb -D "$dir/data" --username=shopdesk --pwfile="$dir/pwfile" --auth=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 2; }
# A test cluster: durability off (it is deleted at the end), enough connections for the parallel workers.
run pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 2; }

export SHOPDESK_TEST_PG="postgresql://shopdesk:$password@127.0.0.1:$port/postgres"
echo "pg_cluster: PostgreSQL on 127.0.0.1:$port ($dir)" >&2
"$@"
