# Build with the Maven wrapper, run as a non-root user on a JRE image.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests \
	&& java -Djarmode=tools -jar target/streamrelay-*.jar extract --destination /extracted \
	&& mv /extracted/streamrelay-*.jar /extracted/streamrelay.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 streamrelay \
	&& useradd --system --uid 10001 --gid streamrelay --home-dir /app --shell /usr/sbin/nologin streamrelay
WORKDIR /app
COPY --from=build /extracted /app
COPY config /app/config
# Class-data-sharing archive from a training start (emulator, in-memory database): roughly halves the
# start-up time (README, "Measured"). It must be made by the same JRE that runs it, hence here.
RUN java -XX:ArchiveClassesAtExit=/app/streamrelay.jsa -Dspring.context.exit=onRefresh -jar /app/streamrelay.jar \
		--streamrelay.upstream.mode=emulator --spring.datasource.url=jdbc:h2:mem:training --server.port=0 \
	&& rm -rf /app/data && mkdir /app/data && chown streamrelay:streamrelay /app/data
USER 10001:10001
# the real vendor by default: the image refuses to start without API keys and ALIBABA_CLOUD_ACCESS_KEY_*;
# set STREAMRELAY_UPSTREAM_MODE=emulator for a self-contained demo
ENV STREAMRELAY_UPSTREAM_MODE=aliyun
EXPOSE 8080
# config/streamrelay.yml is read from the working directory; mount your own over /app/config.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/streamrelay.jsa", "-XX:MaxRAMPercentage=75", "-jar", "/app/streamrelay.jar"]
