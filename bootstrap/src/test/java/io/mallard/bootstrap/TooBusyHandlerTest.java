package io.mallard.bootstrap;

import io.mallard.application.stats.TooBusyException;
import io.mallard.http.error.ErrorBody;
import io.mallard.http.error.TooBusyHandler;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's refusal as the client sees it (the gate itself: {@code StatsCacheAndGateTest}). */
class TooBusyHandlerTest {
    @Test
    void aRefusedQueryIsA429WithRetryAfterAndTheReason() {
        HttpResponse<ErrorBody> response = new TooBusyHandler().handle(null, new TooBusyException("too many stats queries", 2));

        assertThat(response.code()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS.getCode());
        assertThat((String) response.header("Retry-After")).isEqualTo("2");
        assertThat(response.body()).isEqualTo(ErrorBody.of("too many stats queries", null));
    }
}
