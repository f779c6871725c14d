package io.mallard.postgres;

import java.util.regex.Pattern;

/** What of a {@code jdbc:postgresql://} URL may be shown in a message or a log: never its credentials. */
final class PostgresUrls {
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&](?:user|password|sslpassword)=)[^&]*");

    private PostgresUrls() {
    }

    static String withoutCredentials(String url) {
        String withoutUserInfo = USER_INFO.matcher(url).replaceFirst("//");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
    }
}
