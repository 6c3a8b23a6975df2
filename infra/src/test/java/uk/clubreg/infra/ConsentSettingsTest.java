package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The club's privacy notice and consent wording version reach the functions that word and record consents. */
class ConsentSettingsTest {

    @Test
    void thePrivacyNoticeAndTheWordingVersionFromTheClubsContextReachTheFunctions() {
        TemplateQueries queries = new TemplateQueries(SynthesisedStack.template(SynthesisedStack.build(Map.of(
                "privacyNoticeUrl", "https://urmstontownjuniors.example/privacy", "consentWordingVersion", "2026-1"))));

        for (String function : List.of("ApiFunction", "WorkerFunction", "DailyRunFunction")) {
            assertThat(queries.environmentOf(function)).as(function)
                    .containsEntry("PRIVACY_NOTICE_URL", "https://urmstontownjuniors.example/privacy")
                    .containsEntry("CONSENT_WORDING_VERSION", "2026-1");
        }
    }

    @Test
    void withoutANoticeThereIsNoLinkAndTheWordingIsVersionOne() {
        TemplateQueries queries = new TemplateQueries(SynthesisedStack.template(SynthesisedStack.build(Map.of())));

        assertThat(queries.environmentOf("WorkerFunction")).doesNotContainKey("PRIVACY_NOTICE_URL")
                .containsEntry("CONSENT_WORDING_VERSION", "1");
    }
}
