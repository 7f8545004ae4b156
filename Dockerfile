# Build with the Maven wrapper, run as a non-root user on a JRE image.
# Base images pinned to a JDK/JRE release (the one the figures in README "Measured" were taken with).
FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests \
	&& java -Djarmode=tools -jar target/streamrelay-*.jar extract --destination /extracted \
	&& mv /extracted/streamrelay-*.jar /extracted/streamrelay.jar

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN groupadd --system --gid 10001 streamrelay \
	&& useradd --system --uid 10001 --gid streamrelay --home-dir /app --shell /usr/sbin/nologin streamrelay
WORKDIR /app
COPY --from=build /extracted /app
COPY config /app/config
# The production JVM options (README, "Performance and footprint"), outside /app/config so that mounting an
# operator's config directory over it keeps them; the same file scripts/launch and ./mvnw spring-boot:run use.
COPY config/jvm.options /app/jvm.options
# The launch recipe of scripts/launch, done at build time: a class-data-sharing archive from a training start
# (emulator, in-memory database, exit once the context is refreshed), made with the same JVM options by the same
# JRE that runs it. On a Java 25+ base image scripts/launch makes an AOT cache instead (-XX:AOTCacheOutput).
RUN java @/app/jvm.options -XX:ArchiveClassesAtExit=/app/streamrelay.jsa -Dspring.context.exit=onRefresh \
		-jar /app/streamrelay.jar --streamrelay.upstream.mode=emulator --spring.datasource.url=jdbc:h2:mem:training \
		--server.port=0 \
	&& rm -rf /app/data && mkdir /app/data && chown streamrelay:streamrelay /app/data
USER 10001:10001
# the real vendor by default: the image refuses to start without API keys and ALIBABA_CLOUD_ACCESS_KEY_*;
# set STREAMRELAY_UPSTREAM_MODE=emulator for a self-contained demo
ENV STREAMRELAY_UPSTREAM_MODE=aliyun
# two glibc malloc arenas instead of eight per core: less resident memory for the same work (as scripts/launch)
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
# the H2 file database of a single instance lives here (PostgreSQL for several replicas)
VOLUME /app/data
# Graceful shutdown waits up to 10 s for background work, then up to 20 s (spring.lifecycle.timeout-per-shutdown-phase)
# for in-flight requests: stop with a longer timeout than Docker's 10 s default, e.g. docker stop -t 35 or
# --stop-timeout 35 (compose.yaml: stop_grace_period 35s; Kubernetes: terminationGracePeriodSeconds 40).
STOPSIGNAL SIGTERM
# config/streamrelay.yml is read from the working directory; mount your own over /app/config.
# Memory: jvm.options is chosen for a 384 MiB container limit (README, "Performance and footprint"); add options
# with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:SharedArchiveFile=/app/streamrelay.jsa", "-jar", "/app/streamrelay.jar"]
