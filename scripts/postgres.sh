#!/usr/bin/env bash
# Run a command beside a throwaway PostgreSQL + PostGIS cluster: `bash scripts/postgres.sh CMD...`.
#
# Installs PostgreSQL and PostGIS from Debian's packages when they are missing, starts a cluster in a
# temporary folder on a free loopback port (as `nobody` when run as root, since postgres refuses root),
# creates a database with PostGIS, exports its URL as GAZETTEER_TEST_POSTGRES (and sets
# GAZETTEER_REQUIRE_POSTGRES, so that the PostgreSQL tests cannot skip), runs CMD, and stops and removes
# the cluster when CMD ends, whatever its outcome.
set -euo pipefail

PG_VERSION=${PG_VERSION:-15}
DATABASE=gazetteer_test
SUPERUSER=gazetteer

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

have_postgis() {
    local bin
    bin=$(bindir)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || return 1
    local version
    version=$(basename "$(dirname "$bin")")
    [ -f "/usr/share/postgresql/$version/extension/postgis.control" ]
}

if ! have_postgis; then
    if [ "$(id -u)" != 0 ]; then
        echo "postgres.sh: PostgreSQL + PostGIS are missing; run as root to install them" >&2
        exit 1
    fi
    echo "postgres.sh: installing PostgreSQL $PG_VERSION and PostGIS from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "postgresql-$PG_VERSION" "postgresql-$PG_VERSION-postgis-3" >/dev/null
fi
BIN=$(bindir)

CLUSTER=$(mktemp -d)
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    chown nobody "$CLUSTER"
    as_owner() { runuser -u nobody -- "$@"; }
fi
stop() {
    as_owner "$BIN/pg_ctl" -D "$CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$CLUSTER"
}
trap stop EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner "$BIN/initdb" -D "$CLUSTER/data" -U "$SUPERUSER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$BIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/server.log" -w \
    -o "-k $CLUSTER -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
psql -q -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" -d postgres -c "CREATE DATABASE $DATABASE"
psql -q -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" -d "$DATABASE" -c "CREATE EXTENSION postgis"

export GAZETTEER_TEST_POSTGRES="postgresql://$SUPERUSER@127.0.0.1:$PORT/$DATABASE"
export GAZETTEER_REQUIRE_POSTGRES=1
echo "postgres.sh: PostgreSQL $(basename "$(dirname "$BIN")") + PostGIS at $GAZETTEER_TEST_POSTGRES" >&2
"$@"
