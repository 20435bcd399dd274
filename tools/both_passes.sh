#!/usr/bin/env bash
# `make test-pg`: the whole suite on SQLite and the PostgreSQL suites on a throwaway cluster, side by side (the
# machine has two cores and each pass mostly keeps one busy), and beside them the bundle's build-and-run test
# (tests/dist: PyInstaller works while the passes wait on their servers and clocks). Each writes its own log,
# printed when all are done; the exit status is the first failure's.
#   tools/both_passes.sh PYTHON "PG SUITES" [PYTEST ARGS...]
set -uo pipefail
python="$1"
pg_suites="$2"
shift 2
logs="$(mktemp -d /tmp/shopdesk-passes.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$logs"' EXIT INT TERM
export QT_QPA_PLATFORM=offscreen

start=$(date +%s)
"$python" -m pytest -p no:cacheprovider --ignore=tests/dist "$@" >"$logs/sqlite.log" 2>&1 &
sqlite=$!
"$python" -m pytest -p no:cacheprovider tests/dist "$@" >"$logs/dist.log" 2>&1 &
dist=$!
# shellcheck disable=SC2086 - the suites are words
tools/pg_cluster.sh "$python" -m pytest -p no:cacheprovider $pg_suites "$@" >"$logs/pg.log" 2>&1 &
pg=$!
wait "$sqlite"; sqlite_rc=$?
sqlite_end=$(date +%s)
wait "$pg"; pg_rc=$?
pg_end=$(date +%s)
wait "$dist"; dist_rc=$?
end=$(date +%s)

echo "=== the whole suite on SQLite (exit $sqlite_rc, $((sqlite_end - start)) s)"
cat "$logs/sqlite.log"
echo "=== $pg_suites on PostgreSQL (exit $pg_rc, $((pg_end - start)) s)"
cat "$logs/pg.log"
echo "=== tests/dist, the bundle (exit $dist_rc, $((end - start)) s)"
cat "$logs/dist.log"
[ "$sqlite_rc" -eq 0 ] || exit "$sqlite_rc"
[ "$pg_rc" -eq 0 ] || exit "$pg_rc"
exit "$dist_rc"
