package dev.weft.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Map;
import java.util.Objects;

/**
 * One request to run a plugin.
 *
 * @param input     what the caller passes (a JSON value the plugin interprets; {@code null} for none)
 * @param variables values for the plugin's variables ({@code highlighted_text}, {@code genre}, ...); entries the
 *                  manifest does not declare are left out, so an embedder may pass every variable it knows
 * @param host      what the plugin may read and propose during this run
 */
public record PluginRun(JsonNode input, Map<String, String> variables, HostApi host) {
    public PluginRun {
        input = input == null ? NullNode.getInstance() : input;
        variables = Map.copyOf(variables);
        Objects.requireNonNull(host, "host");
    }
}
