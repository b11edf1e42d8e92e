#!/usr/bin/env bash
# Contract check: schemathesis (from PyPI, pinned, in a venv under .cache/) runs every default check
# over the OpenAPI document each of the five running services serves, with a fixed number of examples
# per operation and a fixed seed; exits non-zero on any failure. Starts nothing: the services must be
# running (npm run start:local, or the contract e2e test, which starts them on free ports).
#   CONTRACT_URLS    "app=url ..." (default: the ports of ARCHITECTURE.md on 127.0.0.1)
#   CONTRACT_EXAMPLES (15), CONTRACT_SEED (fixed), CONTRACT_REPORTS (directory for the NDJSON reports)
#   JWT_SECRET       the services' secret, for the tokens scripts/token.js mints (one per role)
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEMATHESIS=4.32.5
EXAMPLES="${CONTRACT_EXAMPLES:-15}"
SEED="${CONTRACT_SEED:-20261213}"
URLS="${CONTRACT_URLS:-clearance-monitor=http://127.0.0.1:3000 declaration=http://127.0.0.1:3001 inspection=http://127.0.0.1:3002 logistics-trading=http://127.0.0.1:3003 port-exchange=http://127.0.0.1:3004}"
REPORTS="${CONTRACT_REPORTS:-.cache/contract-reports}"
VENV=".cache/schemathesis-$SCHEMATHESIS"

if [ ! -x "$VENV/bin/schemathesis" ]; then
  echo "contract-check: installing schemathesis $SCHEMATHESIS into $VENV (once)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS"
fi

# a token per role; parties unique to this run, so a rerun never meets the data of the last one
run="CT$(date +%s)"
declare -A PARTY=([importer]="TRADER-$run" [exporter]="EXPORTER-$run" [customs]="CUSTOMS-$run" [inspection]="OFFICER-$run"
  [port]="TERMINAL-$run" [carrier]="CARRIER-$run" [ops]="OPS-$run" [agency]=licensing [supervisor]=licensing)
tokens="{"
for role in "${!PARTY[@]}"; do
  tokens+="\"$role\": \"$(node scripts/token.js --role "$role" --party "${PARTY[$role]}")\","
done
tokens="${tokens%,}}"

rm -rf "$REPORTS" && mkdir -p "$REPORTS"
status=0
t0=$(date +%s)
for entry in $URLS; do
  app="${entry%%=*}" url="${entry#*=}"
  "$VENV/bin/python" scripts/contract-check.py config "$app" "$url" "$tokens" "$REPORTS/$app.toml"
  # stateful links are not declared: the other phases, every check; one worker, as hypothesis's lambda
  # descriptions are not thread-safe (workers > 1 fail with 'AST constructor recursion depth mismatch')
  PYTHONPATH=scripts SCHEMATHESIS_HOOKS=contract_hooks "$VENV/bin/schemathesis" --config-file "$REPORTS/$app.toml" run "$url/openapi.json" \
    --checks all --phases examples,coverage,fuzzing --max-examples "$EXAMPLES" --seed "$SEED" \
    --request-timeout 10 --generation-database none --workers 1 --no-color --suppress-health-check all --warnings off \
    --report ndjson --report-ndjson-path "$REPORTS/$app.ndjson" >"$REPORTS/$app.log" 2>&1 ||
    { status=1; echo "contract-check: $app has failures (see $REPORTS/$app.log)"; }
  tail -n 4 "$REPORTS/$app.log" | grep -E "No issues|failure|error" || true
done
echo "contract-check: $(( $(date +%s) - t0 )) s, $EXAMPLES examples per operation, seed $SEED"
"$VENV/bin/python" scripts/contract-check.py summary "$REPORTS"/*.ndjson
exit "$status"
