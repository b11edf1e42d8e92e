"""Helper of scripts/contract-check.sh, run by the venv's python.

config SERVICE URL TOKENS_JSON OUT  writes the schemathesis config of one service: every operation is
                                    called with a token of a role it names in x-roles (a role it lets in),
                                    each role in turn, so every role's token is used where it may act.
summary NDJSON...                   prints the failures per check and the test cases run.
"""
import collections
import json
import sys
import urllib.request


def toml_string(value):
    return json.dumps(value)


def config(service, url, tokens_json, out):
    tokens = json.loads(tokens_json)
    with urllib.request.urlopen(f"{url}/openapi.json", timeout=30) as response:
        document = json.load(response)
    # no state carried between runs (crashes replayed first): a run depends on its seed alone
    lines = ["[cache]", "enabled = false", ""]
    turn = collections.Counter()
    for path, item in sorted(document["paths"].items()):
        for method, operation in sorted(item.items()):
            if method not in ("get", "put", "post", "delete", "patch"):
                continue
            settings = []
            roles = [role for role in operation.get("x-roles", sorted(tokens)) if role in tokens]
            if operation.get("security") != [] and roles:
                # rotate through the roles an operation admits, so each role's token is exercised
                role = roles[turn[tuple(roles)] % len(roles)]
                turn[tuple(roles)] += 1
                settings.append(f"headers = {{ Authorization = {toml_string('Bearer ' + tokens[role])} }}")
            rules = operation.get("x-business-rules")
            if rules:
                # the document says a schema-valid request may be refused with this status, and why
                statuses = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx", str(rules["status"])]
                settings.append(
                    f"checks = {{ positive_data_acceptance = {{ expected-statuses = {json.dumps(statuses)} }} }}"
                )
            if any("text/event-stream" in (answer.get("content") or {}) for answer in operation["responses"].values()):
                # an event stream ends only with its token, and schemathesis 4.32 waits for the end of a
                # silent one in its coverage phase whatever the timeout: left out (the feed tests cover it)
                settings.append("enabled = false")
            if settings:
                lines += ["[[operations]]", f"include-name = {toml_string(method.upper() + ' ' + path)}", *settings, ""]
    with open(out, "w") as handle:
        handle.write("\n".join(lines))
    print(f"{service}: {lines.count('[[operations]]')} operations configured")


def summary(paths):
    failures = collections.Counter()
    cases = 0
    for path in paths:
        with open(path) as handle:
            for line in handle:
                event = json.loads(line).get("ScenarioFinished")
                if not event:
                    continue
                recorder = event["recorder"]
                cases += len(recorder.get("cases", {}))
                for checks in recorder.get("checks", {}).values():
                    for check in checks:
                        if check["status"] == "failure":
                            failures[(check["name"], check["failure_info"]["failure"]["code"])] += 1
    print(f"test cases: {cases}")
    for (name, code), count in sorted(failures.items()):
        print(f"  {name} ({code}): {count}")
    print(f"failures: {sum(failures.values())}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "config":
        config(*args)
    elif command == "summary":
        summary(args)
    else:
        sys.exit(f"unknown command {command}")
