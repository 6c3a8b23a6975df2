package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomDomainTest {

    @Test
    void publicBaseUrlContextReplacesTheStageUrlForApiAndWorker() {
        TemplateQueries queries = new TemplateQueries(SynthesisedStack.template(
                SynthesisedStack.build(Map.of("publicBaseUrl", "https://register.example.org"))));

        assertThat(queries.environmentOf("ApiFunction")).containsEntry("PUBLIC_BASE_URL", "https://register.example.org");
        assertThat(queries.environmentOf("WorkerFunction")).containsEntry("PUBLIC_BASE_URL", "https://register.example.org");
    }
}
