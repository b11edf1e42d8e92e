#!/usr/bin/env bash
# Stop both servers (down.sh) and delete their data, logs and generated config.
# Keeps the downloaded Kafka jars and the mongo-java-server jars. Idempotent.
# Usage: deploy/local/reset.sh   (then deploy/local/up.sh for a fresh, empty start)
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LOCAL_SCRIPTS_DIR/down.sh"
log "deleting data: $KAFKA_DATA $MONGO_DATA $(dirname "$KAFKA_CONFIG") $LOG_DIR $RUN_DIR"
rm -rf "$KAFKA_DATA" "$MONGO_DATA" "$(dirname "$KAFKA_CONFIG")" "$LOG_DIR" "$RUN_DIR" "$LOCAL_DIR/endpoints.env"
log "reset done (kept $KAFKA_LIBS and $MONGO_LIBS)"
