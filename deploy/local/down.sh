#!/usr/bin/env bash
# Stop the local Kafka and mongo-java-server started by up.sh: SIGTERM, wait up to
# STOP_TIMEOUT (30 s), then SIGKILL; removes the pid files. Idempotent.
# Only processes recorded in <LOCAL_DIR>/run/*.pid (and still matching) are signalled.
# Usage: deploy/local/down.sh [kafka|mongo]...   (default: both)
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_one() { # NAME PIDFILE MARKER PORT
  local name=$1 pidfile=$2 marker=$3 port=$4 pid t0=$SECONDS
  if pid_alive "$pidfile" "$marker"; then
    pid="$(cat "$pidfile")"
    log "$name: stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
      if [ $((SECONDS - t0)) -ge "$STOP_TIMEOUT" ]; then
        log "$name: still running after ${STOP_TIMEOUT}s, SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; break
      fi
      sleep 0.2
    done
    log "$name: stopped in $((SECONDS - t0))s"
  else
    [ -f "$pidfile" ] && log "$name: removing stale pid file" || log "$name: not running"
  fi
  rm -f "$pidfile"
  if port_open "$port"; then log "$name: note: 127.0.0.1:$port is still in use by a process not started by deploy/local"; fi
}

what=("$@"); [ ${#what[@]} -gt 0 ] || what=(kafka mongo)
for w in "${what[@]}"; do
  case "$w" in
    kafka) stop_one kafka "$KAFKA_PID" "$KAFKA_MARKER" "$KAFKA_PORT" ;;
    mongo) stop_one mongo "$MONGO_PID" "$MONGO_MARKER" "$MONGO_PORT" ;;
    *) die "unknown component: $w (kafka|mongo)" ;;
  esac
done
