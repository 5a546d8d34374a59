#!/usr/bin/env bash
# Puts a real Temporal CLI (dev server with SQLite persistence + Web UI) and the official
# time-skipping test server into .tools/ (git-ignored). Idempotent: a second run is a no-op.
#
# Sources, both official and reachable from registry-only machines:
#   - temporal CLI: built from source through the Go module proxy (github.com/temporalio/cli,
#     tag v1.5.1 — the newest tag without `replace` directives, which `go install` refuses).
#   - test server: io.temporal:temporal-test-server from Maven Central, run on the JVM.
# Overrides: TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH point at binaries you already have;
# TEMPORAL_ADDRESS makes the app use an external cluster and skips the dev server entirely.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="${THIDUA_TOOLS_DIR:-$ROOT/.tools}"
CLI_VERSION="1.5.1"
TEST_SERVER_VERSION="1.38.0"
mkdir -p "$TOOLS/bin"
log() { printf '[provision] %s\n' "$*" >&2; }

provision_cli() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then log "temporal CLI: using TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH"; return; fi
  local bin="$TOOLS/bin/temporal" stamp="$TOOLS/bin/.temporal-$CLI_VERSION"
  if [ -x "$bin" ] && [ -f "$stamp" ]; then log "temporal CLI $CLI_VERSION: cached"; return; fi
  if ! command -v go >/dev/null 2>&1; then
    log "temporal CLI: Go is not installed; the SDK will download its dev server instead (needs internet)"
    return
  fi
  log "temporal CLI $CLI_VERSION: building from source via the Go module proxy (first time: ~4-10 min on 2 cores)"
  local start=$SECONDS
  CGO_ENABLED=0 GOBIN="$TOOLS/bin" GOFLAGS=-buildvcs=false go install \
    -ldflags "-X github.com/temporalio/cli/temporalcli.Version=$CLI_VERSION" \
    "github.com/temporalio/cli/cmd/temporal@v$CLI_VERSION"
  touch "$stamp"
  log "temporal CLI: built in $((SECONDS - start)) s -> $bin ($("$bin" --version))"
}

provision_test_server() {
  if [ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then log "test server: using TEMPORAL_TEST_SERVER_PATH"; return; fi
  local dir="$TOOLS/test-server" wrapper="$TOOLS/bin/temporal-test-server"
  local stamp="$dir/.version-$TEST_SERVER_VERSION"
  if [ -x "$wrapper" ] && [ -f "$stamp" ]; then log "test server $TEST_SERVER_VERSION: cached"; return; fi
  if ! command -v mvn >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
    log "test server: Maven/Java not installed; the SDK will download its test server instead (needs internet)"
    return
  fi
  log "test server $TEST_SERVER_VERSION: fetching io.temporal:temporal-test-server from Maven Central"
  rm -rf "$dir/lib"; mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.thidua</groupId><artifactId>temporal-test-server-classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
  mvn -q -B -Dstyle.color=never -f "$dir/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir/lib"
  # The SDK spawns `<path> <port>` and kills only its direct child: `exec` keeps the JVM that child.
  # C1-only JIT and serial GC start the JVM in ~2 s on 2 cores (the SDK allows 5 s).
  cat > "$wrapper" <<SH
#!/bin/sh
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -cp "$dir/lib/*" io.temporal.testserver.TestServer "\$@"
SH
  chmod +x "$wrapper"
  touch "$stamp"
  log "test server: ready -> $wrapper"
}

provision_cli
provision_test_server
