package uk.clubreg.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import uk.clubreg.json.Json;

/**
 * One JSON object per line: timestamp, level, logger, message, the MDC (request_id, route, ...) and slf4j
 * key-value pairs (latency_ms, ...). Every string passes through {@link Mask#phonesIn} as a last line of defence.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("message", Mask.phonesIn(event.getFormattedMessage()));
            for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
                json.writeStringField(entry.getKey(), Mask.phonesIn(entry.getValue()));
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    writeValue(json, pair.key, pair.value);
                }
            }
            if (event.getThrowableProxy() != null) {
                json.writeStringField("error", Mask.phonesIn(describe(event.getThrowableProxy())));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void writeValue(JsonGenerator json, String key, Object value) throws IOException {
        if (value instanceof Number number) {
            json.writeFieldName(key);
            json.writeNumber(number.toString());
        } else if (value instanceof Boolean bool) {
            json.writeBooleanField(key, bool);
        } else if (value instanceof Map<?, ?> map) {
            // Counts by name (a daily run's steps, reminders skipped by reason) stay JSON, masked as any value.
            json.writeObjectFieldStart(key);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                writeValue(json, String.valueOf(entry.getKey()), entry.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeStringField(key, value == null ? null : Mask.phonesIn(value.toString()));
        }
    }

    private static String describe(IThrowableProxy throwable) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy t = throwable; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" | caused by ");
            }
            text.append(t.getClassName()).append(": ").append(t.getMessage());
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, 8); i++) {
                text.append("\n\tat ").append(frames[i].getSTEAsString());
            }
        }
        return text.toString();
    }
}
