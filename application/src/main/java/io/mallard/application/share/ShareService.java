package io.mallard.application.share;

import io.mallard.application.account.AccountService;
import io.mallard.application.account.Caller;
import io.mallard.application.account.LoginThrottle;
import io.mallard.application.account.PasswordHasher;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.account.SecretToken;
import io.mallard.domain.account.ShareGrant;
import io.mallard.domain.event.SiteId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Shared links: create, list and revoke them per site; find the caller a presented link stands for.
 *
 * <p>Links are mirrored in memory by id, so resolving one is a map lookup on the event loop. A link
 * with a password is unlocked by {@link #unlock}, which answers a {@link ShareGrant}: the server keeps
 * no grant, so grants survive a restart and die with the link, its password, or {@link #GRANT_TTL}. Password guesses are throttled per link and address like logins. Thread-safe.
 */
public final class ShareService {
    public static final int MAX_PER_SITE = 50;
    public static final int MAX_NAME_LENGTH = 100;
    public static final Duration GRANT_TTL = Duration.ofHours(24);

    private final ShareStore store;
    private final SiteRegistry sites;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final Supplier<byte[]> randomBytes;
    private final Map<String, SharedLink> links = new ConcurrentHashMap<>();

    /** What {@link #unlock} answers. */
    public sealed interface Unlock {
        record Granted(String grant, Instant expiresAt) implements Unlock {
        }

        record Rejected() implements Unlock {
        }

        record LockedOut(Duration retryAfter) implements Unlock {
        }
    }

    public ShareService(ShareStore store, SiteRegistry sites, PasswordHasher hasher, LoginThrottle throttle, Clock clock,
                        Supplier<byte[]> randomBytes) {
        this.store = store;
        this.sites = sites;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
        this.randomBytes = randomBytes;
        reread();
    }

    /** Replaces the mirrored links with the store's (another node created or deleted one). */
    public void reread() {
        Map<String, SharedLink> stored = new java.util.HashMap<>();
        store.shares().forEach(link -> stored.put(link.id(), link));
        links.putAll(stored);
        links.keySet().retainAll(stored.keySet());
    }

    /** A new link to a registered site; {@code password} null or blank for none, else 8 to 1,024 characters. */
    public synchronized SharedLink create(SiteId site, String name, String password) {
        SiteId registered = sites.require(site).id();
        String label = name == null || name.isBlank() ? "Shared link" : name.strip();
        if (label.length() > MAX_NAME_LENGTH || label.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "name must be at most " + MAX_NAME_LENGTH + " printable characters");
        }
        boolean protect = password != null && !password.isEmpty();
        if (protect && (password.length() < AccountService.MIN_PASSWORD_LENGTH || password.length() > AccountService.MAX_PASSWORD_LENGTH)) {
            throw new InvalidInputException("password", "password must be " + AccountService.MIN_PASSWORD_LENGTH + " to "
                    + AccountService.MAX_PASSWORD_LENGTH + " characters");
        }
        if (list(registered).size() >= MAX_PER_SITE) {
            throw new ConflictException("a site has at most " + MAX_PER_SITE + " shared links; revoke unused ones");
        }
        String id = SecretToken.shareLinkId(randomBytes.get());
        SharedLink link = new SharedLink(id, registered, label, protect ? hasher.hash(password) : null, clock.instant());
        store.save(link);
        links.put(id, link);
        return link;
    }

    /** The links of a site, oldest first. */
    public List<SharedLink> list(SiteId site) {
        return links.values().stream().filter(link -> link.site().equals(site))
                .sorted(Comparator.comparing(SharedLink::createdAt)).toList();
    }

    /** Revokes a link of a site: gone for the next request ({@link NotFoundException} if the site has no such link). */
    public synchronized void revoke(SiteId site, String id) {
        SharedLink link = links.get(id);
        if (link == null || !link.site().equals(site)) {
            throw new NotFoundException("share_id", "site " + site.value() + " has no shared link " + id);
        }
        links.remove(id);
        store.delete(id);
    }

    /** Revokes every link of a site (called when the site is deleted). */
    public synchronized void removeAll(SiteId site) {
        links.values().removeIf(link -> link.site().equals(site));
        store.deleteAll(site);
    }

    /** The link with this id; empty for an unknown or malformed id. */
    public Optional<SharedLink> find(String id) {
        return SecretToken.looksLikeShareLinkId(id) ? Optional.ofNullable(links.get(id)) : Optional.empty();
    }

    /**
     * The caller a presented link stands for: a {@link Caller.ShareViewer} of its site when the link
     * exists and is open, or its {@code grant} is valid; empty otherwise.
     */
    public Optional<Caller.ShareViewer> viewer(String id, String grant) {
        return find(id).filter(link -> !link.passwordProtected() || grantValid(link, grant))
                .map(link -> new Caller.ShareViewer(link.id(), link.site()));
    }

    /**
     * How long an unlock of {@code id} should wait before {@link #unlock} runs: zero, or
     * {@link LoginThrottle#SLOW_DOWN} while the link (or the instance) is under attack.
     */
    public Duration unlockDelay(String id) {
        return throttle.slowDown(throttleKey(id));
    }

    /** Checks a link's password; a grant when it matches. An unknown or open link is {@link NotFoundException}. */
    public Unlock unlock(String id, String password, String clientAddress) {
        SharedLink link = find(id).filter(SharedLink::passwordProtected)
                .orElseThrow(() -> new NotFoundException("share_id", "no shared link with a password has this id"));
        Optional<Duration> locked = throttle.lockedFor(throttleKey(id), clientAddress);
        if (locked.isPresent()) {
            return new Unlock.LockedOut(locked.get());
        }
        if (password == null || password.length() > AccountService.MAX_PASSWORD_LENGTH || !hasher.verify(password, link.passwordHash())) {
            throttle.recordFailure(throttleKey(id), clientAddress);
            return new Unlock.Rejected();
        }
        throttle.recordSuccess(throttleKey(id), clientAddress);
        Instant expiresAt = clock.instant().plus(GRANT_TTL);
        return new Unlock.Granted(ShareGrant.issue(link.id(), link.passwordHash(), expiresAt.getEpochSecond()), expiresAt);
    }

    private boolean grantValid(SharedLink link, String grant) {
        return ShareGrant.valid(grant, link.id(), link.passwordHash(), clock.instant().getEpochSecond());
    }

    private static String throttleKey(String id) {
        return "share:" + id;
    }
}
