#!/usr/bin/env bash
# Fetch/build the local infrastructure if missing (idempotent):
#   - Kafka broker classpath: mvn dependency:copy-dependencies on deploy/local/kafka/pom.xml
#       -> <LOCAL_DIR>/kafka/libs
#   - FerretDB (SQLite backend): go build of deploy/local/ferretdb -> <LOCAL_DIR>/bin/ferretdb
# Skips each part whose stamp (pinned version + hash of its build files) matches.
# Usage: deploy/local/install.sh [kafka|ferretdb]...   (default: both)
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_kafka() {
  if kafka_installed; then log "kafka $KAFKA_VERSION: already installed ($KAFKA_LIBS)"; return; fi
  command -v java >/dev/null || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  log "kafka $KAFKA_VERSION: fetching jars with Maven into $KAFKA_LIBS ..."
  local t0=$SECONDS tmp="$KAFKA_HOME/libs.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$KAFKA_HOME"
  (cd "$LOCAL_SCRIPTS_DIR/kafka" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g; /^[[:space:]]*$/d' >&2) \
    || { rm -rf "$tmp"; die "mvn dependency:copy-dependencies failed"; }
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"; }
  rm -rf "$KAFKA_LIBS"; mv "$tmp" "$KAFKA_LIBS"
  kafka_stamp >"$KAFKA_LIBS/.installed"
  log "kafka $KAFKA_VERSION: $(ls "$KAFKA_LIBS"/*.jar | wc -l) jars in $((SECONDS - t0))s"
}

install_ferretdb() {
  if ferretdb_installed; then log "ferretdb $FERRETDB_VERSION: already built ($FERRETDB_BIN)"; return; fi
  local go; go="$(find_go)" || die "go not found (need Go 1.24+)"
  log "ferretdb $FERRETDB_VERSION: building with $("$go" version | cut -d' ' -f3) into $FERRETDB_BIN (takes ~2-3 min on 2 cores) ..."
  local t0=$SECONDS tmp="$FERRETDB_BIN.tmp.$$"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  (cd "$FERRETDB_SRC" && GOTOOLCHAIN=local GOFLAGS=-buildvcs=false CGO_ENABLED=0 "$go" build -trimpath -o "$tmp" .) \
    || { rm -f "$tmp"; die "go build of FerretDB failed"; }
  mv -f "$tmp" "$FERRETDB_BIN"
  ferretdb_stamp >"$FERRETDB_BIN.stamp"
  log "ferretdb $FERRETDB_VERSION: built in $((SECONDS - t0))s"
}

what=("$@"); [ ${#what[@]} -gt 0 ] || what=(kafka ferretdb)
mkdir -p "$RUN_DIR"
# one installer at a time (up.sh may be called concurrently, e.g. by parallel test runners)
exec 8>"$RUN_DIR/install.lock"; flock 8
for w in "${what[@]}"; do
  case "$w" in
    kafka) install_kafka ;;
    ferretdb|mongo) install_ferretdb ;;
    *) die "unknown component: $w (kafka|ferretdb)" ;;
  esac
done
