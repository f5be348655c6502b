#!/usr/bin/env bash
# Runs the whole system offline: local/run.sh [--port 3000] [--reset] ..., or
# local/run.sh invoke <Function> <event.json>. Builds what is missing or out of date first.
set -euo pipefail
caller_dir="$PWD"
cd "$(dirname "$0")/.."

. .ci/java-home.sh

stamp=local/target/built-by-run.sh
if [ ! -f "$stamp" ] || [ ! -f local/target/local.jar ] || [ ! -d local/target/lambda-runtime ] \
   || [ -n "$(find pom.xml template.yaml shared functions local -newer "$stamp" \
              \( -path '*/src/*' -o -name pom.xml -o -name template.yaml \) -type f -print -quit)" ]; then
  echo "Building the functions and the local runner (mvn -q -DskipTests package) ..." >&2
  mvn -q -DskipTests package >&2
  touch "$stamp"
fi

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlocal.caller.dir="$caller_dir" -cp "local/target/local.jar:local/target/lib/*" \
  dev.connectconfig.local.LocalRunner "$@"
