#!/usr/bin/env bash
# Restore drill (docs/operations.md): restore a pg_dump custom-format dump into a new, empty
# database on the server of DATABASE_URL, run `manage.py verify_access_log` against it, and drop
# it again. Exits non-zero when the restore fails or the access log does not verify.
#
#   DATABASE_URL=postgres://overgang@db:5432/overgang scripts/restore_drill.sh backup.dump
#
# Environment: DATABASE_URL (required: the server, and a database to connect to for CREATE and
# DROP DATABASE; it is never written to), ACCESS_LOG_KEY / ACCESS_LOG_OLD_KEYS and
# ACCESS_LOG_ANCHOR_FILE as in production (the anchors verify the chain's head), DRILL_DATABASE
# (name of the database to make; default overgang_restore_drill_<time>), KEEP_DRILL_DATABASE=1
# to keep it for inspection, PYTHON (default .venv/bin/python, else python).
set -euo pipefail
cd "$(dirname "$0")/.."

dump=${1:?usage: scripts/restore_drill.sh DUMP_FILE}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL server (postgres://user@host:port/db)}"
drill=${DRILL_DATABASE:-overgang_restore_drill_$(date +%Y%m%d%H%M%S)_$$}
if [[ ! "$drill" =~ ^[a-z0-9_]+$ ]]; then
  echo "DRILL_DATABASE may hold only a-z, 0-9 and _: $drill" >&2
  exit 2
fi
server=${DATABASE_URL%/*}
drill_url="$server/$drill"
python=${PYTHON:-}
if [ -z "$python" ]; then
  if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python; fi
fi

drop() {
  if [ "${KEEP_DRILL_DATABASE:-0}" = 1 ]; then
    echo "Kept the drill database $drill."
  else
    psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS \"$drill\" WITH (FORCE)"
  fi
}

echo "== Creating the empty database $drill"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$drill\""
trap drop EXIT

echo "== Restoring $dump"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$drill_url" "$dump"

echo "== Verifying the access log"
DATABASE_URL="$drill_url" "$python" manage.py verify_access_log
echo "== Restore drill passed"
