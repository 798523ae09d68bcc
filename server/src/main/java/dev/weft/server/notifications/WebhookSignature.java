package dev.weft.server.notifications;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, in the {@value #HEADER} header: {@code t=<unix seconds>,v1=<hex>}, where
 * the hex is HMAC-SHA256 under the configured secret of {@code <t>.<body>} (the timestamp, a dot, and the raw body
 * bytes). Signing the time with the body lets a receiver refuse replays of old requests: it recomputes the HMAC
 * over what it received, compares in constant time, and checks that {@code t} is recent.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Weft-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header's value for {@code body} sent at {@code epochSeconds}. */
    public String sign(long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(hmac(epochSeconds, body));
    }

    private byte[] hmac(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
