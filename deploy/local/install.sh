#!/usr/bin/env bash
# Fetch/build the local infrastructure if missing (idempotent):
#   - Kafka broker classpath: mvn dependency:copy-dependencies on deploy/local/kafka/pom.xml
#       -> <LOCAL_DIR>/kafka/libs
#   - mongo-java-server (H2 backend): mvn dependency:copy-dependencies on deploy/local/mongo/pom.xml
#       + javac of its launcher MongoServerMain.java -> <LOCAL_DIR>/mongo/libs
# Skips each part whose stamp (pinned version + hash of its build files) matches.
# Usage: deploy/local/install.sh [kafka|mongo]...   (default: both)
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_kafka() {
  if kafka_installed; then log "kafka $KAFKA_VERSION: already installed ($KAFKA_LIBS)"; return; fi
  command -v java >/dev/null || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  log "kafka $KAFKA_VERSION: fetching jars with Maven into $KAFKA_LIBS ..."
  local t0=$SECONDS tmp="$KAFKA_LIBS.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$(dirname "$KAFKA_LIBS")"
  (cd "$LOCAL_SCRIPTS_DIR/kafka" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g; /^[[:space:]]*$/d' >&2) \
    || { rm -rf "$tmp"; die "mvn dependency:copy-dependencies failed"; }
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"; }
  rm -rf "$KAFKA_LIBS"; mv "$tmp" "$KAFKA_LIBS"
  kafka_stamp >"$KAFKA_LIBS/.installed"
  log "kafka $KAFKA_VERSION: $(ls "$KAFKA_LIBS"/*.jar | wc -l) jars in $((SECONDS - t0))s"
}

install_mongo() {
  if mongo_installed; then log "mongo-java-server $MONGO_VERSION: already installed ($MONGO_LIBS)"; return; fi
  command -v javac >/dev/null || die "javac not found (mongo-java-server's launcher needs a JDK 17+)"
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  log "mongo-java-server $MONGO_VERSION: fetching jars with Maven into $MONGO_LIBS ..."
  local t0=$SECONDS tmp="$MONGO_LIBS.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$(dirname "$MONGO_LIBS")"
  (cd "$MONGO_SRC" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g; /^[[:space:]]*$/d' >&2) \
    || { rm -rf "$tmp"; die "mvn dependency:copy-dependencies failed"; }
  ls "$tmp"/mongo-java-server-h2-backend-"$MONGO_VERSION".jar >/dev/null || { rm -rf "$tmp"; die "mongo-java-server-h2-backend-$MONGO_VERSION.jar missing after mvn"; }
  javac -nowarn -d "$tmp" -cp "$tmp/*" "$MONGO_SRC/MongoServerMain.java" || { rm -rf "$tmp"; die "javac MongoServerMain.java failed"; }
  rm -rf "$MONGO_LIBS"; mv "$tmp" "$MONGO_LIBS"
  mongo_stamp >"$MONGO_LIBS/.installed"
  log "mongo-java-server $MONGO_VERSION: $(ls "$MONGO_LIBS"/*.jar | wc -l) jars in $((SECONDS - t0))s"
}

what=("$@"); [ ${#what[@]} -gt 0 ] || what=(kafka mongo)
mkdir -p "$RUN_DIR"
# one installer at a time (up.sh may be called concurrently, e.g. by parallel test runners)
exec 8>"$RUN_DIR/install.lock"; flock 8
for w in "${what[@]}"; do
  case "$w" in
    kafka) install_kafka ;;
    mongo) install_mongo ;;
    *) die "unknown component: $w (kafka|mongo)" ;;
  esac
done
