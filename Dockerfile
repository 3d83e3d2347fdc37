# One JVM image recipe for every service of the suite:
#   ./mvnw package -DskipTests
#   docker build --build-arg SERVICE=contact-service --build-arg PORT=8081 -t gdpr-suite/contact-service .
FROM eclipse-temurin:17-jre

ARG SERVICE
ARG PORT=8080

# Containers listen on every interface; the service still reads all its settings from the environment.
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=${PORT} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"

RUN useradd --system --uid 185 --home /deployments gdpr
WORKDIR /deployments
COPY --chown=185 ${SERVICE}/target/quarkus-app/lib/ lib/
COPY --chown=185 ${SERVICE}/target/quarkus-app/*.jar ./
COPY --chown=185 ${SERVICE}/target/quarkus-app/app/ app/
COPY --chown=185 ${SERVICE}/target/quarkus-app/quarkus/ quarkus/

USER 185
EXPOSE ${PORT}
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
