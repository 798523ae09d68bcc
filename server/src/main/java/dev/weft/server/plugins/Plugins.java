package dev.weft.server.plugins;

import dev.weft.plugin.PluginMetricsListener;
import dev.weft.plugin.PluginRuntime;
import dev.weft.server.auth.Authenticator;
import dev.weft.server.comments.CommentThreads;
import dev.weft.server.config.PluginSettings;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.metrics.ServerMetrics;
import dev.weft.server.plugins.ai.AiProvider;
import dev.weft.server.plugins.ai.ConcurrencyLimitedProvider;
import dev.weft.server.plugins.ai.Credits;
import dev.weft.server.plugins.ai.OpenAiCompatibleProvider;
import dev.weft.server.plugins.ai.Pricing;
import dev.weft.server.plugins.ai.TokenCounter;
import dev.weft.server.sharing.DocumentAccess;
import dev.weft.server.sync.Rooms;
import dev.weft.storage.Tables;
import dev.weft.storage.plugins.CreditRepository;
import dev.weft.storage.plugins.PluginRepository;
import java.time.InstantSource;
import java.util.Locale;

/**
 * The plugins feature, assembled: the marketplace, the runs (wasm plugins in the sandbox, prompt plugins through
 * the AI provider), the AI credits, and their HTTP API. Per-plugin metrics (runs, failures, time, memory) go to
 * {@link ServerMetrics}. Close it to stop the sandbox's workers.
 */
public final class Plugins implements AutoCloseable {
    private final WasmPlugins wasm;
    private final PluginsApi api;

    /**
     * @param settings the AI provider, prices, credits, administrators, and the sandbox's limits
     * @param tables the features' tables, for the marketplace and the credits
     * @param authenticator tells whether the server runs open (every user an administrator)
     * @param access who may do what with a document
     * @param comments where the comments plugins propose are posted
     */
    public Plugins(PluginSettings settings, Tables tables, Authenticator authenticator, DocumentAccess access,
            CommentThreads comments, Rooms rooms, ServerMetrics metrics) {
        PluginMetricsListener runMetrics = run -> metrics.pluginRun(run.plugin(),
                run.failure().map(reason -> reason.name().toLowerCase(Locale.ROOT)), run.elapsed(), run.memoryBytes());
        wasm = new WasmPlugins(new PluginRuntime(settings.runtime(), runMetrics));
        AiProvider ai = settings.aiBaseUrl()
                .<AiProvider>map(url -> new ConcurrencyLimitedProvider(
                        new OpenAiCompatibleProvider(url, settings.aiApiKey(), settings.aiTimeout()),
                        settings.aiMaxConcurrent(), settings.aiTimeout()))
                .orElseGet(AiProvider::none);
        CreditRepository credits = new CreditRepository(tables, InstantSource.system(),
                Credits.toMicros(settings.startingCredits()));
        PromptRunner prompts = new PromptRunner(ai, new Pricing(settings.aiPrices(), settings.aiDefaultPrice()),
                new TokenCounter(), credits);
        PluginRegistry registry = new PluginRegistry(new PluginRepository(tables, InstantSource.system()), wasm);
        api = new PluginsApi(new PluginAccess(access, authenticator.isOpen(), settings.admins()), registry,
                new PluginRuns(rooms, comments, prompts, wasm, metrics, settings.aiDefaultModel()), credits);
    }

    public void register(ApiRoutes routes) {
        api.register(routes);
    }

    @Override
    public void close() {
        wasm.close();
    }
}
