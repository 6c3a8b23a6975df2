package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class ContextOverridesTest {

    private static Template template;
    private static TemplateQueries queries;

    @BeforeAll
    static void synthesise() {
        template = SynthesisedStack.template(SynthesisedStack.build(Map.of(
                "publicBaseUrl", "https://register.example.org",
                "apiKeyGeneration", "2")));
        queries = new TemplateQueries(template);
    }

    @Test
    void publicBaseUrlContextReplacesTheStageUrlForApiAndWorker() {
        assertThat(queries.environmentOf("ApiFunction")).containsEntry("PUBLIC_BASE_URL", "https://register.example.org");
        assertThat(queries.environmentOf("WorkerFunction")).containsEntry("PUBLIC_BASE_URL", "https://register.example.org");
    }

    @Test
    void behindACustomDomainTheOutputsAreItsUrls() {
        template.hasOutput("ApiUrl", Map.of("Value", "https://register.example.org"));
        template.hasOutput("WebhookUrl", Map.of("Value", "https://register.example.org/webhook"));
        template.hasOutput("StatusCallbackUrl", Map.of("Value", "https://register.example.org/status"));
        template.hasOutput("ConsoleUrl", Map.of("Value", "https://register.example.org/console"));
    }

    @Test
    void raisingTheApiKeyGenerationReplacesTheApiGatewayKey() {
        assertThat(queries.logicalId("AWS::ApiGateway::ApiKey", "RestApiManagerKey2")).isNotBlank();
    }
}
