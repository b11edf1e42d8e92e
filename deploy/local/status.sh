#!/usr/bin/env bash
# Show whether the local Kafka and mongo-java-server are installed and running.
# With --check, also performs a real request against each (metadata / ping+isMaster).
# Exit 0 if both are running (and, with --check, answering), 1 otherwise.
# Usage: deploy/local/status.sh [--check]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check=0; [ "${1:-}" = "--check" ] && check=1
rc=0
show() { # NAME VERSION INSTALLED PIDFILE MARKER PORT PROBE LOG
  local name=$1 version=$2 installed=$3 pidfile=$4 marker=$5 port=$6 probe=$7 logf=$8 state
  if pid_alive "$pidfile" "$marker"; then
    if port_open "$port"; then state="running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
    else state="starting (pid $(cat "$pidfile")), port $port not open yet"; rc=1; fi
  elif port_open "$port"; then state="port 127.0.0.1:$port in use by a process not started by deploy/local"
  else state="stopped"; rc=1; [ -f "$pidfile" ] && state="stopped (stale pid file)"; fi
  printf '%-9s %-8s %-13s %s\n' "$name" "$version" "$($installed && echo installed || echo not-installed)" "$state"
  if [ "$check" = 1 ] && port_open "$port"; then
    if (cd "$REPO_ROOT" && KAFKA_PORT=$KAFKA_PORT MONGO_PORT=$MONGO_PORT node "$LOCAL_SCRIPTS_DIR/$probe" 3 2>&1 | sed 's/^/          /'); then :; else rc=1; fi
  fi
  printf '          log: %s\n' "$logf"
}
show kafka "$KAFKA_VERSION" kafka_installed "$KAFKA_PID" "$KAFKA_MARKER" "$KAFKA_PORT" wait-kafka.js "$KAFKA_LOG"
show mongo "$MONGO_VERSION" mongo_installed "$MONGO_PID" "$MONGO_MARKER" "$MONGO_PORT" wait-mongo.js "$MONGO_LOG"
exit $rc
