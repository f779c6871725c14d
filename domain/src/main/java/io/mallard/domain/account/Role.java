package io.mallard.domain.account;

/**
 * What a dashboard user may do. The owner is the first account (created at setup) and cannot be
 * deleted; owners and admins manage everything; viewers read the stats of the sites granted to them.
 */
public enum Role {
    OWNER, ADMIN, VIEWER;

    public boolean isAdmin() {
        return this != VIEWER;
    }
}
