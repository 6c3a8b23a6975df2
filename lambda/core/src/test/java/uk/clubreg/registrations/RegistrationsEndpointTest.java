package uk.clubreg.registrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

class RegistrationsEndpointTest {

    private final TeamRegistrations registrations = mock(TeamRegistrations.class);
    private final AccessAudit audit = mock(AccessAudit.class);
    private final RegistrationsEndpoint endpoint = new RegistrationsEndpoint(registrations, audit, "Club", "2026-27", false);

    @Test
    void aTeamNameWithANulCharacterIsABadRequestNotADatabaseError() {
        HttpResponse response = endpoint.handle(get(Map.of("team_name", "U11\u0000Panthers")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("team_name");
        verifyNoInteractions(registrations, audit);
    }

    @Test
    void anUnknownQueryParameterIsNamed() {
        HttpResponse response = endpoint.handle(get(Map.of("team_name", "U11 Panthers", "colour", "red")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"colour\":\"is not a parameter of /registrations\"");
        verifyNoInteractions(registrations, audit);
    }

    private static HttpRequest get(Map<String, String> query) {
        return new HttpRequest("GET", "/registrations", Map.of(), query, "", "req-1");
    }
}
