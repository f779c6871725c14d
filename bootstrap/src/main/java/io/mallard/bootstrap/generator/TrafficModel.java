package io.mallard.bootstrap.generator;

import io.mallard.application.ingest.ClientContext;
import io.mallard.application.ingest.TrackingRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Simulated people visiting one site. Each person has a stable address (from a country's address
 * block, so a GeoIP database places them) and browser; some return on later days. A visit is a
 * multi-page session over Zipf-popular pages, arriving from search, social, a campaign (UTM) or
 * directly; some visits walk the funnel home → pricing → signup → checkout, emitting {@code signup}
 * and {@code purchase} (with revenue) events with drop-off at each step. Deterministic for a seed.
 */
final class TrafficModel {
    private static final double RETURNING_SHARE = 0.35;
    private static final int RECENT_PEOPLE = 200_000;
    private static final String[][] COUNTRY_BLOCKS = {
            {"US", "24."}, {"US", "50."}, {"DE", "91."}, {"GB", "81."}, {"FR", "90."}, {"IN", "117."},
            {"BR", "177."}, {"CA", "142."}, {"NL", "145."}, {"JP", "126."}, {"AU", "1.1"}, {"ES", "88."}};
    private static final String[] SEARCH = {"https://www.google.com/", "https://www.google.de/", "https://www.bing.com/",
            "https://duckduckgo.com/", "https://www.ecosia.org/"};
    private static final String[] SOCIAL = {"https://t.co/x1", "https://www.reddit.com/r/programming/",
            "https://news.ycombinator.com/", "https://www.facebook.com/", "https://www.linkedin.com/feed/"};
    private static final String[] REFERRING_SITES = {"https://blog.example.org/post", "https://dev.to/article",
            "https://github.com/awesome/list", "https://medium.com/@someone/story"};
    private static final String[][] CAMPAIGNS = {{"newsletter", "email", "spring_sale"}, {"google", "cpc", "brand"},
            {"twitter", "social", "launch"}, {"partner", "referral", "bundle"}};

    private final String site;
    private final SplittableRandom random;
    private final List<UserAgents.Agent> agents = UserAgents.catalogue();
    private final WeightedChoice<UserAgents.Agent> agentChoice = new WeightedChoice<>(agents, UserAgents.Agent::weight);
    private final List<String> pages;
    private final WeightedChoice<Integer> pageChoice;
    /** Recently seen people, a ring of bounded size: returning visitors come from here, memory stays flat. */
    private final Person[] people = new Person[RECENT_PEOPLE];
    private int peopleSeen;

    record Person(InetAddress address, UserAgents.Agent agent) {
    }

    TrafficModel(String site, long seed) {
        this.site = site;
        this.random = new SplittableRandom(seed);
        this.pages = pageCatalogue();
        this.pageChoice = WeightedChoice.zipf(pages.size(), 1.1);
    }

    int distinctUserAgents() {
        return agents.size();
    }

    /** Emits one day's visits, in time order, until at least {@code events} requests are emitted. */
    void day(LocalDate date, long events, BiConsumer<TrackingRequest, ClientContext> emit) {
        List<Visit> visits = new ArrayList<>();
        long planned = 0;
        while (planned < events) {
            Visit visit = plan(date);
            visits.add(visit);
            planned += visit.requests().size();
        }
        visits.sort(java.util.Comparator.comparing(Visit::start));
        for (Visit visit : visits) {
            for (Request request : visit.requests()) {
                emit.accept(request.payload(), new ClientContext(visit.person().address(), null, null,
                        visit.person().agent().header(), site, request.at()));
            }
        }
    }

    private record Request(TrackingRequest payload, Instant at) {
    }

    private record Visit(Person person, Instant start, List<Request> requests) {
    }

    private Visit plan(LocalDate date) {
        Person person = person();
        Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(diurnalSecond());
        String referrer = null;
        String query = "";
        double channel = random.nextDouble();
        if (channel < 0.35) {
            referrer = SEARCH[random.nextInt(SEARCH.length)];
        } else if (channel < 0.50) {
            referrer = SOCIAL[random.nextInt(SOCIAL.length)];
        } else if (channel < 0.58) {
            referrer = REFERRING_SITES[random.nextInt(REFERRING_SITES.length)];
        } else if (channel < 0.68) {
            String[] campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
            query = "?utm_source=" + campaign[0] + "&utm_medium=" + campaign[1] + "&utm_campaign=" + campaign[2];
        }
        List<Request> requests = new ArrayList<>();
        Instant at = start;
        String previous = referrer;
        for (String path : pathOf()) {
            String url = "https://" + site + path + (requests.isEmpty() ? query : "");
            boolean custom = path.startsWith("event:");
            if (custom) {
                requests.add(new Request(customEvent(path.substring(6), url(previous)), at));
            } else {
                requests.add(new Request(new TrackingRequest(site, "pageview", url, previous,
                        person.agent().viewportWidth(), null, null, null, null, null, null), at));
                previous = url;
            }
            at = at.plusSeconds(5 + random.nextInt(175));
        }
        return new Visit(person, start, requests);
    }

    private String url(String previous) {
        return previous == null ? "https://" + site + "/" : previous;
    }

    private TrackingRequest customEvent(String name, String url) {
        if (name.equals("purchase")) {
            double amount = Math.round((9 + random.nextInt(190) + random.nextDouble()) * 100) / 100.0;
            String currency = random.nextDouble() < 0.7 ? "USD" : "EUR";
            return new TrackingRequest(site, name, url, null, null, "{\"plan\":\"" + plan() + "\"}", amount, currency, null, null, null);
        }
        return new TrackingRequest(site, name, url, null, null, "{\"plan\":\"" + plan() + "\"}", null, null, null, null, null);
    }

    private String plan() {
        return random.nextDouble() < 0.6 ? "starter" : "pro";
    }

    /** Pages of one visit; a quarter of visits enter the conversion funnel. */
    private List<String> pathOf() {
        List<String> path = new ArrayList<>();
        if (random.nextDouble() < 0.25) {
            path.add("/");
            path.add("/pricing");
            if (random.nextDouble() < 0.35) {
                path.add("/signup");
                path.add("event:signup");
                if (random.nextDouble() < 0.4) {
                    path.add("/checkout");
                    path.add("event:purchase");
                }
            }
            return path;
        }
        int length = 1;
        while (length < 12 && random.nextDouble() < 0.55) {
            length++;
        }
        for (int i = 0; i < length; i++) {
            path.add(pages.get(pageChoice.pick(random)));
        }
        return path;
    }

    private Person person() {
        int known = Math.min(peopleSeen, RECENT_PEOPLE);
        if (known > 0 && random.nextDouble() < RETURNING_SHARE) {
            return people[random.nextInt(known)];
        }
        Person person = new Person(address(), agentChoice.pick(random));
        people[peopleSeen % RECENT_PEOPLE] = person;
        peopleSeen++;
        return person;
    }

    private InetAddress address() {
        String[] block = COUNTRY_BLOCKS[random.nextInt(COUNTRY_BLOCKS.length)];
        String prefix = block[1];
        String ip = prefix.endsWith(".") ? prefix + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254))
                : prefix + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        try {
            return InetAddress.getByName(ip); // a numeric literal: no DNS lookup
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Seconds into the day, weighted toward daytime (a sine over the day, never zero). */
    private long diurnalSecond() {
        while (true) {
            long second = random.nextLong(86_400);
            double weight = 0.35 + 0.65 * Math.max(0, Math.sin(Math.PI * (second - 6 * 3600) / (16.0 * 3600)));
            if (random.nextDouble() < weight) {
                return second;
            }
        }
    }

    private static List<String> pageCatalogue() {
        List<String> pages = new ArrayList<>(List.of("/", "/pricing", "/features", "/about", "/docs", "/blog", "/contact"));
        for (int i = 1; i <= 40; i++) {
            pages.add("/docs/" + String.format(Locale.ROOT, "guide-%02d", i));
        }
        for (int i = 1; i <= 150; i++) {
            pages.add("/blog/post-" + i);
        }
        return List.copyOf(pages);
    }
}
