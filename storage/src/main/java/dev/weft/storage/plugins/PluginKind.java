package dev.weft.storage.plugins;

import java.util.Arrays;
import java.util.Optional;

/** What a published plugin is made of. */
public enum PluginKind {
    /** A WebAssembly module with its manifest, run in the sandbox. */
    WASM("wasm"),
    /** Prompt templates run through the AI provider; no module. */
    PROMPT("prompt");

    private final String id;

    PluginKind(String id) {
        this.id = id;
    }

    /** The name stored and shown in the API: {@code wasm} or {@code prompt}. */
    public String id() {
        return id;
    }

    public static Optional<PluginKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
