package io.mallard.domain.event;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * A monetary amount attached to an event, stored as {@code DECIMAL(18,2)} with an ISO 4217 currency.
 *
 * <p>Revenue is optional business data: {@link #parse} answers empty (the event is kept without
 * revenue) when the currency is not a known ISO 4217 code or the amount is not a finite number in
 * range, rather than refusing the whole event.
 */
public record Revenue(BigDecimal amount, String currency) {
    private static final BigDecimal LIMIT = new BigDecimal("10000000000000000"); // 10^16 fits DECIMAL(18,2)

    public Revenue {
        requireValid(amount, currency);
    }

    /** Throws unless the amount fits {@code DECIMAL(18,2)} and the currency is an ISO 4217 code. */
    public static void requireValid(BigDecimal amount, String currency) {
        if (amount == null || amount.scale() > 2 || amount.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("revenue amount must have at most 2 decimals and |amount| < 10^16");
        }
        if (!isIsoCurrency(currency)) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
    }

    public static Optional<Revenue> parse(Double amount, String currency) {
        if (amount == null || currency == null || amount.isNaN() || amount.isInfinite()) {
            return Optional.empty();
        }
        String code = currency.trim().toUpperCase(Locale.ROOT);
        BigDecimal rounded = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
        if (!isIsoCurrency(code) || rounded.abs().compareTo(LIMIT) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Revenue(rounded, code));
    }

    static boolean isIsoCurrency(String code) {
        if (code == null || code.length() != 3) {
            return false;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
