package dev.weft.server.plugins.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.server.plugins.FakeAiProvider;
import dev.weft.server.plugins.FakeAiProvider.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a local HTTP server standing in for the provider. */
class OpenAiCompatibleProviderTest {
    private final FakeAiProvider fake = new FakeAiProvider();
    private final OpenAiCompatibleProvider client =
            new OpenAiCompatibleProvider(fake.baseUrl(), Optional.of("sk-test"), Duration.ofSeconds(5));

    OpenAiCompatibleProviderTest() throws IOException {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aCompletionSendsTheMessagesAndParametersAndReadsTheUsage() {
        fake.answer(Answer.completion("A storm rose.", 42, 7));

        Completion completion = client.complete(new CompletionRequest("gpt-test", Optional.of("Be brief."),
                "Write one line.", new ModelParameters(0.7, 0.9, 0.5, -0.5, 100, List.of("END", "\n\n"))));

        assertThat(completion).isEqualTo(new Completion("A storm rose.", "test-model", 42, 7));
        FakeAiProvider.Received request = fake.received().getFirst();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.authorization()).isEqualTo("Bearer sk-test");
        assertThat(request.body().path("model").asText()).isEqualTo("gpt-test");
        assertThat(request.message("system")).isEqualTo("Be brief.");
        assertThat(request.message("user")).isEqualTo("Write one line.");
        assertThat(request.body().path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(request.body().path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(request.body().path("frequency_penalty").asDouble()).isEqualTo(0.5);
        assertThat(request.body().path("presence_penalty").asDouble()).isEqualTo(-0.5);
        assertThat(request.body().path("max_tokens").asInt()).isEqualTo(100);
        assertThat(request.body().path("stop").toString()).isEqualTo("[\"END\",\"\\n\\n\"]");
    }

    @Test
    void unsetParametersAreLeftOut() {
        client.complete(new CompletionRequest("gpt-test", Optional.empty(), "hi",
                new ModelParameters(null, null, null, null, null, null)));

        assertThat(fake.received().getFirst().body().fieldNames()).toIterable().containsExactly("model", "messages");
    }

    @Test
    void aProviderThatIsDownIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAiCompatibleProvider down = new OpenAiCompatibleProvider(URI.create("http://127.0.0.1:" + closedPort + "/v1"),
                Optional.empty(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> down.complete(request())).isInstanceOfSatisfying(AiException.class,
                e -> assertThat(e.kind()).isEqualTo(AiException.Kind.UNAVAILABLE));
    }

    @Test
    void aServerErrorOrAnAnswerTooLateIsUnavailable() {
        fake.answer(Answer.error(500, "server_error", "overloaded"));
        assertThatThrownBy(() -> client.complete(request())).isInstanceOfSatisfying(AiException.class, e -> {
            assertThat(e.kind()).isEqualTo(AiException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("500").contains("overloaded");
        });

        OpenAiCompatibleProvider impatient = new OpenAiCompatibleProvider(fake.baseUrl(), Optional.empty(),
                Duration.ofMillis(200));
        fake.answer(new Answer(200, "{}", Map.of(), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> impatient.complete(request())).isInstanceOfSatisfying(AiException.class, e -> {
            assertThat(e.kind()).isEqualTo(AiException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not answer");
        });
    }

    @Test
    void paymentRequiredAndAnExhaustedQuotaAreOutOfCredits() {
        fake.answer(Answer.error(402, "payment_required", "no balance"));
        fake.answer(Answer.error(429, "insufficient_quota", "You exceeded your current quota"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.complete(request())).isInstanceOfSatisfying(AiException.class,
                    e -> assertThat(e.kind()).isEqualTo(AiException.Kind.OUT_OF_CREDITS));
        }
    }

    @Test
    void aRateLimitSaysWhenToRetry() {
        fake.answer(new Answer(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}",
                Map.of("Retry-After", "7"), Duration.ZERO));

        assertThatThrownBy(() -> client.complete(request())).isInstanceOfSatisfying(AiException.class, e -> {
            assertThat(e.kind()).isEqualTo(AiException.Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
    }

    @Test
    void aRefusalOrAnUnreadableAnswerIsABadResponse() {
        fake.answer(Answer.error(400, "invalid_request_error", "unknown model"));
        fake.answer(new Answer(200, "not json", Map.of(), Duration.ZERO));

        assertThatThrownBy(() -> client.complete(request())).isInstanceOfSatisfying(AiException.class, e -> {
            assertThat(e.kind()).isEqualTo(AiException.Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("unknown model");
        });
        assertThatThrownBy(() -> client.complete(request())).isInstanceOfSatisfying(AiException.class,
                e -> assertThat(e.kind()).isEqualTo(AiException.Kind.BAD_RESPONSE));
    }

    private static CompletionRequest request() {
        return new CompletionRequest("gpt-test", Optional.empty(), "hi",
                new ModelParameters(null, null, null, null, null, null));
    }
}
