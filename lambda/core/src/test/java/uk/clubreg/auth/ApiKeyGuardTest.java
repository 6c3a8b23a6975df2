package uk.clubreg.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

class ApiKeyGuardTest {

    private final Endpoint protectedEndpoint =
            new ApiKeyGuard(() -> "s3cret-key").protect(request -> HttpResponse.json(200, Map.of("ok", true)));

    @Test
    void aManagerWithTheRightKeyGetsThrough() {
        assertThat(protectedEndpoint.handle(request(Map.of("X-Api-Key", "s3cret-key"))).status()).isEqualTo(200);
    }

    @Test
    void aMissingKeyIsUnauthorisedWithAJsonError() {
        HttpResponse response = protectedEndpoint.handle(request(Map.of()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"").contains("\"request_id\":\"req-1\"");
    }

    @Test
    void aWrongKeyOfTheSameLengthIsUnauthorised() {
        assertThat(protectedEndpoint.handle(request(Map.of("x-api-key", "s3cret-kez"))).status()).isEqualTo(401);
    }

    @Test
    void aKeyThatOnlyStartsLikeTheRightOneIsUnauthorised() {
        assertThat(protectedEndpoint.handle(request(Map.of("x-api-key", "s3cret-key-and-more"))).status())
                .isEqualTo(401);
    }

    private static HttpRequest request(Map<String, String> headers) {
        return new HttpRequest("GET", "/registrations", headers, Map.of(), "", "req-1");
    }
}
