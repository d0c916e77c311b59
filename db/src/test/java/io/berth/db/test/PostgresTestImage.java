package io.berth.db.test;

import org.testcontainers.utility.DockerImageName;

/**
 * The one place naming the PostgreSQL image of Berth's tests. It is the official image's name, so a
 * machine that can reach Docker Hub pulls it; scripts/ensure-postgres-image.sh (which must use the
 * same default) builds a stand-in under this exact tag where no registry is reachable.
 * Override with the system property below, or with the environment variable, which the script reads too.
 */
public final class PostgresTestImage {

    public static final String DEFAULT = "postgres:17";
    public static final String PROPERTY = "berth.postgres.image";
    public static final String ENV = "BERTH_POSTGRES_IMAGE";

    private PostgresTestImage() {
    }

    public static String name() {
        String fromProperty = System.getProperty(PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = System.getenv(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT;
    }

    /** Marked compatible with "postgres", so an overriding name of another repository works too. */
    public static DockerImageName imageName() {
        return DockerImageName.parse(name()).asCompatibleSubstituteFor("postgres");
    }
}
