#!/usr/bin/env bash
# A PostgreSQL streaming standby of the primary on 127.0.0.1:5432, for the read-replica tests
# (docs/operations.md, "Read replicas").
#
#   scripts/standby.sh start   # pg_basebackup -R into a new directory, started on port 5433
#   scripts/standby.sh stop    # stops it and removes its directory
#   scripts/standby.sh status
#
# Settings (environment): PRIMARY_HOST (127.0.0.1), PRIMARY_PORT (5432), PRIMARY_USER (root),
# STANDBY_PORT (5433), STANDBY_DIR (/tmp/throughcare-standby-$STANDBY_PORT).
#
# The primary must allow replication: wal_level replica or logical and max_wal_senders > 0 need
# a restart of the primary if they are not so, which this script does not do: it says so and
# stops. A pg_hba.conf line for replication connections from 127.0.0.1 needs only a reload: if
# there is none and the file is writable, this adds one (marked, removed again by stop) and
# reloads the primary's configuration.
#
# PostgreSQL refuses to run as root: as root, the standby runs as the postgres user.
set -euo pipefail

PRIMARY_HOST="${PRIMARY_HOST:-127.0.0.1}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
PRIMARY_USER="${PRIMARY_USER:-root}"
STANDBY_PORT="${STANDBY_PORT:-5433}"
STANDBY_DIR="${STANDBY_DIR:-/tmp/throughcare-standby-$STANDBY_PORT}"
MARK="# throughcare standby (scripts/standby.sh)"
# A physical replication slot keeps the primary's WAL until the standby has it (without one, a
# busy primary can recycle it between the base backup and the standby's start). Dropped by stop.
SLOT="throughcare_standby_$STANDBY_PORT"

bindir() {
  local version
  version="$(psql_primary -tAc "show server_version_num")"
  echo "/usr/lib/postgresql/$((version / 10000))/bin"
}

psql_primary() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -d postgres -X "$@"; }
psql_standby() { psql -h 127.0.0.1 -p "$STANDBY_PORT" -U "$PRIMARY_USER" -d postgres -X "$@"; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

replication_allowed() {
  psql "host=$PRIMARY_HOST port=$PRIMARY_PORT user=$PRIMARY_USER replication=true" -X \
    -c "IDENTIFY_SYSTEM" >/dev/null 2>&1
}

allow_replication() {
  local wal_level senders hba
  wal_level="$(psql_primary -tAc "show wal_level")"
  senders="$(psql_primary -tAc "show max_wal_senders")"
  if [ "$wal_level" = minimal ] || [ "$senders" = 0 ]; then
    echo "The primary has wal_level=$wal_level and max_wal_senders=$senders: streaming" \
      "replication needs wal_level=replica and max_wal_senders > 0, which take a restart of" \
      "the primary. Not done here." >&2
    exit 1
  fi
  replication_allowed && return 0
  hba="$(psql_primary -tAc "show hba_file")"
  if [ ! -w "$hba" ]; then
    echo "The primary's $hba allows no replication connection from $PRIMARY_HOST and cannot" \
      "be written here: add 'host replication $PRIMARY_USER $PRIMARY_HOST/32 trust' (or" \
      "scram-sha-256) and reload it." >&2
    exit 1
  fi
  # Before the other lines: the first matching line wins.
  local added
  added="$(mktemp)"
  { echo "host replication all $PRIMARY_HOST/32 trust $MARK"; cat "$hba"; } >"$added"
  cat "$added" >"$hba"
  rm -f "$added"
  psql_primary -qtAc "select pg_reload_conf()" >/dev/null
  echo "Added a replication line to $hba and reloaded the primary's configuration."
  for _ in $(seq 20); do replication_allowed && return 0; sleep 0.2; done
  echo "Replication connections are still refused after the reload." >&2
  exit 1
}

start() {
  if psql_standby -tAc "select 1" >/dev/null 2>&1; then
    echo "Something already listens on port $STANDBY_PORT: stop it first." >&2
    exit 1
  fi
  allow_replication
  local bin
  bin="$(bindir)"
  rm -rf "$STANDBY_DIR"
  mkdir -p "$STANDBY_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$STANDBY_DIR"
  chmod 700 "$STANDBY_DIR"
  drop_slot
  as_owner pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" \
    -D "$STANDBY_DIR" -R -X stream -c fast -C -S "$SLOT"
  # Debian keeps the configuration outside the data directory: the copy has none of its own.
  # A hot standby needs these at least as high as the primary's.
  local name limits=""
  for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions \
              max_locks_per_transaction; do
    limits+="$name = $(psql_primary -tAc "show $name")"$'\n'
  done
  as_owner tee "$STANDBY_DIR/postgresql.conf" >/dev/null <<EOF
$limits
port = $STANDBY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$STANDBY_DIR'
hba_file = '$STANDBY_DIR/pg_hba.conf'
ident_file = '$STANDBY_DIR/pg_ident.conf'
hot_standby = on
shared_buffers = 32MB
EOF
  as_owner tee "$STANDBY_DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
  as_owner touch "$STANDBY_DIR/pg_ident.conf"
  as_owner "$bin/pg_ctl" -D "$STANDBY_DIR" -l "$STANDBY_DIR/standby.log" -w -t 60 start >/dev/null
  for _ in $(seq 60); do
    if [ "$(psql_standby -tAc "select pg_is_in_recovery()" 2>/dev/null)" = t ]; then
      echo "Standby of $PRIMARY_HOST:$PRIMARY_PORT streaming on 127.0.0.1:$STANDBY_PORT" \
        "($STANDBY_DIR)."
      return 0
    fi
    sleep 0.5
  done
  echo "The standby did not come up: see $STANDBY_DIR/standby.log" >&2
  tail -5 "$STANDBY_DIR/standby.log" >&2 || true
  exit 1
}

drop_slot() {
  psql_primary -qtAc "select pg_drop_replication_slot(slot_name) from pg_replication_slots
                      where slot_name = '$SLOT' and not active" >/dev/null 2>&1 || true
}

stop() {
  if [ -f "$STANDBY_DIR/PG_VERSION" ]; then
    as_owner "$(bindir)/pg_ctl" -D "$STANDBY_DIR" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$STANDBY_DIR"
    echo "Standby on port $STANDBY_PORT stopped."
  fi
  drop_slot
  local hba
  hba="$(psql_primary -tAc "show hba_file" 2>/dev/null || true)"
  if [ -n "$hba" ] && [ -w "$hba" ] && grep -qF "$MARK" "$hba"; then
    local kept
    kept="$(mktemp)"
    grep -vF "$MARK" "$hba" >"$kept"
    cat "$kept" >"$hba"
    rm -f "$kept"
    psql_primary -qtAc "select pg_reload_conf()" >/dev/null
    echo "Removed the replication line from $hba."
  fi
}

status() {
  psql_primary -tAc "select application_name, state, replay_lsn from pg_stat_replication"
  psql_standby -tAc "select pg_is_in_recovery(), pg_last_wal_replay_lsn()"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
