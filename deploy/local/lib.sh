# shellcheck shell=bash
# Shared settings and helpers for deploy/local/*.sh. Source it; do not run it.
set -euo pipefail

LOCAL_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$LOCAL_SCRIPTS_DIR/../.." && pwd)"

# ---- knobs (environment) -----------------------------------------------------
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
MONGO_PORT="${MONGO_PORT:-27017}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"   # seconds, cold start to a successful metadata request
MONGO_START_TIMEOUT="${MONGO_START_TIMEOUT:-30}"    # seconds, start to a successful ping/isMaster
MONGO_HEAP_OPTS="${MONGO_HEAP_OPTS:--Xmx1g -Xms256m}"
MONGO_LOG_LEVEL="${MONGO_LOG_LEVEL:-warn}"          # slf4j-simple: info logs every connection
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"                  # seconds between SIGTERM and SIGKILL
# where the jars go; a second set of servers (another LOCAL_DIR and ports, e.g. the fault suite's)
# shares the installed jars and keeps its own data, logs and pid files
LOCAL_INSTALL_DIR="${LOCAL_INSTALL_DIR:-$LOCAL_DIR}"
mkdir -p "$LOCAL_DIR" "$LOCAL_INSTALL_DIR"
LOCAL_DIR="$(cd "$LOCAL_DIR" && pwd)"
LOCAL_INSTALL_DIR="$(cd "$LOCAL_INSTALL_DIR" && pwd)"

# ---- pinned versions (single source of truth: the build files) -------------
KAFKA_POM="$LOCAL_SCRIPTS_DIR/kafka/pom.xml"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM")"
MONGO_SRC="$LOCAL_SCRIPTS_DIR/mongo"
MONGO_POM="$MONGO_SRC/pom.xml"
MONGO_VERSION="$(sed -n 's:.*<mongo-java-server.version>\(.*\)</mongo-java-server.version>.*:\1:p' "$MONGO_POM")"

# ---- layout under LOCAL_DIR ---------------------------------------------------
LOG_DIR="$LOCAL_DIR/logs"
RUN_DIR="$LOCAL_DIR/run"
KAFKA_HOME="$LOCAL_DIR/kafka"
KAFKA_LIBS="$LOCAL_INSTALL_DIR/kafka/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_CONFIG="$KAFKA_HOME/config/server.properties"
KAFKA_LOG="$LOG_DIR/kafka.log"
KAFKA_PID="$RUN_DIR/kafka.pid"
MONGO_HOME="$LOCAL_DIR/mongo"
MONGO_LIBS="$LOCAL_INSTALL_DIR/mongo/libs"       # the jars, and MongoServerMain.class compiled beside them
MONGO_DATA="$MONGO_HOME/data"
MONGO_DATA_FILE="$MONGO_DATA/tongguan.mv" # H2 MVStore: every database in one file
MONGO_LOG="$LOG_DIR/mongo.log"
MONGO_PID="$RUN_DIR/mongo.pid"

# ---- helpers --------------------------------------------------------------------
log() { printf '[local] %s\n' "$*" >&2; }
die() { printf '[local] ERROR: %s\n' "$*" >&2; exit 1; }

sha_of() { cat "$@" | sha256sum | cut -c1-16; }

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive PIDFILE MARKER: the pid in PIDFILE runs and its command line contains MARKER
# (guards against a recycled pid after a reboot or a crash).
pid_alive() {
  local pidfile=$1 marker=$2 pid
  [ -s "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

KAFKA_MARKER="kafka.Kafka"
MONGO_MARKER="MongoServerMain"

# node_has MODULE: the repo's node_modules can resolve MODULE
node_has() { command -v node >/dev/null 2>&1 && (cd "$REPO_ROOT" && node -e "require.resolve('$1')" >/dev/null 2>&1); }

kafka_installed() { [ -f "$KAFKA_LIBS/.installed" ] && [ "$(cat "$KAFKA_LIBS/.installed")" = "$(kafka_stamp)" ]; }
kafka_stamp() { echo "kafka_2.13=$KAFKA_VERSION pom=$(sha_of "$KAFKA_POM")"; }
mongo_installed() { [ -f "$MONGO_LIBS/.installed" ] && [ "$(cat "$MONGO_LIBS/.installed")" = "$(mongo_stamp)" ]; }
mongo_stamp() { echo "mongo-java-server=$MONGO_VERSION src=$(sha_of "$MONGO_POM" "$MONGO_SRC/MongoServerMain.java")"; }
