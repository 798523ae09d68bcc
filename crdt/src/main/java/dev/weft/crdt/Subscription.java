package dev.weft.crdt;

/** A registered listener or observer; closing it unsubscribes. Closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
