package dev.weft.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * What a run returned. By convention {@code output.text} is a text to show the user; the rest is the plugin's own.
 * Proposals (edits, comments, canvas elements) went to the {@link HostApi} during the run.
 *
 * @param output      the JSON object the plugin's {@code run} returned
 * @param elapsed     wall time of the run, instantiation included
 * @param memoryBytes the plugin's linear memory when it returned
 * @param hostCalls   host imports the plugin called
 */
public record PluginResult(ObjectNode output, Duration elapsed, long memoryBytes, int hostCalls) {}
