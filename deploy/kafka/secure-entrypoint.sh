#!/usr/bin/env bash
# The docker-compose broker (apache/kafka image) as production runs Kafka: clients authenticate with
# SASL/SCRAM-SHA-512 (one user per service, created with the storage on first start), the controller
# listener uses SASL/PLAIN on the container's loopback, and the StandardAuthorizer denies anything no
# ACL allows (the ACLs are created by the kafka-setup service: scripts/kafka-setup.js). See
# docs/security.md, "Kafka". Passwords come from the environment; SCRAM users are created only when
# the storage is formatted (first start): add or change one later with kafka-configs.sh (see the doc).
set -euo pipefail

: "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD must be set}"
SERVICES=(declaration inspection logistics-trading port-exchange clearance-monitor dlq-redrive)
# the image's layout; overridable to try the script against another Kafka distribution
BIN="${KAFKA_BIN:-/opt/kafka/bin}"
DATA="${KAFKA_DATA_DIR:-/var/lib/kafka/data}"
CONF_DIR="${KAFKA_CONF_DIR:-/tmp}"
PORT="${KAFKA_CLIENT_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
ADVERTISED_HOST="${KAFKA_ADVERTISED_HOST:-kafka}"
CONFIG="$CONF_DIR/server.properties"

cat >"$CONFIG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$CONTROLLER_PORT
listeners=SASL_PLAINTEXT://:$PORT,CONTROLLER://localhost:$CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://$ADVERTISED_HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD" user_admin="$KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
log.dirs=$DATA
num.partitions=6
# one broker: a demo; production runs three (replication factor 3, min.insync.replicas 2)
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS

# the admin's client settings, for the healthcheck and for operators (kafka-acls.sh, kafka-configs.sh)
cat >"$CONF_DIR/admin.properties" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPS

if [ ! -f "$DATA/meta.properties" ]; then
  users=(--add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]")
  for user in "${SERVICES[@]}"; do
    var="KAFKA_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')"
    password="${!var:-}"
    [ -n "$password" ] || { echo "$var must be set (the SCRAM password of $user)" >&2; exit 1; }
    users+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$password]")
  done
  "$BIN/kafka-storage.sh" format -t "${KAFKA_CLUSTER_ID:-TGxvY2FsVG9uZ2d1YW4wMQ}" -c "$CONFIG" "${users[@]}"
fi
exec "$BIN/kafka-server-start.sh" "$CONFIG"
