package io.mallard.application.agent;

import io.mallard.domain.privacy.AgentVocabulary;

/**
 * What a User-Agent string says about the client. Fields are {@code null} when unknown. Whatever a
 * parser returns, names are held to {@link AgentVocabulary} (an unknown name reads "Other") and
 * versions to numbers, so no text of the visitor's header can reach storage through them.
 *
 * @param deviceType Desktop, Mobile, Tablet, or another class the parser names (TV, Console…)
 * @param robot      the parser classifies the client as a robot, crawler, spy or hacker tool
 */
public record UserAgent(String browser, String browserVersion, String os, String osVersion,
                        String deviceType, boolean robot) {
    public static final UserAgent UNKNOWN = new UserAgent(null, null, null, null, null, false);

    public UserAgent {
        browser = AgentVocabulary.browser(browser);
        browserVersion = browser == null || browser.equals(AgentVocabulary.OTHER) ? null : AgentVocabulary.version(browserVersion);
        os = AgentVocabulary.operatingSystem(os);
        osVersion = os == null || os.equals(AgentVocabulary.OTHER) ? null : AgentVocabulary.version(osVersion);
        deviceType = AgentVocabulary.deviceType(deviceType);
    }
}
