package dev.weft.server.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.server.config.WebhookSettings;
import dev.weft.storage.notifications.NotificationRepository;
import dev.weft.storage.notifications.WebhookDelivery.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs webhook events to the configured URL, signed ({@link WebhookSignature}), with
 * {@code X-Weft-Event} (the type) and {@code X-Weft-Delivery} (the event's id, the same on every attempt, for the
 * receiver to drop duplicates). A 2xx answer delivers it; anything else, or no answer within the timeout, is
 * retried with exponential backoff up to the configured attempts. Every attempt is recorded
 * ({@link NotificationRepository#recordDelivery}).
 *
 * <p>Each event is delivered on a virtual thread of its own, so a slow receiver delays nobody. {@link #close} stops
 * the retries still waiting (their last attempts stay recorded as {@code retrying}).
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final WebhookSettings settings;
    private final WebhookSignature signature;
    private final NotificationRepository deliveries;
    private final InstantSource clock;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookSender(WebhookSettings settings, NotificationRepository deliveries, InstantSource clock) {
        this.settings = settings;
        this.signature = new WebhookSignature(settings.secret());
        this.deliveries = deliveries;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Queues an event for delivery: {@code {"id", "type", "created_at", ...fields}} as the body.
     *
     * @return the event's id
     */
    public String send(String type, Map<String, ?> fields) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("created_at", clock.instant().toString());
        event.putAll(fields);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a webhook event as JSON", e);
        }
        try {
            senders.execute(() -> deliver(id, type, body));
        } catch (RejectedExecutionException e) {
            log.warn("webhook event {} ({}) dropped: the server is shutting down", id, type);
        }
        return id;
    }

    private void deliver(String id, String type, byte[] body) {
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Integer status = null;
            String error;
            try {
                HttpResponse<Void> response = http.send(request(id, type, body),
                        HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                error = status / 100 == 2 ? null : "the receiver answered " + status;
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            boolean last = attempt == settings.maxAttempts();
            Outcome outcome = error == null ? Outcome.DELIVERED : last ? Outcome.FAILED : Outcome.RETRYING;
            record(id, type, attempt, status, error, outcome);
            if (error == null) {
                return;
            }
            if (last) {
                log.warn("webhook event {} ({}) not delivered after {} attempts: {}", id, type, attempt, error);
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private HttpRequest request(String id, String type, byte[] body) {
        return HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Weft-Webhook")
                .header("X-Weft-Event", type)
                .header("X-Weft-Delivery", id)
                .header(WebhookSignature.HEADER, signature.sign(clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private void record(String id, String type, int attempt, Integer status, String error, Outcome outcome) {
        try {
            deliveries.recordDelivery(id, type, settings.url().toString(), attempt, status, error, outcome).join();
        } catch (RuntimeException e) {
            log.warn("could not record attempt {} of webhook event {}", attempt, id, e);
        }
    }

    /**
     * Stops accepting events and interrupts deliveries in progress or waiting to retry, then waits a moment for
     * the attempts that were answered to be recorded (before storage closes).
     */
    @Override
    public void close() {
        senders.shutdownNow();
        try {
            if (!senders.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("webhook deliveries still running after {}; their last attempts may go unrecorded",
                        CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
