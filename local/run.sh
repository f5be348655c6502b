#!/usr/bin/env bash
# Runs the whole system offline: local/run.sh [--port 3000] [--reset] ..., or
# local/run.sh invoke <Function> <event.json>. Builds what is missing or out of date first.
# The console gets one line per stage and the runner's summary; the build's and the engines' own output go to
# local/target/run.log.
set -euo pipefail
caller_dir="$PWD"
cd "$(dirname "$0")/.."

. .ci/java-home.sh

mkdir -p local/target
log="$PWD/local/target/run.log"
echo "=== local/run.sh $* ($(date -u '+%Y-%m-%dT%H:%M:%SZ'))" >> "$log"

stamp=local/target/built-by-run.sh
if [ ! -f "$stamp" ] || [ ! -f local/target/local.jar ] || [ ! -d local/target/lambda-runtime ] \
   || [ -n "$(find pom.xml template.yaml shared functions local -newer "$stamp" \
              \( -path '*/src/*' -o -name pom.xml -o -name template.yaml \) -type f -print -quit)" ]; then
  if [ ! -f "$stamp" ]; then
    echo "Building the functions and the local runner with $JAVA_HOME (mvn -DskipTests package; the first build" \
         "downloads from Maven Central and takes a few minutes; output in local/target/run.log) ..." >&2
  else
    echo "Rebuilding what changed (mvn -DskipTests package; output in local/target/run.log) ..." >&2
  fi
  if ! mvn -B -DskipTests package >> "$log" 2>&1; then
    echo "The build failed. The end of local/target/run.log:" >&2
    grep -E '\[ERROR\]' "$log" | tail -n 25 >&2 || tail -n 25 "$log" >&2
    exit 1
  fi
  touch "$stamp"
  echo "Built." >&2
fi

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlocal.caller.dir="$caller_dir" -Dlocal.log="$log" \
  -cp "local/target/local.jar:local/target/lib/*" dev.connectconfig.local.LocalRunner "$@"
