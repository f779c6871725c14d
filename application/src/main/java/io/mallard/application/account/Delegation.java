package io.mallard.application.account;

import io.mallard.domain.account.Role;

/**
 * What an admin may hand on or take over: nothing beyond its own authority.
 * <ul>
 *   <li>A key or viewer account may reach only sites the caller administers (a caller limited to
 *   some sites cannot mint a key for every site).</li>
 *   <li>Admin accounts are created and changed only by an admin of every site (the owner, an
 *   unscoped admin, an unscoped Admin key).</li>
 *   <li>The owner account is changed only by the owner.</li>
 * </ul>
 * Refusals are {@link AccessDeniedException}s (HTTP 403). Pure.
 */
public final class Delegation {
    private Delegation() {
    }

    /** Refuses a new key reaching sites the caller does not administer (its scope, ReadOnly or Admin, is the caller's to give). */
    public static void requireMayIssueKey(Caller caller, SiteScope sites) {
        if (!caller.isAdmin()) {
            throw new AccessDeniedException("only admins manage API keys");
        }
        if (!caller.siteScope().covers(sites)) {
            throw new AccessDeniedException("a key may reach only sites you administer: list them in sites");
        }
    }

    /** Whether the caller may see and revoke the key: it reaches nothing the caller does not administer. */
    public static boolean managesKey(Caller caller, ApiKey key) {
        return caller.isAdmin() && caller.siteScope().covers(key.siteScope());
    }

    /** Refuses an account (new, or as it would be after a change) the caller may not administer. */
    public static void requireMayGrantAccount(Caller caller, Role role, SiteScope sites) {
        if (role == Role.OWNER) {
            throw new AccessDeniedException("no account can be made owner");
        }
        if (role == Role.ADMIN && !caller.isInstanceAdmin()) {
            throw new AccessDeniedException("only an admin of every site creates or changes admins");
        }
        if (!caller.isAdmin() || !caller.siteScope().covers(sites)) {
            throw new AccessDeniedException("an account may reach only sites you administer");
        }
    }

    /** Whether the caller administers an existing account: the owner only itself, others within its authority. */
    public static boolean administers(Caller caller, User account) {
        if (account.role() == Role.OWNER) {
            return caller instanceof Caller.SignedIn signedIn && signedIn.user().id() == account.id();
        }
        try {
            requireMayGrantAccount(caller, account.role(), account.siteScope());
            return true;
        } catch (AccessDeniedException refused) {
            return false;
        }
    }
}
