package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContextOverridesTest {

    private static TemplateQueries queries;

    @BeforeAll
    static void synthesise() {
        queries = new TemplateQueries(SynthesisedStack.template(SynthesisedStack.build(Map.of(
                "publicBaseUrl", "https://register.example.org",
                "apiKeyGeneration", "2"))));
    }

    @Test
    void publicBaseUrlContextReplacesTheStageUrlForApiAndWorker() {
        assertThat(queries.environmentOf("ApiFunction")).containsEntry("PUBLIC_BASE_URL", "https://register.example.org");
        assertThat(queries.environmentOf("WorkerFunction")).containsEntry("PUBLIC_BASE_URL", "https://register.example.org");
    }

    @Test
    void raisingTheApiKeyGenerationReplacesTheApiGatewayKey() {
        assertThat(queries.logicalId("AWS::ApiGateway::ApiKey", "RestApiManagerKey2")).isNotBlank();
    }
}
