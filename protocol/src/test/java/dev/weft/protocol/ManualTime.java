package dev.weft.protocol;

import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand, in milliseconds from 0, as node:test's mocked Date in the goldens' snippets. */
final class ManualTime implements InstantSource {
    private long millis;

    void set(long millis) {
        this.millis = millis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
