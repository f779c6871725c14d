package io.mallard.domain.event;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTest {
    static Event purchase(String amount, String currency) {
        return new Event(1, new SiteId("example.com"), "v", Instant.EPOCH, new EventName("purchase"), "/", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                amount == null ? null : new BigDecimal(amount), currency, null, null);
    }

    /** Such an event would fail every move of the hot tier to Parquet (DECIMAL(18,2)), so it cannot exist. */
    @Test
    void anEventCannotCarryARevenueTheStorageCannotHold() {
        assertThatThrownBy(() -> purchase("100000000000000000000.00", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> purchase("1.005", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> purchase("10.00", "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> purchase("10.00", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> purchase("9999999999999999.99", "EUR")).doesNotThrowAnyException();
        assertThatCode(() -> purchase(null, null)).doesNotThrowAnyException();
    }
}
