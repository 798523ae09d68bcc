package dev.weft.crdt;

/**
 * Runs callbacks so that one failing does not stop the others (a throwing observer must not leave the document
 * half cleaned up), and rethrows the first failure once all have run, the later ones suppressed into it.
 */
final class Failures {
    private Throwable first;

    void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            if (first == null) {
                first = e;
            } else if (first != e) {
                first.addSuppressed(e);
            }
        }
    }

    void rethrow() {
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
