package io.mallard.useragent;

import io.mallard.application.agent.UserAgent;
import io.mallard.application.agent.UserAgentParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.basjes.parse.useragent.AgentField;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

import java.util.Map;
import java.util.Set;

/**
 * {@link UserAgentParser} backed by Yauaa, built with only the fields we store, behind a bounded
 * cache of finished answers (a miss costs a fraction of a millisecond). The cache is ours, not
 * Yauaa's: Yauaa's own cache still builds a result object per call, which profiled as the larger
 * part of a cached parse at peak ingestion. Versions are major versions ({@code Firefox 128},
 * {@code Android 14}) to keep reports readable.
 */
public final class YauaaUserAgentParser implements UserAgentParser {
    private static final Set<String> ROBOT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");
    private static final Set<String> UNKNOWN_VALUES = Set.of("Unknown", "??", "Hacker", "Anonymized");
    /** Yauaa's technical names of the desktop systems, as their users know them (and Plausible shows them). */
    private static final Map<String, String> SYSTEM_NAMES = Map.of("Windows NT", "Windows", "Mac OS", "macOS", "Mac OS X", "macOS");

    private final UserAgentAnalyzer analyzer;
    private final Cache<String, UserAgent> answers;

    public YauaaUserAgentParser(int cacheSize) {
        this.answers = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.analyzer = UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .withoutCache()
                .dropTests()
                .withFields(
                        nl.basjes.parse.useragent.UserAgent.AGENT_NAME,
                        nl.basjes.parse.useragent.UserAgent.AGENT_VERSION_MAJOR,
                        nl.basjes.parse.useragent.UserAgent.OPERATING_SYSTEM_NAME,
                        nl.basjes.parse.useragent.UserAgent.OPERATING_SYSTEM_VERSION_MAJOR,
                        nl.basjes.parse.useragent.UserAgent.DEVICE_CLASS)
                .immediateInitialization()
                .build();
    }

    @Override
    public UserAgent parse(String userAgent) {
        return answers.get(userAgent, this::analyze);
    }

    @Override
    public boolean isCached(String userAgent) {
        return answers.getIfPresent(userAgent) != null;
    }

    private UserAgent analyze(String userAgent) {
        try {
            nl.basjes.parse.useragent.UserAgent parsed = analyzer.parse(userAgent);
            String deviceClass = parsed.getValue(nl.basjes.parse.useragent.UserAgent.DEVICE_CLASS);
            return new UserAgent(
                    known(parsed.get(nl.basjes.parse.useragent.UserAgent.AGENT_NAME)),
                    known(parsed.get(nl.basjes.parse.useragent.UserAgent.AGENT_VERSION_MAJOR)),
                    systemName(known(parsed.get(nl.basjes.parse.useragent.UserAgent.OPERATING_SYSTEM_NAME))),
                    known(parsed.get(nl.basjes.parse.useragent.UserAgent.OPERATING_SYSTEM_VERSION_MAJOR)),
                    deviceType(deviceClass),
                    ROBOT_CLASSES.contains(deviceClass));
        } catch (RuntimeException unreadable) {
            return UserAgent.UNKNOWN;
        }
    }

    private static String known(AgentField field) {
        String value = field.getValue();
        return field.isDefaultValue() || value == null || UNKNOWN_VALUES.contains(value) ? null : value;
    }

    static String systemName(String yauaaName) {
        return yauaaName == null ? null : SYSTEM_NAMES.getOrDefault(yauaaName, yauaaName);
    }

    /** Phone and Mobile read as "Mobile", like the reference; other classes keep Yauaa's name. */
    static String deviceType(String deviceClass) {
        return switch (deviceClass) {
            case "Phone", "Mobile" -> "Mobile";
            case "Unknown", "Anonymized" -> null;
            default -> deviceClass;
        };
    }
}
