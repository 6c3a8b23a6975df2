package uk.clubreg.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import uk.clubreg.json.Json;

class JsonLineLayoutTest {

    private final JsonLineLayout layout = new JsonLineLayout();

    @Test
    void aLineIsOneJsonObjectWithTheRequestIdRouteAndKeyValues() {
        LoggingEvent event = event("Request handled", Map.of("request_id", "req-1", "route", "POST /trigger"));
        event.setKeyValuePairs(List.of(new KeyValuePair("latency_ms", 12.5), new KeyValuePair("status", 201)));

        String line = layout.doLayout(event);

        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = Json.read(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("Request handled");
        assertThat(json.get("request_id").asText()).isEqualTo("req-1");
        assertThat(json.get("route").asText()).isEqualTo("POST /trigger");
        assertThat(json.get("latency_ms").asDouble()).isEqualTo(12.5);
        assertThat(json.get("status").asInt()).isEqualTo(201);
    }

    @Test
    void aPhoneNumberThatSlipsIntoAMessageOrValueIsMasked() {
        LoggingEvent event = event("Could not send to +447700900123", Map.of());
        event.setKeyValuePairs(List.of(new KeyValuePair("to", "whatsapp:+447700900999")));

        String line = layout.doLayout(event);

        assertThat(line).doesNotContain("7700900123").doesNotContain("7700900999").contains("+44*******123");
    }

    @Test
    void countsByNameAreANestedObjectWithTheirValuesMasked() {
        LoggingEvent event = event("Daily run", Map.of());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("sent", 2);
        counts.put("skipped", Map.of("quiet_hours", 1));
        counts.put("note", "to +447700900123");
        event.setKeyValuePairs(List.of(new KeyValuePair("chasers", counts)));

        String line = layout.doLayout(event);

        JsonNode chasers = Json.read(line).get("chasers");
        assertThat(chasers.get("sent").asInt()).isEqualTo(2);
        assertThat(chasers.get("skipped").get("quiet_hours").asInt()).isEqualTo(1);
        assertThat(line).doesNotContain("7700900123");
    }

    @Test
    void anExceptionIsWrittenAsAMaskedErrorField() {
        LoggingEvent event = event("failed", Map.of());
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(
                new IllegalStateException("bad number +447700900123")));

        JsonNode json = Json.read(layout.doLayout(event));

        assertThat(json.get("error").asText()).contains("IllegalStateException").doesNotContain("7700900123");
    }

    private static LoggingEvent event(String message, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerContext(new LoggerContext());
        event.setLevel(Level.INFO);
        event.setLoggerName("test");
        event.setMessage(message);
        event.setTimeStamp(1_700_000_000_000L);
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
