package dev.weft.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {
    private static final ApiHandler LIST = request -> ApiResponse.ok("list");
    private static final ApiHandler SHOW = request -> ApiResponse.ok("show");
    private static final ApiHandler REVOKE = request -> ApiResponse.noContent();

    private final ApiRoutes routes = new ApiRoutes()
            .get("/api/documents/{name}/links", LIST)
            .get("/api/documents/{name}/links/{id}", SHOW)
            .delete("/api/documents/{name}/links/{id}", REVOKE);

    @Test
    void placeholdersMatchOneDecodedSegment() {
        ApiRoutes.Match match = routes.match(HttpMethod.GET, "/api/documents/draft%2Fone/links/k%20").orElseThrow();

        assertThat(match.handler()).isSameAs(SHOW);
        assertThat(match.pathParameters()).isEqualTo(Map.of("name", "draft/one", "id", "k "));
    }

    @Test
    void theMethodSelectsTheRoute() {
        assertThat(routes.match(HttpMethod.DELETE, "/api/documents/d/links/7").orElseThrow().handler())
                .isSameAs(REVOKE);
        assertThat(routes.match(HttpMethod.POST, "/api/documents/d/links/7")).isEmpty();
        assertThat(routes.methodsOn("/api/documents/d/links/7")).containsExactly(HttpMethod.GET, HttpMethod.DELETE);
    }

    @Test
    void pathsOfAnotherShapeOrWithEmptySegmentsDoNotMatch() {
        assertThat(routes.match(HttpMethod.GET, "/api/documents/d/links/")).isEmpty();
        assertThat(routes.match(HttpMethod.GET, "/api/documents//links")).isEmpty();
        assertThat(routes.match(HttpMethod.GET, "/api/documents/d/links/7/extra")).isEmpty();
        assertThat(routes.match(HttpMethod.GET, "/api/documents/%zz/links")).isEmpty();
        assertThat(routes.methodsOn("/api/nothing")).isEmpty();
    }

    @Test
    void routesLiveUnderApiAndAreRegisteredOnce() {
        assertThatThrownBy(() -> routes.get("/healthz", LIST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> routes.get("/api/documents/{name}/links", SHOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registered twice");
    }
}
