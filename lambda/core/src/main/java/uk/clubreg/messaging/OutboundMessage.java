package uk.clubreg.messaging;

import java.util.Map;

/**
 * One WhatsApp message as the provider receives it: free-form text, or a Content API template with its numbered
 * variables (in order).
 */
public record OutboundMessage(String toE164, String body, String contentSid, Map<String, String> contentVariables) {

    public OutboundMessage {
        contentVariables = contentVariables == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(contentVariables));
    }

    public static OutboundMessage freeform(String toE164, String body) {
        return new OutboundMessage(toE164, body, null, Map.of());
    }

    public static OutboundMessage template(String toE164, String contentSid, Map<String, String> variables) {
        return new OutboundMessage(toE164, null, contentSid, variables);
    }

    public boolean isTemplate() {
        return contentSid != null;
    }
}
