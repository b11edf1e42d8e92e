"""schemathesis hooks of scripts/contract-check.sh (SCHEMATHESIS_HOOKS=contract_hooks)."""
import schemathesis

# manifest uploads take JSON Lines as text; schemathesis has no serializer of its own for them
schemathesis.serializer.alias("application/jsonl", "text/plain")
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
