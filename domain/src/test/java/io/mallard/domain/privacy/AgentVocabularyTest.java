package io.mallard.domain.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentVocabularyTest {
    @Test
    void knownNamesAreKeptAndAnyOtherNameIsOther() {
        assertThat(AgentVocabulary.browser("Firefox")).isEqualTo("Firefox");
        assertThat(AgentVocabulary.browser("Jane.doe@example.org")).isEqualTo(AgentVocabulary.OTHER);
        assertThat(AgentVocabulary.operatingSystem("Android")).isEqualTo("Android");
        assertThat(AgentVocabulary.operatingSystem("Xk3j9QvL2mZ8")).isEqualTo(AgentVocabulary.OTHER);
        assertThat(AgentVocabulary.deviceType("Tablet")).isEqualTo("Tablet");
        assertThat(AgentVocabulary.deviceType("Jane's fridge")).isEqualTo(AgentVocabulary.OTHER);
        assertThat(AgentVocabulary.browser(null)).isNull();
        assertThat(AgentVocabulary.browser(" ")).isNull();
    }

    @Test
    void versionsAreKeptOnlyAsNumbers() {
        assertThat(AgentVocabulary.version("128")).isEqualTo("128");
        assertThat(AgentVocabulary.version("17.4")).isEqualTo("17.4");
        assertThat(AgentVocabulary.version(">=10")).isEqualTo(">=10");
        assertThat(AgentVocabulary.version("1.0-jane")).isNull();
        assertThat(AgentVocabulary.version("jane.doe@example.org")).isNull();
        assertThat(AgentVocabulary.version("1234567")).isNull();
    }
}
