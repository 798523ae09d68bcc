package dev.weft.server.testing;

import dev.weft.server.WeftServer;

/** Reading a server's meters as {@code /metrics} shows them. */
public final class Meters {
    private Meters() {
    }

    /**
     * The value of one meter in the Prometheus text, by its name and labels as written there, e.g.
     * {@code weft_signaling_refused_total{code="forbidden"}}.
     */
    public static double value(WeftServer server, String nameAndLabels) {
        return server.metrics().scrape().lines()
                .filter(line -> line.startsWith(nameAndLabels + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no meter " + nameAndLabels + " in /metrics"));
    }
}
