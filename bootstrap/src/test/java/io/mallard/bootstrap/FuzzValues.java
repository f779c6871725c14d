package io.mallard.bootstrap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of hostile values shared by the fuzz tests. */
final class FuzzValues {
    private FuzzValues() {
    }

    /** Strings with control characters, lone surrogates, huge lengths, odd unicode. */
    static Arbitrary<String> nasty() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars('\u0000', '\u0007', '\u001f', '\u007f', '\u0085', '\ud800', '\udfff', 'a', '/')
                        .ofMinLength(1).ofMaxLength(20),
                Arbitraries.integers().between(2040, 70_000).map("x"::repeat));
    }

    /** {@code text} as a JSON string literal; lone surrogates and controls as {@code \\u} escapes. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
