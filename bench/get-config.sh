#!/usr/bin/env bash
# GetConfig benchmark: fresh JVMs started by the real Lambda runtime interface client, each answering one real event
# against the same DynamoDB Local — a bare JVM, the SDK floor, the naive handler and ours — pinned to one CPU and
# unpinned, with peak RSS, classes loaded and ratios; then the SnapStart path (first call after priming against warm
# calls). Usage: bench/get-config.sh [fresh processes per program and mode, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/java-home.sh

module="$PWD/functions/get-config"
mvn -q -pl functions/get-config -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# The benchmark JVM itself only hosts DynamoDB Local and the runtime API; the programs run in their own JVMs.
test_cp="$module/target/test-classes:$module/target/classes:shared/test-support/target/classes:shared/flow-config-core/target/classes:shared/aws-kit/target/classes:$(cat $module/target/test-classpath.txt)"
uptime
"$JAVA_HOME/bin/java" -cp "$test_cp" dev.connectconfig.getconfig.GetConfigBenchmark "$module/target/get-config.jar" \
  "$module/target/test-classes" "$module/target/test-classpath.txt" "${1:-7}"
