package io.mallard.domain.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EpochMicrosTest {
    @Test
    void agreesWithChronoUnitBothWaysOnEitherSideOfTheEpoch() {
        for (String text : new String[] {"2026-12-03T09:30:15.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
                "1900-02-28T12:00:00.000001Z", "2262-04-11T23:47:16.854775Z"}) {
            Instant instant = Instant.parse(text);
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, instant);

            assertThat(EpochMicros.of(instant)).as(text).isEqualTo(micros);
            assertThat(EpochMicros.toInstant(micros)).as(text).isEqualTo(instant.truncatedTo(ChronoUnit.MICROS));
        }
    }
}
