package dev.weft.plugin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A plugin's manifest, {@code plugin.json}: who it is, what it needs, how to run it.
 *
 * <pre>{@code
 * {
 *   "name": "repeated-words",            // [a-z0-9] words joined by '-', at most 64 characters
 *   "version": "1.0.0",                  // semantic version, strictly (semver.org 2.0.0)
 *   "description": "...", "author": "...", "license": "MIT",
 *   "entry": "plugin.wasm",              // the module's file name in the package
 *   "apiVersion": 1,                     // the ABI it was built for (this runtime: 1)
 *   "permissions": ["doc.read", "comments.write"],
 *   "variables": ["highlighted_text"],   // what the run's variables may hold for it
 *   "category": "proofreading", "tags": ["comments"]
 * }
 * }</pre>
 *
 * Unknown fields are refused, so that a typo in a permission's field name does not silently drop it.
 */
public record PluginManifest(
        String name,
        Semver version,
        String description,
        String author,
        String license,
        String entry,
        int apiVersion,
        Set<Permission> permissions,
        List<String> variables,
        String category,
        List<String> tags) {

    /** The ABI version this runtime implements. */
    public static final int API_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VARIABLE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\.wasm");
    private static final Set<String> FIELDS = Set.of("name", "version", "description", "author", "license", "entry",
            "apiVersion", "permissions", "variables", "category", "tags");
    private static final int MAX_NAME = 64;
    private static final int MAX_TEXT = 200;
    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_LIST = 32;

    public PluginManifest {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        variables = List.copyOf(variables);
        tags = List.copyOf(tags);
    }

    /** An identifier for logs and metrics: {@code name@version}. */
    public String id() {
        return name + "@" + version;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /**
     * Reads and checks a manifest.
     *
     * @throws InvalidPluginException listing every problem found, each naming its field
     */
    public static PluginManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidPluginException("plugin.json is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a byte array", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPluginException("plugin.json must be a JSON object");
        }
        return new Reader(root).read();
    }

    /** Collects every problem instead of stopping at the first, so an author fixes them in one go. */
    private static final class Reader {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        PluginManifest read() {
            root.fieldNames().forEachRemaining(field -> {
                if (!FIELDS.contains(field)) {
                    problems.add("unknown field \"" + field + "\"");
                }
            });
            String name = text("name", MAX_NAME, true);
            if (name != null && !NAME.matcher(name).matches()) {
                problems.add("name \"" + name + "\" must be lowercase letters and digits, words joined by '-'");
            }
            Semver version = version();
            String description = text("description", MAX_DESCRIPTION, true);
            String author = text("author", MAX_TEXT, true);
            String license = text("license", MAX_TEXT, true);
            String entry = text("entry", MAX_NAME, true);
            if (entry != null && !ENTRY.matcher(entry).matches()) {
                problems.add("entry \"" + entry + "\" must be a file name ending in .wasm, with no directory");
            }
            int apiVersion = apiVersion();
            Set<Permission> permissions = permissions();
            List<String> variables = strings("variables", MAX_NAME);
            for (String variable : variables) {
                if (!VARIABLE.matcher(variable).matches()) {
                    problems.add("variable \"" + variable + "\" must be snake_case (a-z, 0-9, _)");
                }
            }
            String category = text("category", MAX_NAME, true);
            List<String> tags = strings("tags", MAX_NAME);
            if (!problems.isEmpty()) {
                throw new InvalidPluginException(problems);
            }
            return new PluginManifest(name, version, description, author, license, entry, apiVersion, permissions,
                    variables, category, tags);
        }

        private String text(String field, int maxLength, boolean required) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    problems.add("\"" + field + "\" is missing");
                }
                return null;
            }
            if (!node.isTextual() || node.textValue().isBlank()) {
                problems.add("\"" + field + "\" must be a non-empty string");
                return null;
            }
            String value = node.textValue().strip();
            if (value.length() > maxLength) {
                problems.add("\"" + field + "\" is longer than " + maxLength + " characters");
                return null;
            }
            return value;
        }

        private Semver version() {
            String text = text("version", MAX_NAME, true);
            if (text == null) {
                return null;
            }
            Semver version = Semver.parse(text);
            if (version == null) {
                problems.add("version \"" + text + "\" is not a semantic version such as 1.2.0 (semver.org)");
            }
            return version;
        }

        private int apiVersion() {
            JsonNode node = root.get("apiVersion");
            if (node == null || !node.isInt()) {
                problems.add("\"apiVersion\" must be the integer " + API_VERSION);
                return 0;
            }
            if (node.intValue() != API_VERSION) {
                problems.add("apiVersion " + node.intValue() + " is not supported: this runtime implements "
                        + API_VERSION);
            }
            return node.intValue();
        }

        private Set<Permission> permissions() {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String id : strings("permissions", MAX_NAME)) {
                Permission.fromId(id).ifPresentOrElse(permissions::add, () -> problems.add(
                        "unknown permission \"" + id + "\" (known: " + List.of(Permission.values()) + ")"));
            }
            return permissions;
        }

        /** An optional list of distinct non-empty strings, empty when absent. */
        private List<String> strings(String field, int maxLength) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                problems.add("\"" + field + "\" must be an array of strings");
                return List.of();
            }
            if (node.size() > MAX_LIST) {
                problems.add("\"" + field + "\" has more than " + MAX_LIST + " entries");
                return List.of();
            }
            Set<String> values = new LinkedHashSet<>();
            for (JsonNode element : node) {
                if (!element.isTextual() || element.textValue().isBlank() || element.textValue().length() > maxLength) {
                    problems.add("\"" + field + "\" entries must be non-empty strings of at most " + maxLength
                            + " characters");
                } else if (!values.add(element.textValue())) {
                    problems.add("\"" + field + "\" lists \"" + element.textValue() + "\" twice");
                }
            }
            return List.copyOf(values);
        }
    }
}
