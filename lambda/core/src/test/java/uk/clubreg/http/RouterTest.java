package uk.clubreg.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.DatabaseException;

class RouterTest {

    private final Router router = new Router()
            .route("POST", "/trigger", request -> HttpResponse.json(201, Map.of("ok", true)))
            .route("GET", "/down", request -> { throw new DatabaseException(new SQLException("gone", "08006")); })
            .route("GET", "/nul", request -> { throw new DatabaseException(new SQLException("0x00", "22021")); })
            .route("GET", "/bug", request -> { throw new IllegalStateException("bug"); })
            .route("POST", "/admin/conversations/{conversation_id}/release", request -> HttpResponse.json(200,
                    Map.of("id", request.idParameter("conversation_id").map(String::valueOf).orElse("none"))));

    @Test
    void aKnownRouteIsDispatchedEvenWithATrailingSlash() {
        assertThat(router.dispatch(request("POST", "/trigger/")).status()).isEqualTo(201);
    }

    @Test
    void anUnknownPathIsAJson404WithTheRequestId() {
        HttpResponse response = router.dispatch(request("GET", "/nope"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(Json.read(response.body()).get("request_id").asText()).isEqualTo("req-1");
    }

    @Test
    void aWrongMethodIsA405NamingTheAllowedOnes() {
        HttpResponse response = router.dispatch(request("GET", "/trigger"));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "POST");
    }

    @Test
    void anUnavailableDatabaseIsA503SoTheCallerRetries() {
        HttpResponse response = router.dispatch(request("GET", "/down"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsKey("Retry-After");
    }

    @Test
    void aValueTheDatabaseRefusesIsA400NotARetry() {
        HttpResponse response = router.dispatch(request("GET", "/nul"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(Json.read(response.body()).get("error").asText()).isEqualTo("invalid_value");
        assertThat(response.headers()).doesNotContainKey("Retry-After");
    }

    @Test
    void anUnexpectedErrorIsAJson500WithoutItsDetails() {
        HttpResponse response = router.dispatch(request("GET", "/bug"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("bug\"").contains("internal_error");
    }

    @Test
    void aRouteSegmentInBracesMatchesAnyOneSegmentAndIsReadAsAParameter() {
        HttpResponse released = router.dispatch(request("POST", "/admin/conversations/42/release"));
        HttpResponse notAnId = router.dispatch(request("POST", "/admin/conversations/forty-two/release"));

        assertThat(Json.read(released.body()).get("id").asText()).isEqualTo("42");
        assertThat(Json.read(notAnId.body()).get("id").asText()).isEqualTo("none");
        assertThat(router.routeName(request("POST", "/admin/conversations/42/release")))
                .isEqualTo("POST /admin/conversations/{conversation_id}/release");
        assertThat(router.dispatch(request("POST", "/admin/conversations//release")).status()).isEqualTo(404);
        assertThat(router.dispatch(request("POST", "/admin/conversations/42/release/now")).status()).isEqualTo(404);
        assertThat(router.dispatch(request("GET", "/admin/conversations/42/release")).status()).isEqualTo(405);
    }

    private static HttpRequest request(String method, String path) {
        return new HttpRequest(method, path, Map.of(), Map.of(), "", "req-1");
    }
}
