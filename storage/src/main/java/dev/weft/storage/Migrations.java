package dev.weft.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Applies the numbered schema migrations, {@code db/migration/V<n>__<name>.sql} on the classpath, with Flyway,
 * which records them in its {@code flyway_schema_history} table: each runs once, in order, in a transaction of
 * its own, and a changed or missing migration that was already applied stops the start instead of going
 * unnoticed. Flyway's SQLite support is part of flyway-core, which has no dependencies of its own; Flyway's
 * newer "native connectors" SQLite module (a preview, not on Maven Central) is not needed.
 */
final class Migrations {
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /**
     * @return how many migrations were applied now (0 if the schema was up to date)
     * @throws StorageException if a migration fails or the applied ones do not match the classpath's
     */
    static int apply(DataSource dataSource) {
        try {
            return Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new StorageException("schema migration failed: " + e.getMessage(), e);
        }
    }
}
