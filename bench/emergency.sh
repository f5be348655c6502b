#!/usr/bin/env bash
# Emergency-switch benchmark on the offline runner (not a test, never part of `mvn verify`): CONFIGS configs (default
# 1,000) under one prefix, then, timed through the runner's API Gateway: a list page of 100 (median of 5), the switch
# on and the switch off by prefix (each answer checked: every config changed, none refused or not done). Side by side
# with BASELINE, a built checkout of the code before (e.g. `git worktree add ../base main && (cd ../base && mvn -q
# -DskipTests package)`), run against the same data in the same session, with the ratios.
# Usage: [BASELINE=/path/to/built/checkout] bench/emergency.sh [CONFIGS]
set -euo pipefail
cd "$(dirname "$0")/.."
configs="${1:-1000}"
here="$PWD"
. .ci/java-home.sh
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed (to check the answers)" >&2; exit 2; }

# Timed call: prints "<seconds> <status>" and leaves the body in $work/body.json.
timed() {
  curl -s -o "$work/body.json" -w '%{time_total} %{http_code}\n' -X "$1" "$api$2" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' ${3:+--data-binary "$3"}
}
check() { python3 -c "import json,sys; d=json.load(open('$work/body.json')); $1" || { echo "unexpected answer:" >&2; head -c 600 "$work/body.json" >&2; exit 1; }; }

# A switch's answer: every config changed, none refused or not done; API Gateway's 504 (past 29 s, some configs
# changed, the caller told nothing) is recorded as such.
switched() {
  answer=""
  if [ "$1" = 504 ]; then answer=timeout; return 1; fi
  [ "$1" = 200 ] || { echo "switch $2: $1"; cat "$work/body.json"; exit 1; }
  # Past its deadline the switch answers what is not done yet: reported, never taken for a full run.
  if python3 -c "import json; exit(0 if json.load(open('$work/body.json')).get('notDone') else 1)"; then
    python3 -c "import json; d=json.load(open('$work/body.json')); print('  $label, switch $2: not complete within the deadline:', d['counts'])"
    answer=incomplete; return 1
  fi
  # After a switch on that timed out, part of the configs was changed: ending must reach them all the same.
  local changed="len(d['changed'])"; [ "$2" = off ] && [ "$on_s" != "${on_s//[a-z]/}" ] && changed="len(d['changed']) + len(d['unchanged'])"
  check "assert $changed == $configs and not d['refused'] and not d.get('notDone'), {k: (len(v) if isinstance(v, list) else v) for k, v in d.items()}"
}
runner=""
trap '[ -n "$runner" ] && kill "$runner" 2>/dev/null' EXIT

measure() { # <label> <checkout>: starts that checkout's runner on a fresh data folder, seeds, measures, stops it.
  local label="$1" checkout="$2" port=$((20000 + RANDOM % 20000)) on_s off_s answer
  work="$(mktemp -d)"
  (cd "$checkout" && exec local/run.sh --port "$port" --data-dir "$work/data" --reset --no-speech-engine) \
    > "$work/runner.log" 2>&1 &
  runner=$!
  for _ in $(seq 1 240); do grep -q 'Ready. Ctrl-C stops everything.' "$work/runner.log" && break; sleep 0.5; done
  grep -q 'Ready. Ctrl-C stops everything.' "$work/runner.log" || { tail -20 "$work/runner.log" >&2; exit 1; }
  api="$(sed -nE 's/^  REST API +(http[^ ]+).*/\1/p' "$work/runner.log" | head -1)"
  token="$(curl -s -X POST "$api/local-login" -H 'Content-Type: application/json' \
    -d '{"username": "duty", "level": "Full", "scopes": ["*"]}' \
    | sed -E 's/.*"token":"([^"]+)".*/\1/')"
  python3 - "$configs" "$work" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
for part in range(0, n, 500):
    configs = [{"id": f"bench-{i:05d}", "description": "Bench queue", "defaultLanguage": "en-US",
                "variables": {"Open": "true", "Queue": "main"}, "schema": {"Open": {"type": "boolean"}, "Queue": {"type": "text"}},
                "prompts": {"Greeting": {"en-US": {"voice": "<speak>Hello</speak>"}}}}
               for i in range(part, min(n, part + 500))]
    json.dump({"flowConfigs": configs}, open(f"{work}/import-{part // 500:03d}.json", "w"))
PY
  for f in "$work"/import-*.json; do
    read -r _ status < <(timed POST /flow-configs/import "@$f"); [ "$status" = 200 ] || { cat "$work/body.json"; exit 1; }
  done
  # Warm-up: the function JVM's first calls (class loading, JIT) are not what is measured.
  for _ in 1 2 3; do timed GET '/flow-configs?limit=100' >/dev/null; done
  timed POST '/flow-configs/emergency' '{"ids": ["bench-00000"], "set": {"variables": {"Open": "false"}}}' >/dev/null
  timed DELETE '/flow-configs/emergency?ids=bench-00000' >/dev/null

  local pages=()
  for _ in 1 2 3 4 5; do
    read -r seconds status < <(timed GET '/flow-configs?prefix=bench-&limit=100')
    [ "$status" = 200 ] || { cat "$work/body.json"; exit 1; }
    check "assert len(d['items']) == 100 and d['items'][0]['id'] == 'bench-00000', d"
    pages+=("$seconds")
  done
  list_s="$(printf '%s\n' "${pages[@]}" | sort -n | sed -n 3p)"
  read -r on_s status < <(timed POST '/flow-configs/emergency' \
    '{"prefix": "bench-", "set": {"variables": {"Open": "false"}}, "description": "bench"}')
  switched "$status" on || on_s="$answer"
  read -r off_s status < <(timed DELETE '/flow-configs/emergency?prefix=bench-')
  switched "$status" off || off_s="$answer"
  kill "$runner"; wait "$runner" 2>/dev/null || true
  runner=
  rm -rf "$work"
  printf '%s %s %s %s\n' "$label" "$list_s" "$on_s" "$off_s" >> "$results"
}

results="$(mktemp)"
uptime
[ -n "${BASELINE:-}" ] && measure before "$BASELINE"
measure after "$here"
python3 - "$results" "$configs" <<'PY'
import sys
rows = {line.split()[0]: [x if x in ("timeout", "incomplete") else float(x) for x in line.split()[1:]]
        for line in open(sys.argv[1])}
show = lambda v: {"timeout": "504 >29s", "incomplete": "notDone"}.get(v) or f"{v:8.3f}s"
names = [f"list page of 100 (median of 5)", f"switch on, {sys.argv[2]} configs by prefix", f"switch off, {sys.argv[2]} configs by prefix"]
targets = [0.3, 6.0, 6.0]
print(f"{'':40} {'before':>9} {'after':>9} {'before/after':>13} {'target':>8}")
for i, name in enumerate(names):
    before = rows["before"][i] if "before" in rows else "-"
    after = rows["after"][i]
    ratio = f"{before / after:12.1f}x" if isinstance(before, float) and isinstance(after, float) else ""
    print(f"{name:40} {before if before == '-' else show(before):>9} {show(after):>9} {ratio:>13} {targets[i]:7.1f}s")
print("504 >29s: API Gateway gave up (part of the configs changed, the caller told nothing);"
      " notDone: the switch stopped at its deadline and named what is left (a repeat finishes it)")
PY
rm -f "$results"
