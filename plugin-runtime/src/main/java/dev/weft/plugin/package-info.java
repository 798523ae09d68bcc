/**
 * The sandbox that runs WebAssembly plugins on GraalWasm. Nothing here knows Netty, rooms or HTTP: an embedder
 * (the server's {@code plugins} feature) loads packages, runs them with a {@link dev.weft.plugin.HostApi} of its own
 * and turns what they propose into updates.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * PluginRuntime runtime = new PluginRuntime(RuntimeLimits.defaults(), metrics -> ...);   // one per server
 * LoadedPlugin plugin = runtime.load(PluginPackage.of(manifestJson, wasm));              // InvalidPluginException
 * CompletableFuture<PluginResult> result = runtime.submit(plugin,
 *         new PluginRun(inputJson, Map.of("highlighted_text", selection), host));        // PluginException
 * }</pre>
 * <ul>
 *   <li>{@link dev.weft.plugin.PluginPackage}: a {@link dev.weft.plugin.PluginManifest} ({@code plugin.json}:
 *       name, semver version, description, author, license, entry, apiVersion, permissions, variables, category,
 *       tags), validated when read, plus the module's bytes.</li>
 *   <li>{@link dev.weft.plugin.PluginRuntime#load}: checks the module before anything instantiates it (size; one
 *       memory with a declared maximum under {@link dev.weft.plugin.RuntimeLimits#maxMemoryBytes()}; bounded
 *       tables; imports only from module {@code weft}, no WASI; exports {@code memory}, {@code alloc},
 *       {@code run} with the ABI's types) and parses it once.</li>
 *   <li>{@link dev.weft.plugin.PluginRuntime#submit}: every run gets a new {@code CONSTRAINED} context and a new
 *       instance on a bounded worker pool, under a deadline (watchdog: {@code Context.interrupt}, then
 *       {@code close(true)}), input and output caps, a host-call cap and a per-plugin rate limit. A failure is a
 *       {@link dev.weft.plugin.PluginException} whose {@link dev.weft.plugin.PluginException.Reason} the server
 *       maps to a status.</li>
 *   <li>{@link dev.weft.plugin.HostApi}: what a run may read (document text, Story Bible, AI completions) and
 *       propose (edits, comments, canvas elements). The runtime calls it only for plugins whose manifest has the
 *       permission; the embedder decides what proposals become (applied by the room, or reported in test mode).</li>
 *   <li>{@link dev.weft.plugin.PluginMetricsListener}: one {@link dev.weft.plugin.PluginRunMetrics} per run,
 *       refused runs included (runs, failures by reason, time, memory).</li>
 * </ul>
 *
 * <h2>The ABI, version 1</h2>
 * A plugin exports {@code memory} (with a declared maximum), {@code alloc(len: i32) -> i32} and
 * {@code run(ptr: i32, len: i32) -> i64}. The host allocates the input with {@code alloc}, writes it as UTF-8 JSON
 * {@code {"plugin","version","variables":{...declared ones...},"input":...}} and calls {@code run}, which returns
 * the pointer (high 32 bits) and length (low 32 bits) of a UTF-8 JSON object, the result ({@code text}, by
 * convention, is what to show the user). Host imports, module {@code weft}, strings as (ptr, len), returned strings
 * packed like {@code run}'s result: {@code log}, {@code variable}, {@code doc_text} (doc.read),
 * {@code story_bible} (storybible.read), {@code propose_edit} (doc.write), {@code emit_comment} (comments.write),
 * {@code emit_canvas} (canvas.write), {@code ai_generate} (ai.generate). See {@code HostImport} and the README.
 *
 * <h2>The optimizing runtime</h2>
 * On a stock JDK the engine compiles plugins only when the JVM runs with
 * {@code -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<Graal compiler jars>}; this
 * module's build copies the jars to {@code plugin-runtime/target/graal-compiler}, and {@code ./weft serve} and the
 * tests pass the flags. Without them plugins run interpreted and {@link dev.weft.plugin.PluginRuntime#optimizing()}
 * is false.
 */
package dev.weft.plugin;
