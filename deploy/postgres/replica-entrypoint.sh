#!/bin/sh
# The streaming replica: on first start, copy the primary (pg_basebackup -R writes the standby settings),
# then run as a hot standby that serves reads. Later starts resume streaming from where it stopped.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db -U auxpolice -d auxpolice; do sleep 1; done
  PGPASSWORD="${REPLICATION_PASSWORD:-replicator}" pg_basebackup -h db -U replicator -D "$PGDATA" \
    -X stream -R --checkpoint=fast --wait
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
