package dev.weft.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Holds the storage writer inside a write of its own until {@link #close}: every write queued meanwhile waits and
 * then goes into the writer's next transaction, all together (up to the batch size). Unlike {@link DatabaseLock},
 * it decides exactly which writes share a transaction, without timing anything.
 */
final class WriterGate implements AutoCloseable {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CompletableFuture<Void> write;

    private WriterGate(Storage storage) {
        write = storage.tables().write("writer gate", connection -> {
            entered.countDown();
            awaitUninterruptibly(released);
            return null;
        });
        awaitUninterruptibly(entered);
    }

    /** Returns once the writer runs the gate's write: what is queued from now on waits for {@link #close}. */
    static WriterGate hold(Storage storage) {
        return new WriterGate(storage);
    }

    /** Lets the writer commit the gate and take everything queued meanwhile into its next transaction. */
    @Override
    public void close() {
        released.countDown();
        write.join();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
