package dev.weft.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON API's routes under {@code /api}, registered by each feature at start:
 *
 * <pre>{@code
 * routes.get("/api/documents/{name}/links", request -> ApiResponse.ok(links.list(request.pathParameter("name"))))
 *       .post("/api/documents/{name}/links", this::createLink);
 * }</pre>
 *
 * A request matching no route's path is answered 404, one matching a path under another method 405. Routes are
 * registered before the server starts and only read afterwards.
 */
public final class ApiRoutes {
    /** Every API path starts with this. */
    public static final String PREFIX = "/api/";

    private final List<Route> routes = new ArrayList<>();

    public ApiRoutes get(String template, ApiHandler handler) {
        return add(HttpMethod.GET, template, handler);
    }

    public ApiRoutes post(String template, ApiHandler handler) {
        return add(HttpMethod.POST, template, handler);
    }

    public ApiRoutes put(String template, ApiHandler handler) {
        return add(HttpMethod.PUT, template, handler);
    }

    public ApiRoutes patch(String template, ApiHandler handler) {
        return add(HttpMethod.PATCH, template, handler);
    }

    public ApiRoutes delete(String template, ApiHandler handler) {
        return add(HttpMethod.DELETE, template, handler);
    }

    private ApiRoutes add(HttpMethod method, String template, ApiHandler handler) {
        if (!template.startsWith(PREFIX)) {
            throw new IllegalArgumentException("API routes live under " + PREFIX + ", got " + template);
        }
        PathTemplate path = PathTemplate.parse(template);
        if (routes.stream().anyMatch(r -> r.method.equals(method) && r.path.toString().equals(template))) {
            throw new IllegalArgumentException("the route " + method + " " + template + " is registered twice");
        }
        routes.add(new Route(method, path, handler));
        return this;
    }

    /** The route for {@code method} on {@code rawPath}, with its placeholders' values. */
    Optional<Match> match(HttpMethod method, String rawPath) {
        for (Route route : routes) {
            if (route.method.equals(method)) {
                Optional<Map<String, String>> parameters = route.path.match(rawPath);
                if (parameters.isPresent()) {
                    return Optional.of(new Match(route.handler, parameters.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The methods with a route on {@code rawPath}: for the 405 answer's {@code Allow} header. */
    Set<HttpMethod> methodsOn(String rawPath) {
        Set<HttpMethod> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.path.match(rawPath).isPresent()) {
                methods.add(route.method);
            }
        }
        return methods;
    }

    record Match(ApiHandler handler, Map<String, String> pathParameters) {
    }

    private record Route(HttpMethod method, PathTemplate path, ApiHandler handler) {
    }
}
