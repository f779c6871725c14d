package io.mallard.domain.bot;

import java.util.List;
import java.util.Locale;

/**
 * Known automated clients, matched case-insensitively as substrings of the User-Agent.
 *
 * <p>Covers the reference's list (crawlers, monitors, HTTP libraries, headless browsers) and a few
 * more; an empty User-Agent is a bot too. The User-Agent parser's own robot classification is a
 * second check (see the ingestion pipeline).
 */
public final class BotPatterns {
    private static final List<String> PATTERNS = List.of(
            "bot", "crawl", "spider", "slurp", "scrape", "mediapartners", "adsbot", "feedfetcher",
            "headless", "phantomjs", "selenium", "webdriver", "puppeteer", "playwright", "lighthouse",
            "pagespeed", "pingdom", "uptimerobot", "statuscake", "site24x7", "newrelicpinger",
            "datadog", "monitor", "check_http", "nagios", "zabbix",
            "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "httpx", "go-http-client",
            "java/", "okhttp", "apache-httpclient", "libwww-perl", "node-fetch", "axios/", "undici",
            "postmanruntime", "insomnia", "httpie", "scrapy", "facebookexternalhit", "embedly",
            "bingpreview", "whatsapp", "telegrambot", "discordbot", "slackbot", "skypeuripreview",
            "preview", "archive.org", "ia_archiver", "semrush", "ahrefs", "mj12", "dotbot",
            "petalbot", "bytespider", "gptbot", "ccbot", "claudebot", "anthropic", "perplexitybot");

    private BotPatterns() {
    }

    public static boolean matches(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        for (String pattern : PATTERNS) {
            if (lower.contains(pattern)) {
                return true;
            }
        }
        return false;
    }
}
