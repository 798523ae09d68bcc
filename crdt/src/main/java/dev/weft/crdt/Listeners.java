package dev.weft.crdt;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The listeners of one event, called in the order they subscribed. Copy on write: a listener may subscribe or
 * unsubscribe others while being called, and the current call still sees the listeners it started with.
 */
final class Listeners<L> {
    private static final Object[] NONE = new Object[0];

    private Object[] listeners = NONE;

    boolean isEmpty() {
        return listeners.length == 0;
    }

    Subscription add(L listener) {
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        Object[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
        return () -> remove(listener);
    }

    private void remove(L listener) {
        Object[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                Object[] shrunk = new Object[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                listeners = shrunk;
                return;
            }
        }
    }

    /** Calls every listener, even if some throw; the first failure is rethrown after all were called. */
    void emit(Consumer<L> call) {
        Object[] current = listeners;
        if (current.length == 0) {
            return;
        }
        Failures failures = new Failures();
        for (Object listener : current) {
            @SuppressWarnings("unchecked")
            L l = (L) listener;
            failures.run(() -> call.accept(l));
        }
        failures.rethrow();
    }
}
