package dev.weft.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentPatternTest {

    @Test
    void aNameWithoutStarMatchesOnlyItself() {
        assertThat(new DocumentPattern("notes").matches("notes")).isTrue();
        assertThat(new DocumentPattern("notes").matches("notes2")).isFalse();
    }

    @Test
    void aStarStandsForAnyRunOfCharacters() {
        assertThat(new DocumentPattern("*").matches("anything/at all")).isTrue();
        assertThat(new DocumentPattern("team/*").matches("team/plan")).isTrue();
        assertThat(new DocumentPattern("team/*").matches("team/")).isTrue();
        assertThat(new DocumentPattern("team/*").matches("teams/plan")).isFalse();
        assertThat(new DocumentPattern("*-draft").matches("plan-draft")).isTrue();
        assertThat(new DocumentPattern("a*b*c").matches("a-b-c")).isTrue();
        assertThat(new DocumentPattern("a*b*c").matches("a-c-b")).isFalse();
        assertThat(new DocumentPattern("ab*ba").matches("aba")).isFalse();
    }
}
