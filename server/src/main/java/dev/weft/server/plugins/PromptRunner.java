package dev.weft.server.plugins;

import dev.weft.server.http.ApiException;
import dev.weft.server.plugins.ai.AiProvider;
import dev.weft.server.plugins.ai.Completion;
import dev.weft.server.plugins.ai.CompletionRequest;
import dev.weft.server.plugins.ai.Credits;
import dev.weft.server.plugins.ai.ModelParameters;
import dev.weft.server.plugins.ai.Pricing;
import dev.weft.server.plugins.ai.TokenCounter;
import dev.weft.storage.plugins.AiUsage;
import dev.weft.storage.plugins.CreditRepository;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs prompt plugins: fills each stage's templates, estimates the cost before anything is sent, reserves it from
 * the user's credits (refusing a run its user cannot afford: the reservation is atomic, so concurrent runs cannot
 * overdraw together), calls the AI provider stage by stage, and charges each call to the user as the provider
 * counted it, giving back the rest of the reservation.
 */
final class PromptRunner {
    /** What a test run shows in place of the first stage's output, which it never asks for. */
    static final String FIRST_STAGE_PLACEHOLDER = "(the first stage's output)";

    private final AiProvider ai;
    private final Pricing pricing;
    private final TokenCounter tokens;
    private final CreditRepository credits;

    PromptRunner(AiProvider ai, Pricing pricing, TokenCounter tokens, CreditRepository credits) {
        this.ai = ai;
        this.pricing = pricing;
        this.tokens = tokens;
        this.credits = credits;
    }

    /** One stage's call as it would be sent: for test runs and estimates. */
    record RenderedStage(String model, Optional<String> system, String prompt, long promptTokens,
            long maxCompletionTokens, long cost) {
    }

    /** One call made, and what it cost. */
    record AiCall(String model, long promptTokens, long completionTokens, long cost) {
    }

    /** A finished prompt run: the last stage's output, the calls made, and the user's balance after them. */
    record Outcome(String text, List<AiCall> calls, long balance) {
    }

    /**
     * The stages as they would be sent, with their worst-case cost: the prompt's tokens plus the stage's whole
     * completion budget. The second stage is rendered with a placeholder where the first's output will be, and the
     * first's budget counted in its place.
     */
    List<RenderedStage> render(PromptPlugin plugin, Map<String, String> variables) {
        List<RenderedStage> stages = new ArrayList<>();
        long previousBudget = 0;
        for (PromptStage stage : plugin.stages()) {
            Map<String, String> values = new HashMap<>(variables);
            values.put(Variable.FIRST_STAGE_OUTPUT.id(), FIRST_STAGE_PLACEHOLDER);
            Optional<String> system = stage.system().map(template -> template.render(values));
            String prompt = stage.prompt().render(values);
            long promptTokens = tokens.promptTokens(stage.model(), system, prompt) + previousBudget;
            long budget = stage.parameters().completionBudget();
            stages.add(new RenderedStage(stage.model(), system, prompt, promptTokens, budget,
                    pricing.cost(stage.model(), promptTokens, budget)));
            previousBudget = budget;
        }
        return stages;
    }

    /**
     * Runs the plugin for {@code subject}, charging its calls.
     *
     * @throws ApiException 402 {@code insufficient_credits} if the user's balance is below the estimate
     * @throws dev.weft.server.plugins.ai.AiException if a call fails (the calls before it stay charged, the
     *     reservation of the others is given back)
     */
    Outcome run(PromptPlugin plugin, Map<String, String> variables, String subject, String document) {
        List<RenderedStage> estimates = render(plugin, variables);
        long unsettled = estimates.stream().mapToLong(RenderedStage::cost).sum();
        reserve(subject, unsettled);
        List<AiCall> calls = new ArrayList<>();
        String output = "";
        long balance = 0;
        try {
            for (int i = 0; i < plugin.stages().size(); i++) {
                PromptStage stage = plugin.stages().get(i);
                Map<String, String> values = new HashMap<>(variables);
                values.put(Variable.FIRST_STAGE_OUTPUT.id(), output);
                CompletionRequest request = new CompletionRequest(stage.model(),
                        stage.system().map(template -> template.render(values)), stage.prompt().render(values),
                        stage.parameters());
                long reserved = estimates.get(i).cost();
                unsettled -= reserved;
                Charged charged = call(request, subject, document, plugin.name(), reserved);
                calls.add(charged.call());
                output = charged.text();
                balance = charged.balance();
            }
        } finally {
            if (unsettled > 0) {
                credits.grant(subject, unsettled).join();
            }
        }
        return new Outcome(output, calls, balance);
    }

    /**
     * One completion of {@code prompt} by {@code model} with default parameters, for a wasm plugin's
     * {@code ai.generate}, charged to {@code subject} like a stage.
     */
    Charged generate(String model, String prompt, String subject, String document, String plugin) {
        long estimate = pricing.cost(model, tokens.promptTokens(model, Optional.empty(), prompt),
                ModelParameters.DEFAULT_MAX_TOKENS);
        reserve(subject, estimate);
        return call(new CompletionRequest(model, Optional.empty(), prompt,
                new ModelParameters(null, null, null, null, ModelParameters.DEFAULT_MAX_TOKENS, null)),
                subject, document, plugin, estimate);
    }

    /** A completion and what it cost: the call, and the user's balance after it. */
    record Charged(String text, AiCall call, long balance) {
    }

    /** Takes {@code estimate} out of the user's balance until the calls are charged. @throws ApiException 402 */
    private void reserve(String subject, long estimate) {
        CreditRepository.Reservation reservation = credits.reserve(subject, estimate).join();
        if (!reservation.reserved()) {
            throw new ApiException(HttpResponseStatus.PAYMENT_REQUIRED, "insufficient_credits",
                    "this run may cost up to " + Credits.fromMicros(estimate).toPlainString() + " credits and "
                            + subject + " has " + Credits.fromMicros(reservation.balance()).toPlainString()
                            + ": ask an administrator for more credits");
        }
    }

    /** Makes the call and charges it; {@code reserved} is given back either way (with the charge, or alone). */
    private Charged call(CompletionRequest request, String subject, String document, String plugin,
            long reserved) {
        Completion completion;
        try {
            completion = ai.complete(request);
        } catch (RuntimeException e) {
            credits.grant(subject, reserved).join();
            throw e;
        }
        // A provider that does not report usage is charged by our own count.
        long promptTokens = completion.promptTokens() > 0 ? completion.promptTokens()
                : tokens.promptTokens(request.model(), request.system(), request.prompt());
        long completionTokens = completion.completionTokens() > 0 ? completion.completionTokens()
                : tokens.textTokens(request.model(), completion.text());
        long cost = pricing.cost(request.model(), promptTokens, completionTokens);
        long balance = credits.charge(new AiUsage(subject, document, plugin, request.model(), promptTokens,
                completionTokens, cost, Instant.now()), reserved).join();
        return new Charged(completion.text(), new AiCall(request.model(), promptTokens, completionTokens, cost),
                balance);
    }
}
