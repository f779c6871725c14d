package io.mallard.application.agent;

/**
 * What a User-Agent string says about the client. Fields are {@code null} when unknown.
 *
 * @param deviceType Desktop, Mobile, Tablet, or another class the parser names (TV, Console…)
 * @param robot      the parser classifies the client as a robot, crawler, spy or hacker tool
 */
public record UserAgent(String browser, String browserVersion, String os, String osVersion,
                        String deviceType, boolean robot) {
    public static final UserAgent UNKNOWN = new UserAgent(null, null, null, null, null, false);
}
