package io.mallard.domain.referrer;

import io.mallard.domain.page.PageUrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Names where a visit came from.
 *
 * <p>Rules: a referrer on the page's own host is a self-referral and names no source (internal
 * navigation is not a "source"); a known search engine or social network is named
 * ({@code Google}, {@code Twitter}…), matching the host and its subdomains and any country
 * domain ({@code google.co.uk}); any other referrer is named by its host without {@code www.};
 * without a referrer, the page's {@code utm_source} names the source.
 */
public final class ReferrerSource {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("google", "Google"), Map.entry("bing.com", "Bing"),
            Map.entry("duckduckgo.com", "DuckDuckGo"), Map.entry("yahoo", "Yahoo!"),
            Map.entry("baidu.com", "Baidu"), Map.entry("yandex", "Yandex"),
            Map.entry("ecosia.org", "Ecosia"), Map.entry("search.brave.com", "Brave"),
            Map.entry("qwant.com", "Qwant"), Map.entry("startpage.com", "Startpage"),
            Map.entry("naver.com", "Naver"), Map.entry("kagi.com", "Kagi"),
            Map.entry("facebook.com", "Facebook"), Map.entry("l.facebook.com", "Facebook"),
            Map.entry("m.facebook.com", "Facebook"), Map.entry("fb.com", "Facebook"),
            Map.entry("twitter.com", "Twitter"), Map.entry("t.co", "Twitter"), Map.entry("x.com", "Twitter"),
            Map.entry("linkedin.com", "LinkedIn"), Map.entry("lnkd.in", "LinkedIn"),
            Map.entry("reddit.com", "Reddit"), Map.entry("old.reddit.com", "Reddit"),
            Map.entry("news.ycombinator.com", "Hacker News"), Map.entry("youtube.com", "YouTube"),
            Map.entry("instagram.com", "Instagram"), Map.entry("pinterest.com", "Pinterest"),
            Map.entry("tiktok.com", "TikTok"), Map.entry("github.com", "GitHub"),
            Map.entry("mastodon.social", "Mastodon"), Map.entry("bsky.app", "Bluesky"),
            Map.entry("threads.net", "Threads"), Map.entry("chatgpt.com", "ChatGPT"),
            Map.entry("perplexity.ai", "Perplexity"), Map.entry("wikipedia.org", "Wikipedia"));

    private ReferrerSource() {
    }

    /** The source for a referrer URL seen on a page of {@code pageHost}; empty for none or self-referral. */
    public static Optional<String> of(String referrer, String pageHost, String utmSource) {
        Optional<String> host = hostOf(referrer);
        if (host.isEmpty()) {
            return Optional.ofNullable(utmSource);
        }
        if (host.get().equals(pageHost)) {
            return Optional.empty();
        }
        return Optional.of(named(host.get()));
    }

    static String named(String host) {
        String candidate = host;
        while (true) {
            String name = KNOWN.get(candidate);
            if (name != null) {
                return name;
            }
            String brand = brandOf(candidate);
            if (brand != null && KNOWN.containsKey(brand)) {
                return KNOWN.get(brand);
            }
            int dot = candidate.indexOf('.');
            if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
                return host;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    /** "google.co.uk" → "google", "google.de" → "google": the label before a public suffix. */
    private static String brandOf(String host) {
        String[] labels = host.split("\\.");
        if (labels.length == 2) {
            return labels[0];
        }
        if (labels.length == 3 && labels[1].length() <= 3 && labels[2].length() == 2) {
            return labels[0];
        }
        return null;
    }

    private static Optional<String> hostOf(String referrer) {
        if (referrer == null || referrer.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(referrer.strip());
            String host = uri.getHost();
            if (host == null || uri.getScheme() == null) {
                return Optional.empty();
            }
            return Optional.of(PageUrl.normaliseHost(host));
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }
}
