#!/usr/bin/env bash
# Measures start-up time and idle memory of the packaged jar (H2 + emulator, the defaults).
# Usage: ./mvnw -B -q package -DskipTests && scripts/measure-startup.sh [runs]
#        CDS=1 scripts/measure-startup.sh [runs]   the same with a class-data-sharing archive, as the Dockerfile does
# Loopback only; every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(ls target/streamrelay-*.jar | head -1)
# extra JVM options, e.g. EXTRA_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" for a small container
read -r -a JAVA_OPTS <<<"${EXTRA_JAVA_OPTS:-}"
if [ "${CDS:-0}" = "1" ]; then
	CDS_DIR=$(mktemp -d)
	java -Djarmode=tools -jar "$JAR" extract --destination "$CDS_DIR" >/dev/null
	JAR=$(ls "$CDS_DIR"/streamrelay-*.jar)
	java -XX:ArchiveClassesAtExit="$CDS_DIR/app.jsa" -Dspring.context.exit=onRefresh -jar "$JAR" \
		--spring.datasource.url=jdbc:h2:mem:training --server.port=0 >"$CDS_DIR/training.log" 2>&1
	JAVA_OPTS+=(-XX:SharedArchiveFile="$CDS_DIR/app.jsa")
	JAR=$(realpath --relative-to="$PWD" "$JAR")
fi
if curl -s -o /dev/null "http://127.0.0.1:${PORT:-18080}/"; then
	echo "port ${PORT:-18080} is already in use: stop what runs there or set PORT" >&2
	exit 1
fi
RUNS=${1:-3}
PORT=${PORT:-18080}
for run in $(seq 1 "$RUNS"); do
	WORK=$(mktemp -d)
	cp -r config "$WORK/"
	start=$(date +%s%N)
	(cd "$WORK" && exec java "${JAVA_OPTS[@]}" -jar "$(realpath "$OLDPWD/$JAR")" --server.port="$PORT" >"$WORK/app.log" 2>&1) &
	pid=$!
	ready=""
	for _ in $(seq 1 600); do
		if curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
			ready=$(date +%s%N)
			break
		fi
		sleep 0.1
	done
	if [ -z "$ready" ]; then
		echo "run $run: not ready after 60 s" >&2
		kill "$pid"; exit 1
	fi
	started=$(grep -o 'Started StreamRelayApplication in [0-9.]* seconds' "$WORK/app.log" || true)
	sleep 10
	java_pid=$pid
	rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status")
	# metrics need an admin key: the development key works in the default emulator mode
	heap=$(curl -s -H "Authorization: Bearer srdev-local-emulator-only-do-not-use-in-production" \
		"http://127.0.0.1:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" | grep -o '"value":[0-9.E+]*' | head -1 | cut -d: -f2)
	echo "run $run: ready in $(((ready - start) / 1000000)) ms (${started}); idle after 10 s: RSS $((rss_kb / 1024)) MiB, heap used $(awk "BEGIN {printf \"%.0f\", $heap / 1048576}") MiB"
	kill "$pid"; wait "$pid" 2>/dev/null || true
	rm -rf "$WORK"
done
