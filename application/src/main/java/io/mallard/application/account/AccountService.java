package io.mallard.application.account;

import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.SecretToken;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Use cases of dashboard accounts: first-run setup, login and logout, sessions, password change.
 *
 * <p>Accounts and sessions are persisted through {@link CredentialStore} and mirrored in memory, so
 * authenticating a request is a map lookup by token hash (no database, no blocking). Session tokens
 * are 256 random bits; only their SHA-256 is stored. Password hashing and verification are slow by
 * design: call {@link #setup}, {@link #login} and {@link #changePassword} off the event loop.
 * Thread-safe.
 */
public final class AccountService {
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final CredentialStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final Supplier<byte[]> randomTokenBytes;
    private final Duration sessionTtl;
    private final CredentialLookThrough lookThrough;
    private final Map<Long, User> users = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LongAdder loginFailures = new LongAdder();
    /** Verified against when the username is unknown, so that case takes as long as a wrong password. */
    private final String decoyHash;
    /** Proves that whoever completes setup can read the server's output: a page on another site cannot. */
    private final String setupCode;

    public sealed interface LoginResult {
        record SignedIn(String token, User user) implements LoginResult {
        }

        record Rejected() implements LoginResult {
        }

        record LockedOut(Duration retryAfter) implements LoginResult {
        }
    }

    public AccountService(CredentialStore store, PasswordHasher hasher, LoginThrottle throttle, Clock clock,
                          Supplier<byte[]> randomTokenBytes, Duration sessionTtl) {
        this(store, hasher, throttle, clock, randomTokenBytes, sessionTtl, CredentialLookThrough.NEVER);
    }

    /** {@code lookThrough}: whether a session this node has not mirrored is looked for in the store (several nodes). */
    public AccountService(CredentialStore store, PasswordHasher hasher, LoginThrottle throttle, Clock clock,
                          Supplier<byte[]> randomTokenBytes, Duration sessionTtl, CredentialLookThrough lookThrough) {
        this.store = store;
        this.lookThrough = lookThrough;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
        this.randomTokenBytes = randomTokenBytes;
        this.sessionTtl = sessionTtl;
        reread();
        purgeExpiredSessions();
        this.decoyHash = hasher.hash(SecretToken.session(randomTokenBytes.get()));
        this.setupCode = SecretToken.setupCode(randomTokenBytes.get());
    }

    /**
     * Replaces the mirrored accounts and sessions with the store's (another node changed them): an
     * account deleted or a session ended there ends here too.
     */
    public void reread() {
        Map<Long, User> storedUsers = new java.util.HashMap<>();
        store.users().forEach(user -> storedUsers.put(user.id(), user));
        Map<String, Session> storedSessions = new java.util.HashMap<>();
        store.sessions().forEach(session -> storedSessions.put(session.tokenHash(), session));
        users.putAll(storedUsers);
        users.keySet().retainAll(storedUsers.keySet());
        sessions.putAll(storedSessions);
        sessions.keySet().retainAll(storedSessions.keySet());
    }

    /** True until an owner exists: the dashboard then shows first-run setup and stats stay closed. */
    public boolean setupRequired() {
        return owner().isEmpty();
    }

    private Optional<User> owner() {
        return users.values().stream().filter(user -> user.role() == Role.OWNER).findFirst();
    }

    /** The one-time code that {@link #setup} asks for, while setup is required (the server prints it at start). */
    public Optional<String> setupCode() {
        return setupRequired() ? Optional.of(setupCode) : Optional.empty();
    }

    /**
     * Creates the owner ({@code admin}) and signs them in; {@link ConflictException} once one exists,
     * {@link AccessDeniedException} when {@code code} is not {@link #setupCode()}.
     */
    public synchronized LoginResult.SignedIn setup(String password, String code) {
        if (!setupRequired()) {
            throw new ConflictException("setup is already complete");
        }
        if (!SecretToken.matchesSetupCode(setupCode, code)) {
            throw new AccessDeniedException("wrong setup code: the server prints it at start-up (see its log)");
        }
        requireValidPassword(password);
        User owner = store.createUser(Username.OWNER_DEFAULT, Role.OWNER, hasher.hash(password), Set.of(), clock.instant());
        users.put(owner.id(), owner);
        return signIn(owner);
    }

    /**
     * {@code MALLARD_ADMIN_PASSWORD} at startup: creates the owner with it, or gives the existing owner
     * that password (ending the owner's sessions) if it differs from the stored one.
     */
    public synchronized void ensureOwnerPassword(String password) {
        requireValidPassword(password);
        Optional<User> existing = owner();
        if (existing.isEmpty()) {
            try {
                User owner = store.createUser(Username.OWNER_DEFAULT, Role.OWNER, hasher.hash(password), Set.of(), clock.instant());
                users.put(owner.id(), owner);
                return;
            } catch (ConflictException anotherNodeWasFirst) {
                reread();
                existing = owner();
                if (existing.isEmpty()) {
                    throw anotherNodeWasFirst;
                }
            }
        }
        if (!hasher.verify(password, existing.get().passwordHash())) {
            replacePassword(existing.get(), password, null);
        }
    }

    /**
     * How long a login for {@code username} should wait before {@link #login} runs: zero, or
     * {@link LoginThrottle#SLOW_DOWN} while that account (or the instance) is under attack.
     */
    public Duration loginDelay(String username) {
        return throttle.slowDown(findUser(username).map(user -> String.valueOf(user.id())).orElse(null));
    }

    /**
     * Checks a username (null: the owner, as the reference's single-password login) and password.
     * An address locked, or locked for this account, is refused before the password is looked at.
     */
    public LoginResult login(String username, String password, String clientAddress) {
        Optional<User> user = findUser(username);
        String account = user.map(u -> String.valueOf(u.id())).orElse(null);
        Optional<Duration> locked = throttle.lockedFor(account, clientAddress);
        if (locked.isPresent()) {
            loginFailures.increment();
            return new LoginResult.LockedOut(locked.get());
        }
        boolean valid = password != null && password.length() <= MAX_PASSWORD_LENGTH
                && hasher.verify(password, user.map(User::passwordHash).orElse(decoyHash)) && user.isPresent();
        if (!valid) {
            loginFailures.increment();
            throttle.recordFailure(account, clientAddress);
            return new LoginResult.Rejected();
        }
        throttle.recordSuccess(account, clientAddress);
        return signIn(user.get());
    }

    private Optional<User> findUser(String username) {
        if (username == null || username.isBlank()) {
            return owner();
        }
        try {
            Username name = new Username(username);
            return users.values().stream().filter(user -> user.username().equals(name)).findFirst();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private LoginResult.SignedIn signIn(User user) {
        String token = SecretToken.session(randomTokenBytes.get());
        Instant now = clock.instant();
        Session session = new Session(SecretToken.hash(token), user.id(), now, now.plus(sessionTtl));
        store.saveSession(session);
        sessions.put(session.tokenHash(), session);
        return new LoginResult.SignedIn(token, user);
    }

    /**
     * The signed-in caller for a cookie token, if the session exists, has not expired and its user
     * still does. From memory (it runs for every request, on the event loop): expired sessions are
     * removed by {@link #purgeExpiredSessions()}. With a {@link CredentialLookThrough} a session
     * made on another node since the last {@link #reread()} is read from the store.
     */
    public Optional<Caller.SignedIn> authenticate(String token) {
        if (!SecretToken.looksLikeSession(token)) {
            return Optional.empty();
        }
        String hash = SecretToken.hash(token);
        Session session = sessions.get(hash);
        if (session == null) {
            session = lookThrough.find(() -> store.session(hash)).orElse(null);
        }
        if (session == null || session.isExpiredAt(clock.instant())) {
            return Optional.empty();
        }
        long userId = session.userId();
        User user = users.get(userId);
        if (user == null) {
            user = lookThrough.find(() -> store.user(userId)).orElse(null);
        }
        if (user == null) {
            return Optional.empty();
        }
        users.putIfAbsent(userId, user);
        sessions.putIfAbsent(hash, session);
        return Optional.of(new Caller.SignedIn(user, session));
    }

    /** Deletes expired sessions from memory and storage (called on a schedule). */
    public void purgeExpiredSessions() {
        Instant now = clock.instant();
        for (Session session : List.copyOf(sessions.values())) {
            if (session.isExpiredAt(now)) {
                endSession(session.tokenHash());
            }
        }
    }

    public void logout(Caller.SignedIn caller) {
        endSession(caller.session().tokenHash());
    }

    private void endSession(String tokenHash) {
        sessions.remove(tokenHash);
        store.deleteSession(tokenHash);
    }

    /** Changes the caller's password after checking the current one; every other session of theirs ends. */
    public synchronized boolean changePassword(Caller.SignedIn caller, String currentPassword, String newPassword) {
        requireValidPassword(newPassword);
        User user = users.get(caller.user().id());
        if (user == null || currentPassword == null || currentPassword.length() > MAX_PASSWORD_LENGTH
                || !hasher.verify(currentPassword, user.passwordHash())) {
            return false;
        }
        replacePassword(user, newPassword, caller.session().tokenHash());
        return true;
    }

    private void replacePassword(User user, String password, String keepSession) {
        User updated = user.withPasswordHash(hasher.hash(password));
        store.updatePasswordHash(user.id(), updated.passwordHash());
        users.put(user.id(), updated);
        store.deleteSessionsOf(user.id(), keepSession);
        sessions.values().removeIf(s -> s.userId() == user.id() && !s.tokenHash().equals(keepSession));
    }

    /** The accounts the caller administers, and its own, by id. */
    public List<User> users(Caller caller) {
        return users.values().stream()
                .filter(user -> Delegation.administers(caller, user) || isSelf(caller, user))
                .sorted(Comparator.comparingLong(User::id)).toList();
    }

    private static boolean isSelf(Caller caller, User user) {
        return caller instanceof Caller.SignedIn signedIn && signedIn.user().id() == user.id();
    }

    /**
     * Creates an admin or viewer account (the owner comes only from setup). {@code sites}: a viewer's
     * sites, or the sites an admin administers (empty: every site). Within the caller's authority only.
     */
    public synchronized User createUser(Caller caller, Username username, Role role, String password, Set<SiteId> sites) {
        if (role == Role.OWNER) {
            throw new InvalidInputException("role", "role must be admin or viewer");
        }
        Delegation.requireMayGrantAccount(caller, role, scopeOf(role, sites));
        requireValidPassword(password);
        User user = store.createUser(username, role, hasher.hash(password), sites, clock.instant());
        users.put(user.id(), user);
        return user;
    }

    private static SiteScope scopeOf(Role role, Set<SiteId> sites) {
        return role == Role.ADMIN ? SiteScope.ofGrant(sites) : new SiteScope.Only(sites);
    }

    /**
     * Changes an account's role, its sites, and/or (a reset) its password, which ends all of its
     * sessions. The caller must administer the account as it is and as it would be; only the owner
     * changes the owner, whose role never changes. {@link NotFoundException} when there is no such
     * account, {@link AccessDeniedException} when it is not the caller's to change.
     */
    public synchronized User updateUser(Caller caller, long userId, Optional<Role> role, Optional<Set<SiteId>> sites,
                                        Optional<String> newPassword) {
        User user = users.get(userId);
        if (user == null) {
            throw new NotFoundException("id", "no such user");
        }
        if (!Delegation.administers(caller, user)) {
            throw new AccessDeniedException(user.role() == Role.OWNER ? "only the owner changes the owner account"
                    : "this account is not yours to change");
        }
        if (role.isPresent() && (role.get() == Role.OWNER || user.role() == Role.OWNER) && role.get() != user.role()) {
            throw new InvalidInputException("role", "the owner's role cannot change, and no other account can become owner");
        }
        newPassword.ifPresent(AccountService::requireValidPassword);
        User changed = user.withAccess(role.orElse(user.role()), sites.orElse(user.sites()));
        if (changed.role() != Role.OWNER) {
            Delegation.requireMayGrantAccount(caller, changed.role(), changed.siteScope());
        }
        store.updateAccess(userId, changed.role(), changed.sites());
        if (newPassword.isPresent()) {
            changed = changed.withPasswordHash(hasher.hash(newPassword.get()));
            store.updatePasswordHash(userId, changed.passwordHash());
            store.deleteSessionsOf(userId, null);
            sessions.values().removeIf(session -> session.userId() == userId);
        }
        users.put(userId, changed);
        return changed;
    }

    /**
     * Deletes an account the caller administers and ends its sessions; false if there is none.
     * The owner cannot be deleted.
     */
    public synchronized boolean deleteUser(Caller caller, long userId) {
        User user = users.get(userId);
        if (user == null) {
            return false;
        }
        if (!Delegation.administers(caller, user)) {
            throw new AccessDeniedException("this account is not yours to delete");
        }
        if (user.role() == Role.OWNER) {
            throw new ConflictException("the owner account cannot be deleted");
        }
        store.deleteSessionsOf(userId, null);
        store.deleteUser(userId);
        sessions.values().removeIf(s -> s.userId() == userId);
        users.remove(userId);
        return true;
    }

    /** Failed or locked-out login attempts since start ({@code mallard_login_failures_total}). */
    public long loginFailures() {
        return loginFailures.sum();
    }

    private static void requireValidPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "password must be " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
