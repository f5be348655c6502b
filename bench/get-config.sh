#!/usr/bin/env bash
# GetConfig benchmark: cold start of a fresh JVM to its first answer against DynamoDB Local, next to a bare JVM in the
# same run, and warm-call p50/p99 for cache hits and misses. Usage: bench/get-config.sh [cold-start runs, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl functions/get-config -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
module=functions/get-config
# DynamoDB Local accepts any credentials; the in-process warm-call clients read them from the environment.
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_EMF_ENVIRONMENT=Local \
  POWERTOOLS_METRICS_NAMESPACE=ConnectConfig POWERTOOLS_SERVICE_NAME=get-config
test_cp="$module/target/test-classes:$module/target/classes:shared/target/test-classes:shared/target/classes:$(cat $module/target/test-classpath.txt)"
# The probe JVMs get only what a Lambda container has (the deployed jar) plus the probe and its Context.
probe_cp="$module/target/test-classes:shared/target/test-classes"
java -cp "$test_cp" dev.connectconfig.getconfig.GetConfigBenchmark "$module/target/get-config.jar" "$probe_cp" "${1:-7}"
