package uk.clubreg.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.messaging.MessagingHarness;

/** GET /openapi.json is a valid OpenAPI 3.1 document that describes exactly the routes the router serves. */
class OpenApiDocumentIT {

    private final MessagingHarness harness = new MessagingHarness();
    private final RegistrationSystem system = harness.system(Clock.systemUTC(), Map.of());

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theDocumentIsValidOpenApi31AndDescribesEveryRouteAndNoOther() {
        HttpResponse response = system.router().dispatch(new HttpRequest("GET", "/openapi.json", Map.of(), Map.of(),
                "", "test"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, options);
        OpenAPI openApi = parsed.getOpenAPI();

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");
        assertThat(documented(openApi)).containsExactlyInAnyOrderElementsOf(system.router().routes());
    }

    /** Every operation of the document as {@code METHOD /path}. */
    private static List<String> documented(OpenAPI openApi) {
        List<String> operations = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : item.readOperationsMap().entrySet()) {
                operations.add(operation.getKey().name() + " " + path);
            }
        });
        return operations;
    }
}
