#!/usr/bin/env bash
# Benchmark of the users export (not a test, never part of `mvn verify`): ROWS realistic users (default 1,000,000)
# through the real handler against s3proxy in a child JVM, after a baseline run of ROWS/10 in the same process, and
# the naive GetQueryResults paging simulated against the same query for its call count.
# Usage: bench/users-export.sh [ROWS]    (extra JVM options for the measured JVM: BENCH_JAVA_OPTS)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"

. .ci/java-home.sh

mvn -q -pl functions/users-export -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
module=functions/users-export
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"

# A small heap on purpose: the export must stream, whatever the row count. Metrics go to stdout, not a local agent.
METRICS_NAMESPACE=ConnectConfig POWERTOOLS_SERVICE_NAME=users-export-bench \
AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local LOG_LEVEL=WARN \
  "$JAVA_HOME/bin/java" -Xmx128m ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
  dev.connectconfig.usersexport.UsersExportBenchmark "$rows"
