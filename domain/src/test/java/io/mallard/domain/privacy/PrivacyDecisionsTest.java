package io.mallard.domain.privacy;

import io.mallard.domain.event.Event;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored field has a privacy decision: adding a field to {@link Event} without one fails here. */
class PrivacyDecisionsTest {
    @Test
    void everyFieldOfAnEventHasAPrivacyDecision() {
        assertThat(PrivacyPolicy.FIELD_DECISIONS.keySet()).as("fields of Event with a decision in PrivacyPolicy.FIELD_DECISIONS")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Event.class.getRecordComponents()).map(RecordComponent::getName).toList());
        assertThat(PrivacyPolicy.FIELD_DECISIONS.values()).allSatisfy(decision -> assertThat(decision).isNotBlank());
    }
}
