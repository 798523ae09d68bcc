package dev.weft.server.plugins.ai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Chat completions from any server that speaks OpenAI's {@code POST /chat/completions} (OpenAI itself, and the
 * many gateways and local servers that copy it), over the JDK's HTTP client.
 *
 * <p>How the provider's answers map to {@link AiException.Kind}s: a connection failure, a timeout or a 5xx is
 * {@code UNAVAILABLE}; 401 and 403 too (the server's key is wrong, which the user cannot fix); 402, and 429 whose
 * error code is {@code insufficient_quota} (how OpenAI says the account's credits ran out), are
 * {@code OUT_OF_CREDITS}; any other 429 is {@code RATE_LIMITED} with the provider's {@code Retry-After}; other
 * refusals and unreadable answers are {@code BAD_RESPONSE}, with the provider's message.
 */
public final class OpenAiCompatibleProvider implements AiProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> apiKey;
    private final Duration timeout;

    /**
     * @param baseUrl the API's base, such as {@code https://api.openai.com/v1}; {@code /chat/completions} is added
     * @param apiKey sent as {@code Authorization: Bearer}, when given
     * @param timeout how long to wait for a connection, and then for the whole answer
     */
    public OpenAiCompatibleProvider(URI baseUrl, Optional<String> apiKey, Duration timeout) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Completion complete(CompletionRequest request) {
        HttpRequest.Builder post = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
        apiKey.ifPresent(key -> post.header("Authorization", "Bearer " + key));
        HttpResponse<byte[]> response;
        try {
            response = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new AiException(AiException.Kind.UNAVAILABLE, "the AI provider did not answer within "
                    + timeout.toSeconds() + " s", Optional.empty(), e);
        } catch (IOException e) {
            throw new AiException(AiException.Kind.UNAVAILABLE, "the AI provider cannot be reached: "
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()), Optional.empty(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiException(AiException.Kind.UNAVAILABLE, "interrupted while waiting for the AI provider",
                    Optional.empty(), e);
        }
        if (response.statusCode() == 200) {
            return completion(response.body(), request.model());
        }
        throw failure(response);
    }

    private static byte[] body(CompletionRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        request.system().ifPresent(system -> messages.addObject().put("role", "system").put("content", system));
        messages.addObject().put("role", "user").put("content", request.prompt());
        ModelParameters parameters = request.parameters();
        putIfSet(body, "temperature", parameters.temperature());
        putIfSet(body, "top_p", parameters.topP());
        putIfSet(body, "frequency_penalty", parameters.frequencyPenalty());
        putIfSet(body, "presence_penalty", parameters.presencePenalty());
        if (parameters.maxTokens() != null) {
            body.put("max_tokens", parameters.maxTokens());
        }
        if (!parameters.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            parameters.stop().forEach(stop::add);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a chat completion request", e);
        }
    }

    private static void putIfSet(ObjectNode body, String field, Double value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static Completion completion(byte[] body, String requestedModel) {
        JsonNode answer = readJson(body);
        JsonNode content = answer == null ? null : answer.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new AiException(AiException.Kind.BAD_RESPONSE,
                    "the AI provider's answer has no choices[0].message.content");
        }
        JsonNode usage = answer.path("usage");
        return new Completion(content.textValue(), answer.path("model").asText(requestedModel),
                usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    }

    private static AiException failure(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode error = Optional.ofNullable(readJson(response.body())).map(json -> json.path("error"))
                .orElse(JSON.missingNode());
        String message = error.path("message").asText("");
        String said = message.isBlank() ? "" : ": " + message;
        String code = error.path("code").asText(error.path("type").asText(""));
        if (status == 402 || (status == 429 && code.equals("insufficient_quota"))) {
            return new AiException(AiException.Kind.OUT_OF_CREDITS,
                    "the AI provider's account has run out of credits (" + status + ")" + said);
        }
        if (status == 429) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(OpenAiCompatibleProvider::seconds);
            return new AiException(AiException.Kind.RATE_LIMITED, "the AI provider is rate limiting this server"
                    + said, retryAfter, null);
        }
        if (status >= 500 || status == 401 || status == 403) {
            return new AiException(AiException.Kind.UNAVAILABLE, "the AI provider failed (" + status + ")" + said);
        }
        return new AiException(AiException.Kind.BAD_RESPONSE, "the AI provider refused the request (" + status + ")"
                + said);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
