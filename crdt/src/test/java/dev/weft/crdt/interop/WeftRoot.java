package dev.weft.crdt.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the shared files beside it are, from the {@code weft.root} property surefire sets. */
public final class WeftRoot {
    private WeftRoot() {
    }

    /** The reactor root (the directory holding the parent pom and client-js). */
    public static Path path() {
        String root = System.getProperty("weft.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException(
                    "system property weft.root is not set: run the tests through Maven (surefire sets it to the reactor root)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** The editing traces, kept in shared/traces beside the repository. */
    public static Path traces() {
        Path traces = path().resolve("../shared/traces").normalize();
        if (!Files.isDirectory(traces)) {
            throw new IllegalStateException("no traces directory at " + traces + " (expected shared/traces beside the repository)");
        }
        return traces;
    }
}
