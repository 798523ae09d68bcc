package dev.weft.server.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.plugin.Permission;
import dev.weft.server.plugins.ai.ModelParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A prompt-template plugin: one or two calls to the AI provider, their prompts filled from the seed list's
 * variables, the second stage seeing the first's output as {@code {{first_stage_output}}}. Its manifest:
 *
 * <pre>{@code
 * {
 *   "kind": "prompt",
 *   "name": "scene-expander", "version": "1.0.0",
 *   "description": "...", "author": "...", "license": "MIT",
 *   "category": "drafting", "tags": ["ai", "scenes"],
 *   "permissions": ["ai.generate", "doc.read", "storybible.read", "doc.write"],
 *   "output": "replace-selection",          // or "text" (the default), "insert-after-selection", "canvas-note"
 *   "stages": [
 *     {"model": "gpt-4o-mini", "system": "You write {{genre}} in {{style}}.",
 *      "prompt": "Expand: {{highlighted_text}}", "temperature": 0.8, "topP": 1, "frequencyPenalty": 0.3,
 *      "presencePenalty": 0, "maxTokens": 600, "stop": ["THE END"]},
 *     {"model": "gpt-4o-mini", "prompt": "Tighten this: {{first_stage_output}}"}
 *   ]
 * }
 * }</pre>
 *
 * Every placeholder must name a variable of the seed list ({@link Variable}) and have its source's permission
 * declared; {@code ai.generate} is required, {@code doc.write} for an output that edits, {@code canvas.write} for a
 * canvas note. Unknown fields are refused, so that a misspelt parameter is not silently ignored.
 */
public record PromptPlugin(
        String name,
        String version,
        String description,
        String author,
        String license,
        String category,
        List<String> tags,
        Set<Permission> permissions,
        PromptOutput output,
        List<PromptStage> stages) {

    public static final int MAX_STAGES = 2;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> FIELDS = Set.of("kind", "name", "version", "description", "author", "license",
            "category", "tags", "permissions", "output", "stages");
    private static final Set<String> STAGE_FIELDS = Set.of("model", "system", "prompt", "temperature", "topP",
            "frequencyPenalty", "presencePenalty", "maxTokens", "stop");
    private static final int MAX_NAME = 64;
    private static final int MAX_TEXT = 200;
    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_TEMPLATE = 20_000;
    private static final int MAX_TOKENS = 32_768;
    private static final int MAX_LIST = 32;
    private static final int MAX_STOP = 4;

    public PromptPlugin {
        tags = List.copyOf(tags);
        permissions = Set.copyOf(permissions);
        stages = List.copyOf(stages);
    }

    /** Whether the manifest declares {@code permission}. */
    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /**
     * Reads and checks a prompt plugin's manifest.
     *
     * @throws InvalidManifestException listing every problem found
     */
    public static PromptPlugin parse(JsonNode manifest) {
        if (manifest == null || !manifest.isObject()) {
            throw new InvalidManifestException(List.of("the manifest must be a JSON object"));
        }
        return new Reader(manifest).read();
    }

    /** Collects every problem instead of stopping at the first, so that an author fixes them in one go. */
    private static final class Reader {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        PromptPlugin read() {
            unknownFields(root, FIELDS, "");
            if (!"prompt".equals(root.path("kind").asText())) {
                problems.add("\"kind\" must be \"prompt\"");
            }
            String name = text(root, "name", MAX_NAME, true);
            if (name != null && !NAME.matcher(name).matches()) {
                problems.add("name \"" + name + "\" must be lowercase letters and digits, words joined by '-'");
            }
            String version = text(root, "version", MAX_NAME, true);
            if (version != null && Semver.parse(version) == null) {
                problems.add("version \"" + version + "\" is not a semantic version such as 1.2.0 (semver.org)");
            }
            String description = text(root, "description", MAX_DESCRIPTION, true);
            String author = text(root, "author", MAX_TEXT, true);
            String license = text(root, "license", MAX_TEXT, true);
            String category = text(root, "category", MAX_NAME, true);
            List<String> tags = strings(root, "tags", MAX_NAME, MAX_LIST);
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String id : strings(root, "permissions", MAX_NAME, MAX_LIST)) {
                Permission.fromId(id).ifPresentOrElse(permissions::add, () -> problems.add(
                        "unknown permission \"" + id + "\" (known: " + List.of(Permission.values()) + ")"));
            }
            if (!permissions.contains(Permission.AI_GENERATE)) {
                problems.add("a prompt plugin calls the AI provider: \"permissions\" must include \""
                        + Permission.AI_GENERATE + "\"");
            }
            PromptOutput output = output();
            if (output != null && output.permission().filter(needed -> !permissions.contains(needed)).isPresent()) {
                problems.add("\"output\": \"" + output.id() + "\" " + (output.edits() ? "edits the document"
                        : "adds to the document's canvas") + ": \"permissions\" must include \""
                        + output.permission().get() + "\"");
            }
            List<PromptStage> stages = stages(permissions);
            if (!problems.isEmpty()) {
                throw new InvalidManifestException(problems);
            }
            return new PromptPlugin(name, Semver.parse(version).getVersion(), description, author, license,
                    category, tags, permissions, output, stages);
        }

        private PromptOutput output() {
            JsonNode node = root.get("output");
            if (node == null || node.isNull()) {
                return PromptOutput.TEXT;
            }
            Optional<PromptOutput> output = node.isTextual() ? PromptOutput.fromId(node.textValue()) : Optional.empty();
            if (output.isEmpty()) {
                problems.add("\"output\" must be one of " + Arrays.stream(PromptOutput.values())
                        .map(PromptOutput::id).toList());
                return null;
            }
            return output.get();
        }

        private List<PromptStage> stages(Set<Permission> permissions) {
            JsonNode node = root.get("stages");
            if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_STAGES) {
                problems.add("\"stages\" must be an array of 1 or " + MAX_STAGES + " stages");
                return List.of();
            }
            List<PromptStage> stages = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                stages.add(stage(node.get(i), "stages[" + i + "].", i > 0, permissions));
            }
            return stages;
        }

        private PromptStage stage(JsonNode stage, String at, boolean second, Set<Permission> permissions) {
            if (!stage.isObject()) {
                problems.add(at.substring(0, at.length() - 1) + " must be an object");
                return null;
            }
            unknownFields(stage, STAGE_FIELDS, at);
            String model = text(stage, "model", MAX_TEXT, true, at);
            Optional<PromptTemplate> system = Optional.ofNullable(text(stage, "system", MAX_TEMPLATE, false, at))
                    .map(text -> template(text, at + "system", second, permissions));
            String promptText = text(stage, "prompt", MAX_TEMPLATE, true, at);
            PromptTemplate prompt = promptText == null ? null
                    : template(promptText, at + "prompt", second, permissions);
            ModelParameters parameters = new ModelParameters(
                    number(stage, "temperature", 0, 2, at),
                    number(stage, "topP", 0, 1, at),
                    number(stage, "frequencyPenalty", -2, 2, at),
                    number(stage, "presencePenalty", -2, 2, at),
                    maxTokens(stage, at),
                    strings(stage, "stop", MAX_TEXT, MAX_STOP, at));
            return model == null || prompt == null ? null : new PromptStage(model, system, prompt, parameters);
        }

        private PromptTemplate template(String text, String field, boolean second, Set<Permission> permissions) {
            List<String> found = new ArrayList<>();
            PromptTemplate template = PromptTemplate.parse(text, found);
            found.forEach(problem -> problems.add(field + ": " + problem));
            for (String name : template.names()) {
                Optional<Variable> variable = Variable.fromId(name);
                if (variable.isEmpty()) {
                    problems.add(field + ": {{" + name + "}} is not a known variable (see the seed list)");
                } else if (variable.get() == Variable.FIRST_STAGE_OUTPUT && !second) {
                    problems.add(field + ": {{first_stage_output}} is only known in the second stage");
                } else {
                    variable.get().source().permission().filter(p -> !permissions.contains(p)).ifPresent(p ->
                            problems.add(field + ": {{" + name + "}} needs the permission \"" + p + "\""));
                }
            }
            return template;
        }

        private Double number(JsonNode stage, String field, double min, double max, String at) {
            JsonNode node = stage.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber() || node.doubleValue() < min || node.doubleValue() > max) {
                problems.add(at + field + " must be a number from " + min + " to " + max);
                return null;
            }
            return node.doubleValue();
        }

        private Integer maxTokens(JsonNode stage, String at) {
            JsonNode node = stage.get("maxTokens");
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isInt() || node.intValue() < 1 || node.intValue() > MAX_TOKENS) {
                problems.add(at + "maxTokens must be an integer from 1 to " + MAX_TOKENS);
                return null;
            }
            return node.intValue();
        }

        private void unknownFields(JsonNode node, Set<String> known, String at) {
            node.fieldNames().forEachRemaining(field -> {
                if (!known.contains(field)) {
                    problems.add("unknown field \"" + at + field + "\"");
                }
            });
        }

        private String text(JsonNode node, String field, int maxLength, boolean required) {
            return text(node, field, maxLength, required, "");
        }

        private String text(JsonNode node, String field, int maxLength, boolean required, String at) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problems.add("\"" + at + field + "\" is missing");
                }
                return null;
            }
            if (!value.isTextual() || value.textValue().isBlank()) {
                problems.add("\"" + at + field + "\" must be a non-empty string");
                return null;
            }
            if (value.textValue().length() > maxLength) {
                problems.add("\"" + at + field + "\" is longer than " + maxLength + " characters");
                return null;
            }
            return value.textValue().strip();
        }

        private List<String> strings(JsonNode node, String field, int maxLength, int maxCount) {
            return strings(node, field, maxLength, maxCount, "");
        }

        /** An optional list of distinct non-empty strings, empty when absent. */
        private List<String> strings(JsonNode node, String field, int maxLength, int maxCount, String at) {
            JsonNode list = node.get(field);
            if (list == null || list.isNull()) {
                return List.of();
            }
            if (!list.isArray() || list.size() > maxCount) {
                problems.add("\"" + at + field + "\" must be an array of at most " + maxCount + " strings");
                return List.of();
            }
            Set<String> values = new LinkedHashSet<>();
            for (JsonNode element : list) {
                if (!element.isTextual() || element.textValue().isEmpty() || element.textValue().length() > maxLength) {
                    problems.add("\"" + at + field + "\" entries must be non-empty strings of at most " + maxLength
                            + " characters");
                } else if (!values.add(element.textValue())) {
                    problems.add("\"" + at + field + "\" lists \"" + element.textValue() + "\" twice");
                }
            }
            return List.copyOf(values);
        }
    }
}
