package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSentEventTest {

    @Test
    void writesIdEventAndOneDataLinePerLineEndingWithABlankLine() {
        assertThat(new ServerSentEvent("7", "thread.created", "{\"a\":1}").format())
                .isEqualTo("id: 7\nevent: thread.created\ndata: {\"a\":1}\n\n");
        assertThat(new ServerSentEvent(null, "note", "one\r\ntwo\nthree").format())
                .isEqualTo("event: note\ndata: one\ndata: two\ndata: three\n\n");
    }

    @Test
    void aNameOrIdWithALineBreakIsRefused() {
        assertThatThrownBy(() -> new ServerSentEvent(null, "two\nlines", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerSentEvent("1\r", "name", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
