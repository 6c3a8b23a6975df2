package uk.clubreg.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stored message from a parent (or an unknown number: {@code parentId} and {@code conversationId} null).
 * {@code attachments}: what came with it besides text, described ("[photo]", "[voice note]", "[location]", …).
 */
public record InboundMessage(long id, Long parentId, Long conversationId, String phone, String body,
                             List<String> attachments, Instant receivedAt) {

    public InboundMessage {
        attachments = List.copyOf(attachments);
    }

    /** The body, then each attachment described on a line of its own; never empty, whatever the parent sent. */
    public String text() {
        List<String> lines = new ArrayList<>();
        if (hasText()) {
            lines.add(body);
        }
        lines.addAll(attachments);
        return lines.isEmpty() ? "[a message with no text]" : String.join("\n", lines);
    }

    public boolean hasText() {
        return body != null && !body.isBlank();
    }

    /** How an attachment of this content type (Twilio's MediaContentType, or "location") reaches the assistant. */
    public static String describe(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return "[photo]";
        }
        if (type.startsWith("audio/")) {
            return "[voice note]";
        }
        if (type.startsWith("video/")) {
            return "[video]";
        }
        if (type.equals("location")) {
            return "[location]";
        }
        return "[file]";
    }
}
