"""Writes kubeconform-ready Kubernetes JSON schemas from the kubernetes-validate wheel (PyPI).

The wheel's schemas carry "$id": "https://kubernetes.io/api/..." and refer to "/api/_definitions.json",
so a validator resolves every reference on the network. Dropping the ids and making the references
relative lets kubeconform read them from disk: argv 1 the wheel's <version>-local-strict folder,
argv 2 the folder to write.
"""
import json
import pathlib
import sys

source, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
target.mkdir(parents=True, exist_ok=True)


def relative(node):
    if isinstance(node, list):
        return [relative(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: relative(value) for key, value in node.items() if key != "$id"}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith("/api/"):
        out["$ref"] = ref[len("/api/"):]
    return out


count = 0
for path in source.glob("*.json"):
    (target / path.name).write_text(json.dumps(relative(json.loads(path.read_text()))))
    count += 1
print(f"{count} schemas written to {target}")
