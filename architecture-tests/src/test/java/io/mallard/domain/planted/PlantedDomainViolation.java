package io.mallard.domain.planted;

import java.sql.Connection;

/** A deliberate violation (test-only): domain code reaching for JDBC. */
public class PlantedDomainViolation {
    public boolean isOpen(Connection connection) throws java.sql.SQLException {
        return !connection.isClosed();
    }
}
