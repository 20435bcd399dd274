#!/usr/bin/env bash
# `make test-pg`: the whole suite on SQLite and the PostgreSQL suites on a throwaway cluster, side by side (the
# machine has two cores and each pass mostly keeps one busy). Each pass writes its own log, printed when both
# are done; the exit status is the first failure's.
#   tools/both_passes.sh PYTHON "PG SUITES" [PYTEST ARGS...]
set -uo pipefail
python="$1"
pg_suites="$2"
shift 2
logs="$(mktemp -d /tmp/shopdesk-passes.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$logs"' EXIT INT TERM
export QT_QPA_PLATFORM=offscreen

start=$(date +%s)
"$python" -m pytest -p no:cacheprovider "$@" >"$logs/sqlite.log" 2>&1 &
sqlite=$!
# shellcheck disable=SC2086 - the suites are words
tools/pg_cluster.sh "$python" -m pytest -p no:cacheprovider $pg_suites "$@" >"$logs/pg.log" 2>&1 &
pg=$!
wait "$sqlite"; sqlite_rc=$?
sqlite_end=$(date +%s)
wait "$pg"; pg_rc=$?
end=$(date +%s)

echo "=== the whole suite on SQLite (exit $sqlite_rc, $((sqlite_end - start)) s)"
cat "$logs/sqlite.log"
echo "=== $pg_suites on PostgreSQL (exit $pg_rc, $((end - start)) s)"
cat "$logs/pg.log"
[ "$sqlite_rc" -eq 0 ] || exit "$sqlite_rc"
exit "$pg_rc"
