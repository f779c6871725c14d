package io.mallard.domain.privacy;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The closed vocabulary of what a User-Agent may leave behind. A parser reads names out of a
 * header the visitor controls, so a header such as {@code … jane.doe@example.org/1.0} would come
 * back as the "browser" {@code Jane.doe@example.org}. Only names listed here are stored; any
 * other name becomes {@link #OTHER}, and a version is kept only as a number (optionally
 * {@code >=} one, the form frozen User-Agents report). Nothing else of the header is stored.
 */
public final class AgentVocabulary {
    public static final String OTHER = "Other";
    private static final Pattern VERSION = Pattern.compile("(>=)?\\d{1,6}(\\.\\d{1,6}){0,2}");

    private static final Set<String> BROWSERS = Set.of(
            "Chrome", "Chromium", "Firefox", "Safari", "Edge", "Opera", "Opera Mini", "Opera GX", "Opera Touch", "Opera Mobile",
            "Brave", "Vivaldi", "Yandex Browser", "Samsung Internet", "UC Browser", "Internet Explorer", "Webview",
            "Chrome Webview", "Android Browser", "Stock Android Browser", "Silk", "Firefox Focus", "Firefox Klar", "Firefox Mobile",
            "Firefox Nightly", "Firefox Developer Edition", "Chrome Mobile", "Safari Mobile", "Mobile Safari", "Edge Mobile",
            "DuckDuckGo", "Ecosia", "Whale", "Naver Whale", "QQ Browser", "QQBrowser", "Sogou Explorer", "Baidu Browser",
            "360 Browser", "Mi Browser", "MiuiBrowser", "MIUI Browser", "Huawei Browser", "HuaweiBrowser", "Coc Coc", "Puffin",
            "Maxthon", "Pale Moon", "Waterfox", "SeaMonkey", "LibreWolf", "Floorp", "Iceweasel", "IceCat", "Konqueror",
            "Epiphany", "GNOME Web", "Midori", "Falkon", "Otter Browser", "qutebrowser", "Lynx", "Links", "w3m", "Dillo",
            "Thunderbird", "Electron", "Avast Secure Browser", "AVG Secure Browser", "Kiwi", "Kiwi Browser", "Arc", "Sleipnir",
            "Facebook App", "Facebook Messenger", "Instagram App", "Google App", "Google Search App", "Twitter App", "LinkedIn App",
            "Pinterest App", "Snapchat", "TikTok", "WeChat", "LINE", "WhatsApp", "Telegram", "Discord", "Slack", "Microsoft Teams",
            "Outlook", "Yahoo App", "Bing App", "Amazon Silk", "Oculus Browser", "Samsung VR Browser", "PlayStation Browser",
            "Nintendo Browser", "NetFront", "Tizen Browser", "KaiOS Browser", "Opera Neon", "Brave Browser", "Quark",
            // Yauaa's own spellings
            "SamsungBrowser", "UCBrowser", "UIWebView", "IE Mobile", "Internet Explorer Webview", "Edge Webview", "HiBrowser",
            "Otter", "PaleMoon", "Coc Coc Browser", "Instagram", "Youtube", "Netscape", "Fennec", "Camino", "Iron", "Lunascape",
            "Line", "Galeon", "SailfishBrowser", "NokiaBrowser", "TizenBrowser", "OculusBrowser", "NintendoBrowser",
            "Qihoo 360 Safe Browser", "LG Browser", "Tesla Browser", "Microsoft Outlook", "Microsoft Outlook Mobile",
            "Electron app", "Qwant", "Dolfin", "Maxthon Nitro", "Opera Tablet", "SogouMobileBrowser", "Netfront", "Mastodon");

    private static final Set<String> SYSTEMS = Set.of(
            "Windows NT", "Windows", "Windows Phone", "Windows Mobile", "Windows CE", "Windows 9x", "Mac OS", "Mac OS X", "macOS",
            "iOS", "iPadOS", "watchOS", "tvOS", "visionOS", "Android", "Fire OS", "HarmonyOS", "KaiOS", "Chrome OS", "ChromeOS",
            "Fuchsia", "Linux", "Ubuntu", "Debian", "Fedora", "Arch Linux", "Linux Mint", "openSUSE", "SUSE", "CentOS", "Red Hat",
            "Gentoo", "Mageia", "Manjaro", "Kubuntu", "Xubuntu", "Elementary OS", "FreeBSD", "OpenBSD", "NetBSD", "DragonFly BSD",
            "Solaris", "SunOS", "AIX", "HP-UX", "Haiku", "BeOS", "OS/2", "Tizen", "webOS", "Sailfish", "BlackBerry", "BlackBerry OS",
            "BlackBerry Tablet OS", "Symbian", "Series 40", "Bada", "Firefox OS", "Ubuntu Touch", "PlayStation", "Nintendo",
            "Xbox", "Roku", "Apple TV", "Smart TV", "Darwin", "Unix",
            // Yauaa's own spellings
            "FireOS", "Gentoo Linux", "Fedora Linux", "Roku OS", "WebOS", "HP WebOS", "UNIX", "PS5 OS", "PlayStation Vita",
            "Nintendo NX", "RIM OS", "RIM Tablet OS", "Raspbian", "Slackware", "OpenHarmony", "illumOS", "Maemo", "MeeGo",
            "Palm OS", "AmigaOS", "MorphOS", "RISC OS", "Mandriva Linux", "PCLinuxOS", "SymbianOS", "BeOS/Haiku", "GoogleTV");

    /** Device classes after the parser's Phone/Mobile merge (Yauaa's closed list). */
    private static final Set<String> DEVICES = Set.of(
            "Desktop", "Mobile", "Tablet", "Watch", "Virtual Reality", "Augmented Reality", "eReader", "Set-top box", "TV",
            "Game Console", "Handheld Game Console", "Voice", "Car");

    private AgentVocabulary() {
    }

    /** {@code name} when it is a known browser, {@link #OTHER} for any other name, null when there is none. */
    public static String browser(String name) {
        return closed(BROWSERS, name);
    }

    public static String operatingSystem(String name) {
        return closed(SYSTEMS, name);
    }

    public static String deviceType(String name) {
        return closed(DEVICES, name);
    }

    /** {@code version} when it is a number such as {@code 128}, {@code 17.4} or {@code >=10}; null otherwise. */
    public static String version(String version) {
        return version != null && VERSION.matcher(version).matches() ? version : null;
    }

    private static String closed(Set<String> vocabulary, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return vocabulary.contains(name) ? name : OTHER;
    }
}
