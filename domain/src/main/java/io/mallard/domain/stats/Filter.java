package io.mallard.domain.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One condition of a stats query: a dimension (with its property key for {@link Dimension#PROP}),
 * an operator and one or more values, any of which may match (OR). The values of a missing
 * dimension are {@link Dimension#missingLabel()}, so "source is Direct / None" finds direct visits.
 * Values are distinct and sorted, so equal conditions are equal objects (the query cache's key).
 */
public record Filter(Dimension dimension, String propKey, Operator operator, List<String> values) {
    public static final int MAX_VALUES = 100;
    public static final int MAX_VALUE_LENGTH = 2_000;

    public enum Operator {
        IS("is", false), IS_NOT("is_not", true),
        CONTAINS("contains", false), CONTAINS_NOT("contains_not", true),
        /** {@code *} stands for any run of characters, everything else is literal. */
        MATCHES_WILDCARD("matches_wildcard", false), MATCHES_WILDCARD_NOT("matches_wildcard_not", true);

        private final String label;
        private final boolean negated;

        Operator(String label, boolean negated) {
            this.label = label;
            this.negated = negated;
        }

        public String label() {
            return label;
        }

        /** Matches when none of the values matches (missing values included). */
        public boolean negated() {
            return negated;
        }

        public static Operator fromLabel(String label) {
            String wanted = label.toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(operator -> operator.label.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("operator must be one of "
                            + Arrays.stream(values()).map(Operator::label).collect(Collectors.joining(", "))));
        }
    }

    public Filter {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(operator, "operator");
        if ((dimension == Dimension.PROP) != (propKey != null)) {
            throw new IllegalArgumentException(dimension == Dimension.PROP
                    ? "a property filter names its key, as prop:{key}" : "only prop:{key} takes a key");
        }
        if (propKey != null) {
            Dimension.checkedPropKey(propKey);
        }
        if (values == null || values.isEmpty() || values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("a filter takes 1 to " + MAX_VALUES + " values");
        }
        for (String value : values) {
            if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("filter values are non-empty strings of at most " + MAX_VALUE_LENGTH + " characters");
            }
        }
        values = values.stream().distinct().sorted().toList();
    }

    /** Does one value (null = missing) satisfy this condition? The reference semantics for the SQL adapters' tests. */
    public boolean test(String value) {
        String actual = value == null ? dimension.missingLabel() : value;
        boolean any = values.stream().anyMatch(expected -> switch (operator) {
            case IS, IS_NOT -> actual.equals(expected);
            case CONTAINS, CONTAINS_NOT -> actual.contains(expected);
            case MATCHES_WILDCARD, MATCHES_WILDCARD_NOT -> wildcard(expected).matcher(actual).matches();
        });
        return any != operator.negated();
    }

    private static Pattern wildcard(String expression) {
        return Pattern.compile(Arrays.stream(expression.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")), Pattern.DOTALL);
    }

    /** A key that orders filters canonically. */
    String sortKey() {
        return dimension.filterName() + ':' + Objects.toString(propKey, "") + ':' + operator.label() + ':' + values;
    }
}
