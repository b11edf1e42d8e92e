#!/usr/bin/env bash
# The platform's main job on this machine: installs what is missing, starts the local Kafka and
# Mongo-wire servers, builds and starts the five services, drives one demo shipment through them,
# starts the traffic simulator (single-window scenario; SIMULATOR=off leaves it out) and stays in the
# foreground with their logs. Ctrl-C stops the services and the simulator (deploy/local/down.sh stops
# the servers too).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
ROOT=$(pwd)
LOGS="$ROOT/.local/logs"
APPS=(clearance-monitor declaration inspection logistics-trading port-exchange)

bash scripts/ensure-deps.sh
npx tsc -p tsconfig.build.json
bash deploy/local/up.sh

mkdir -p "$LOGS"
SIMULATOR="${SIMULATOR:-on}"
# one business clock for every process (accelerated when CLOCK_SPEED is set). With the simulator on,
# one real minute is two business hours by default, so shipments flow on the dashboard within a minute.
if [ "$SIMULATOR" = "on" ]; then export CLOCK_SPEED="${CLOCK_SPEED:-120}"; fi
export CLOCK_ANCHOR="${CLOCK_ANCHOR:-$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export MONGO_URI="${MONGO_URI:-mongodb://127.0.0.1:${MONGO_PORT:-27017}}"

PIDS=()
stop() {
  echo; echo "stopping the services (the local Kafka and mongo-java-server keep running; deploy/local/down.sh stops them)"
  kill "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

for app in "${APPS[@]}"; do
  node -r ./scripts/register-paths.js "dist/apps/$app/src/main.js" >"$LOGS/$app.log" 2>&1 &
  PIDS+=($!)
done

declare -A PORTS=([clearance-monitor]=3000 [declaration]=3001 [inspection]=3002 [logistics-trading]=3003 [port-exchange]=3004)
for app in "${APPS[@]}"; do
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:${PORTS[$app]}/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${PIDS[@]}" 2>/dev/null; then echo "a service exited; see $LOGS"; tail -n 30 "$LOGS/$app.log"; exit 1; fi
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:${PORTS[$app]}/health" >/dev/null || { echo "$app not healthy; see $LOGS/$app.log"; exit 1; }
  echo "  $app  http://127.0.0.1:${PORTS[$app]}  (docs: /docs, health: /health, metrics: /metrics)"
done

node scripts/demo-shipment.js || echo "the demo shipment did not complete; see $LOGS"
echo
OPS_TOKEN=$(node scripts/token.js --role ops --party OPS-1)
if [ "$SIMULATOR" = "on" ]; then
  node -r ./scripts/register-paths.js dist/apps/simulator/src/main.js --scenario "${SIMULATOR_SCENARIO:-single-window}" \
    >"$LOGS/simulator.log" 2>&1 &
  PIDS+=($!)
  echo "Simulator: ${SIMULATOR_SCENARIO:-single-window} traffic at CLOCK_SPEED=$CLOCK_SPEED (log $LOGS/simulator.log; SIMULATOR=off to leave it out)"
fi
echo "Dashboard: http://127.0.0.1:3000/dashboard?token=$OPS_TOKEN"
echo "Events: npm run -s events -- declaration.events.v1   (the last messages of a topic with their ce_* headers)"
echo "Tokens: npm run -s token -- --role ops --party OPS-1   (roles: importer exporter customs inspection port carrier ops; agency and supervisor with --party <agency id>, e.g. licensing)"
echo "Logs: $LOGS/<service>.log. Ctrl-C to stop."
LOG_FILES=("$LOGS"/{clearance-monitor,declaration,inspection,logistics-trading,port-exchange}.log)
if [ "$SIMULATOR" = "on" ]; then LOG_FILES+=("$LOGS/simulator.log"); fi
tail -n 0 -F "${LOG_FILES[@]}" &
PIDS+=($!)
wait "${PIDS[0]}"
