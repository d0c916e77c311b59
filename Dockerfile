# Berth's container image. The jar is built beforehand by Maven (./mvnw -B package -DskipTests, or
# scripts/ensure-berth-image.sh, which does everything): this file only packages app/target/berth.jar,
# so building the image needs no registry beyond the base image, and none at all with a local base:
#   docker build -t berth/berth:latest .                                      # eclipse-temurin:25-jre
#   DOCKER_BUILDKIT=0 docker build --build-arg JRE_IMAGE=berth/jre:25 -t berth/berth:latest .
# Any base with Java 25 on PATH, bash and useradd works (scripts/ensure-jre-image.sh builds one offline).
ARG JRE_IMAGE=eclipse-temurin:25-jre
FROM ${JRE_IMAGE}

# A fixed uid/gid so that volumes and group_add (docker.sock access) can be planned for.
ARG BERTH_UID=10001
RUN groupadd --system --gid "${BERTH_UID}" berth \
 && useradd --system --uid "${BERTH_UID}" --gid berth --home-dir /var/lib/berth --no-create-home \
      --shell /usr/sbin/nologin berth \
 && mkdir -p /app /var/lib/berth \
 && chown berth:berth /var/lib/berth && chmod 0700 /var/lib/berth

COPY app/target/berth.jar /app/berth.jar

# berth.data-dir holds the generated admin token (and the embedded PostgreSQL's data when no
# spring.datasource.url is given): mount a volume there to keep them.
ENV BERTH_DATA_DIR=/var/lib/berth
# All interfaces inside the container (Berth alone binds 127.0.0.1): only ports published with -p, a compose
# file or a Kubernetes Service reach it, and those decide who may connect.
ENV BERTH_BIND_ADDRESS=0.0.0.0 \
    BERTH_DNS_BIND_ADDRESS=0.0.0.0
VOLUME ["/var/lib/berth"]
USER berth:berth
WORKDIR /var/lib/berth
EXPOSE 8080
# The discovery DNS server (berth.discovery.dns.*), UDP and TCP.
EXPOSE 8600/udp 8600/tcp

# No curl or wget needed: bash speaks HTTP/1.0 to /actuator/health (open, no token) and wants a 200. Plain HTTP:
# with berth.api.tls.* set, replace this check (docker run --health-cmd, or the orchestrator's own probe).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]

# Extra JVM flags: JAVA_TOOL_OPTIONS (read by the JVM itself). Java as PID 1 handles SIGTERM, and
# server.shutdown=graceful lets requests finish.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-jar", "/app/berth.jar"]
