#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the test suite.
#
#   .ci/postgres.sh COMMAND ARGS...   install PostgreSQL if needed, start a cluster on 127.0.0.1
#                                     on a free port in a temporary folder, run COMMAND with
#                                     GRIDKEEPER_TEST_DB set to it, stop the server, exit with
#                                     COMMAND's status.
#   .ci/postgres.sh                   same, but only print the URL and leave the server running
#                                     (stop it with: pg_ctl -D <folder> stop, printed too).
#
# initdb refuses to run as root, so as root the cluster belongs to the "postgres" user that
# Debian's package creates; otherwise it belongs to the caller.
set -euo pipefail

SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(pg_bin)" ]; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
BIN="$(pg_bin)"

# Debian's package starts its own cluster on 5432; we do not need it (and leave it alone).
DIR="$(mktemp -d "${TMPDIR:-/tmp}/gridkeeper-pg.XXXXXX")"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DBUSER="gridkeeper"
DBNAME="gridkeeper_test"

if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$DIR"
    chmod 700 "$DIR"
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

# trust on 127.0.0.1 only: a private server on a random port that lives for one test run
as_owner "$BIN/initdb" -D "$DIR/data" -U "$DBUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# fsync off: a crash loses the test data anyway, and it makes per-test databases fast
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$DBUSER" "$DBNAME"

export GRIDKEEPER_TEST_DB="postgresql+psycopg://$DBUSER@127.0.0.1:$PORT/$DBNAME"

stop_server() {
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$DIR"
}

if [ "$#" -eq 0 ]; then
    echo "export GRIDKEEPER_TEST_DB=$GRIDKEEPER_TEST_DB"
    echo "# stop with: $( [ "$(id -u)" -eq 0 ] && echo 'runuser -u postgres -- ')$BIN/pg_ctl -D $DIR/data stop"
    exit 0
fi

trap stop_server EXIT
echo "PostgreSQL on 127.0.0.1:$PORT — GRIDKEEPER_TEST_DB=$GRIDKEEPER_TEST_DB" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
