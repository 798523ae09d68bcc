package dev.weft.server.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.plugin.Permission;
import dev.weft.server.auth.AuthException;
import dev.weft.server.auth.Grant;
import dev.weft.server.http.ApiException;
import dev.weft.server.http.ApiRequest;
import dev.weft.server.http.ApiResponse;
import dev.weft.server.http.ApiRoutes;
import dev.weft.server.plugins.ai.Credits;
import dev.weft.server.sharing.Member;
import dev.weft.server.sharing.Role;
import dev.weft.storage.plugins.AiUsage;
import dev.weft.storage.plugins.CreditRepository;
import dev.weft.storage.plugins.PluginInstall;
import dev.weft.storage.plugins.PluginListing;
import dev.weft.storage.plugins.PluginQuery;
import dev.weft.storage.plugins.Publication;
import dev.weft.storage.plugins.StoredPlugin;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plugins' HTTP API: the marketplace ({@code /api/plugins}), installations on a document or server-wide,
 * runs and their cost estimates, and the caller's AI credits. README, section "Plugins", lists the routes.
 */
public final class PluginsApi {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;
    private static final int USAGE_SHOWN = 50;

    private final PluginAccess access;
    private final PluginRegistry registry;
    private final PluginRuns runs;
    private final CreditRepository credits;

    PluginsApi(PluginAccess access, PluginRegistry registry, PluginRuns runs, CreditRepository credits) {
        this.access = access;
        this.registry = registry;
        this.runs = runs;
        this.credits = credits;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/plugins", this::search)
                .post("/api/plugins", this::publish)
                .get("/api/plugins/{id}", this::describe)
                .delete("/api/plugins/{id}", this::unpublish)
                .get("/api/server/plugins", this::serverInstalls)
                .put("/api/server/plugins/{id}", this::installServerWide)
                .delete("/api/server/plugins/{id}", this::uninstallServerWide)
                .get("/api/documents/{name}/plugins", this::documentInstalls)
                .put("/api/documents/{name}/plugins/{id}", this::install)
                .delete("/api/documents/{name}/plugins/{id}", this::uninstall)
                .post("/api/documents/{name}/plugins/{id}/estimate", this::estimate)
                .post("/api/documents/{name}/plugins/{id}/run", this::run)
                .get("/api/ai/credits", this::myCredits)
                .post("/api/ai/credits/{subject}", this::grantCredits);
    }

    /** What the marketplace shows of a plugin. */
    public record ListingView(String name, String version, String kind, String description, String author,
            String license, String category, List<String> tags, String publisher, String publishedAt) {

        static ListingView of(PluginListing listing) {
            return new ListingView(listing.name(), listing.version(), listing.kind().id(), listing.description(),
                    listing.author(), listing.license(), listing.category(), listing.tags(), listing.publisher(),
                    listing.publishedAt().toString());
        }
    }

    /** An installation: on {@code document}, or server-wide ({@code document} left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstallView(String plugin, String scope, String document, String installedBy, String installedAt) {

        static InstallView of(PluginInstall install) {
            return new InstallView(install.plugin(), install.serverWide() ? "server" : "document",
                    install.serverWide() ? null : install.document(), install.installedBy(),
                    install.installedAt().toString());
        }
    }

    /** The body of a publish: the manifest, and a wasm plugin's module in base64. */
    record PublishBody(JsonNode manifest, String module) {
    }

    record GrantBody(BigDecimal amount) {
    }

    private ApiResponse search(ApiRequest request) throws AuthException {
        access.user(request);
        int limit = request.queryParameter("limit").map(PluginsApi::limit).orElse(DEFAULT_LIMIT);
        List<ListingView> found = registry.search(new PluginQuery(nonEmpty(request, "category"),
                nonEmpty(request, "tag"), nonEmpty(request, "q"), limit)).stream().map(ListingView::of).toList();
        return ApiResponse.ok(Map.of("plugins", found));
    }

    private ApiResponse publish(ApiRequest request) throws AuthException {
        Grant publisher = access.user(request);
        PublishBody body = request.bodyAs(PublishBody.class);
        Optional<byte[]> module;
        try {
            module = Optional.ofNullable(body.module()).map(Base64.getDecoder()::decode);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_plugin", "\"module\" is not base64: " + e.getMessage());
        }
        Publication publication = registry.publish(body.manifest(), module, publisher, access.isAdmin(publisher));
        String name = body.manifest().path("name").asText();
        ListingView listing = ListingView.of(registry.find(name).orElseThrow().listing());
        return publication.previous().isEmpty() ? ApiResponse.created(listing) : ApiResponse.ok(listing);
    }

    private ApiResponse describe(ApiRequest request) throws AuthException {
        access.user(request);
        String id = request.pathParameter("id");
        StoredPlugin plugin = registry.find(id)
                .orElseThrow(() -> ApiException.notFound("no plugin named " + id + " is published"));
        return ApiResponse.ok(Map.of("plugin", ListingView.of(plugin.listing()),
                "manifest", PluginRegistry.manifest(plugin)));
    }

    private ApiResponse unpublish(ApiRequest request) throws AuthException {
        Grant caller = access.user(request);
        registry.unpublish(request.pathParameter("id"), caller, access.isAdmin(caller));
        return ApiResponse.noContent();
    }

    private ApiResponse serverInstalls(ApiRequest request) throws AuthException {
        access.user(request);
        List<InstallView> installs = registry.installs(PluginInstall.SERVER_WIDE).stream()
                .filter(PluginInstall::serverWide).map(InstallView::of).toList();
        return ApiResponse.ok(Map.of("plugins", installs));
    }

    private ApiResponse installServerWide(ApiRequest request) throws AuthException {
        Grant admin = access.admin(request);
        return ApiResponse.ok(InstallView.of(
                registry.install(PluginInstall.SERVER_WIDE, request.pathParameter("id"), admin.subject())));
    }

    private ApiResponse uninstallServerWide(ApiRequest request) throws AuthException {
        access.admin(request);
        registry.uninstall(PluginInstall.SERVER_WIDE, request.pathParameter("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse documentInstalls(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        access.document(request, document, Role.VIEWER);
        return ApiResponse.ok(Map.of("plugins", registry.installs(document).stream().map(InstallView::of).toList()));
    }

    private ApiResponse install(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member caller = access.document(request, document, Role.EDITOR);
        return ApiResponse.ok(InstallView.of(registry.install(document, request.pathParameter("id"),
                caller.subject())));
    }

    private ApiResponse uninstall(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        access.document(request, document, Role.EDITOR);
        registry.uninstall(document, request.pathParameter("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse estimate(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        Member caller = access.document(request, document, Role.VIEWER);
        RunRequest body = runBody(request);
        PluginRegistry.Loaded plugin = registry.load(request.pathParameter("id"));
        PromptPlugin prompt = plugin.prompt().orElseThrow(() -> ApiException.badRequest("not_a_prompt_plugin",
                "only prompt plugins have a cost estimate: a wasm plugin pays only for the AI calls it makes"));
        authorizePrevious(request, body);
        List<PromptRunner.RenderedStage> stages = runs.estimate(
                new PluginRuns.Context(document, caller, plugin, body, request.connectionThread()), prompt);
        long total = stages.stream().mapToLong(PromptRunner.RenderedStage::cost).sum();
        long balance = credits.balance(caller.subject());
        List<RunReport.StageView> views = stages.stream().map(stage -> new RunReport.StageView(stage.model(), null,
                null, stage.promptTokens(), stage.maxCompletionTokens(), Credits.fromMicros(stage.cost()))).toList();
        return ApiResponse.ok(Map.of("stages", views, "estimate", Credits.fromMicros(total),
                "balance", Credits.fromMicros(balance), "affordable", balance >= total));
    }

    private ApiResponse run(ApiRequest request) throws AuthException {
        String document = request.pathParameter("name");
        String id = request.pathParameter("id");
        RunRequest body = runBody(request);
        if (request.queryParameter("test").filter("true"::equals).isPresent()) {
            body = new RunRequest(body.selection(), body.userInput(), body.previousDocument(), body.input(), true);
        }
        // A test run changes nothing, so reading the document is enough; else what the plugin may change decides.
        Member caller = access.document(request, document, Role.VIEWER);
        PluginRegistry.Loaded plugin = registry.load(id);
        if (!body.testMode()) {
            access.document(request, document, need(permissions(plugin)));
            if (registry.installation(document, id).isEmpty()) {
                throw ApiException.conflict("plugin_not_installed", "the plugin " + id + " is not installed on "
                        + document + ": install it (PUT /api/documents/{name}/plugins/" + id
                        + ") or run it in test mode (\"test\": true)");
            }
            authorizePrevious(request, body);
        }
        return ApiResponse.ok(runs.run(new PluginRuns.Context(document, caller, plugin, body,
                request.connectionThread())));
    }

    private ApiResponse myCredits(ApiRequest request) throws AuthException {
        Grant caller = access.user(request);
        List<Map<String, Object>> usage = credits.usage(caller.subject(), USAGE_SHOWN).stream()
                .map(PluginsApi::usageView).toList();
        return ApiResponse.ok(Map.of("subject", caller.subject(),
                "balance", Credits.fromMicros(credits.balance(caller.subject())), "usage", usage));
    }

    private ApiResponse grantCredits(ApiRequest request) throws AuthException {
        access.admin(request);
        String subject = request.pathParameter("subject");
        GrantBody body = request.bodyAs(GrantBody.class);
        if (body.amount() == null) {
            throw ApiException.badRequest("invalid_amount", "give \"amount\": the credits to add (negative to take)");
        }
        long balance = credits.grant(subject, Credits.toMicros(body.amount())).join();
        return ApiResponse.ok(Map.of("subject", subject, "balance", Credits.fromMicros(balance)));
    }

    private static Map<String, Object> usageView(AiUsage usage) {
        return Map.of("document", usage.document(), "plugin", usage.plugin(), "model", usage.model(),
                "promptTokens", usage.promptTokens(), "completionTokens", usage.completionTokens(),
                "cost", Credits.fromMicros(usage.cost()), "at", usage.at().toString());
    }

    /** The previous document's text is read with the caller's own rights on it. */
    private void authorizePrevious(ApiRequest request, RunRequest body) throws AuthException {
        if (body.previousDocumentGiven().isPresent() && !body.testMode()) {
            access.document(request, body.previousDocumentGiven().get(), Role.VIEWER);
        }
    }

    private static Set<Permission> permissions(PluginRegistry.Loaded plugin) {
        return plugin.prompt().map(PromptPlugin::permissions)
                .orElseGet(() -> plugin.module().orElseThrow().manifest().permissions());
    }

    /** Editing the document or its canvas needs an editor; leaving comments, a commenter; the rest, a viewer. */
    private static Role need(Set<Permission> permissions) {
        if (permissions.contains(Permission.DOC_WRITE) || permissions.contains(Permission.CANVAS_WRITE)) {
            return Role.EDITOR;
        }
        return permissions.contains(Permission.COMMENTS_WRITE) ? Role.COMMENTER : Role.VIEWER;
    }

    private static RunRequest runBody(ApiRequest request) {
        return request.body().length == 0 ? RunRequest.EMPTY : request.bodyAs(RunRequest.class);
    }

    private static Optional<String> nonEmpty(ApiRequest request, String name) {
        return request.queryParameter(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
