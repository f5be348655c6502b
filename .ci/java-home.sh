# Sourced by .ci/run, local/run.sh and the bench/ scripts: points JAVA_HOME at a JDK 21 or newer (the current one if
# it is, else the first one found under /usr/lib/jvm), or stops with a clear message.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

current_java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
current_java="${current_java:-$(command -v java || true)}"
if [ -n "$current_java" ] && [ -z "${JAVA_HOME:-}" ] && [ "$(java_major "$current_java")" -ge 21 ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$current_java")")")"
  export JAVA_HOME
fi
if [ -z "$current_java" ] || [ "$(java_major "$current_java")" -lt 21 ]; then
  for candidate in /usr/lib/jvm/*/bin/java; do
    if [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ]; then
      JAVA_HOME="$(dirname "$(dirname "$candidate")")"
      export JAVA_HOME
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]; then
  echo "No JDK 21 or newer found: install one and set JAVA_HOME." >&2
  exit 1
fi
