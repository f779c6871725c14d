package io.mallard.bootstrap.generator;

import java.util.ArrayList;
import java.util.List;

/** A realistic catalogue of browser User-Agents (well over 200 distinct strings) with market-like weights. */
final class UserAgents {
    record Agent(String header, int viewportWidth, double weight) {
    }

    private UserAgents() {
    }

    static List<Agent> catalogue() {
        List<Agent> agents = new ArrayList<>();
        String[] windows = {"Windows NT 10.0; Win64; x64"};
        String[] macs = {"Macintosh; Intel Mac OS X 10_15_7", "Macintosh; Intel Mac OS X 14_5"};
        String[] linux = {"X11; Linux x86_64", "X11; Ubuntu; Linux x86_64"};
        String[] androids = {"Linux; Android 14; Pixel 8", "Linux; Android 13; SM-S911B", "Linux; Android 14; SM-A546B",
                "Linux; Android 12; Redmi Note 11", "Linux; Android 13; moto g84 5G"};
        for (int chrome = 112; chrome <= 131; chrome++) {
            double recency = 1.0 + (chrome - 112) * 0.25;
            for (String os : windows) {
                agents.add(new Agent("Mozilla/5.0 (" + os + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + chrome
                        + ".0.0.0 Safari/537.36", 1920, 3.0 * recency));
                agents.add(new Agent("Mozilla/5.0 (" + os + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + chrome
                        + ".0.0.0 Safari/537.36 Edg/" + chrome + ".0.0.0", 1536, 1.0 * recency));
            }
            for (String os : macs) {
                agents.add(new Agent("Mozilla/5.0 (" + os + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + chrome
                        + ".0.0.0 Safari/537.36", 1440, 1.2 * recency));
            }
            agents.add(new Agent("Mozilla/5.0 (" + linux[chrome % 2] + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + chrome + ".0.0.0 Safari/537.36", 1920, 0.3 * recency));
            for (String phone : androids) {
                agents.add(new Agent("Mozilla/5.0 (" + phone + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + chrome
                        + ".0.0.0 Mobile Safari/537.36", 412, 1.1 * recency));
            }
        }
        for (int firefox = 115; firefox <= 133; firefox++) {
            for (String os : new String[]{windows[0], macs[0], linux[0], linux[1]}) {
                agents.add(new Agent("Mozilla/5.0 (" + os + "; rv:" + firefox + ".0) Gecko/20100101 Firefox/" + firefox
                        + ".0", 1680, 0.35));
            }
            agents.add(new Agent("Mozilla/5.0 (Android 14; Mobile; rv:" + firefox + ".0) Gecko/" + firefox + ".0 Firefox/"
                    + firefox + ".0", 393, 0.15));
        }
        for (int ios = 15; ios <= 18; ios++) {
            for (int minor = 0; minor <= 5; minor++) {
                String version = ios + "_" + minor;
                String safari = ios + "." + minor;
                agents.add(new Agent("Mozilla/5.0 (iPhone; CPU iPhone OS " + version + " like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/" + safari + " Mobile/15E148 Safari/604.1", 390, 2.2 + ios - 15));
                agents.add(new Agent("Mozilla/5.0 (iPad; CPU OS " + version + " like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/" + safari + " Mobile/15E148 Safari/604.1", 820, 0.4));
                agents.add(new Agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/" + safari + " Safari/605.1.15", 1440, 0.6));
            }
        }
        for (int samsung = 20; samsung <= 26; samsung++) {
            agents.add(new Agent("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "SamsungBrowser/" + samsung + ".0 Chrome/" + (100 + samsung) + ".0.0.0 Mobile Safari/537.36", 384, 0.4));
        }
        for (int opera = 100; opera <= 114; opera += 2) {
            agents.add(new Agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/" + (opera + 16) + ".0.0.0 Safari/537.36 OPR/" + opera + ".0.0.0", 1366, 0.2));
        }
        return List.copyOf(agents);
    }
}
