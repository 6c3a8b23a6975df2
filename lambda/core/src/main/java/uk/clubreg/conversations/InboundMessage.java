package uk.clubreg.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A stored message from a parent (or an unknown number: {@code parentId} and {@code conversationId} null).
 * {@code attachments}: what came with it besides text (a photo, a voice note, a location, …); {@code photo}: what
 * became of the photo it carried when one was expected (null: none was, or none came).
 */
public record InboundMessage(long id, Long parentId, Long conversationId, String phone, String body,
                             List<Attachment> attachments, Instant receivedAt, PhotoReceipt photo) {

    /** Twilio's MediaContentType (or "location") and MediaUrl (null for a location). */
    public record Attachment(String contentType, String url) {
        String type() {
            return contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        }
    }

    /** A photo the registration expected: kept for {@code childFirstName}'s registration, or why not. */
    public record PhotoReceipt(Outcome outcome, String childFirstName) {
        public enum Outcome { STORED, TOO_LARGE, NOT_A_PHOTO, NOT_RECEIVED }
    }

    public InboundMessage {
        attachments = List.copyOf(attachments);
    }

    public InboundMessage withPhoto(PhotoReceipt receipt) {
        return new InboundMessage(id, parentId, conversationId, phone, body, attachments, receivedAt, receipt);
    }

    /**
     * The body, then each attachment described on a line of its own ("[photo]", "[voice note]", …; the photo that
     * was expected as what became of it); never empty, whatever the parent sent.
     */
    public String text() {
        List<String> lines = new ArrayList<>();
        if (hasText()) {
            lines.add(body);
        }
        Optional<Attachment> candidate = photoCandidate();
        for (Attachment attachment : attachments) {
            lines.add(photo != null && candidate.isPresent() && candidate.get() == attachment ? describe(photo)
                    : describe(attachment.contentType()));
        }
        return lines.isEmpty() ? "[a message with no text]" : String.join("\n", lines);
    }

    public boolean hasText() {
        return body != null && !body.isBlank();
    }

    /**
     * The attachment that may be the photo a registration expects: the first one fetched from the provider that is
     * not a voice note or a video. Its bytes, not its declared type, decide whether it is a photo.
     */
    public Optional<Attachment> photoCandidate() {
        return attachments.stream().filter(a -> a.url() != null && !a.type().startsWith("audio/")
                && !a.type().startsWith("video/")).findFirst();
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

    private static String describe(PhotoReceipt receipt) {
        return switch (receipt.outcome()) {
            case STORED -> "[photo of " + receipt.childFirstName() + ", kept for the registration]";
            case TOO_LARGE -> "[photo over 5 MB, not kept: ask for a smaller one]";
            case NOT_A_PHOTO -> "[file that is not a JPEG, PNG or HEIC photo, not kept]";
            case NOT_RECEIVED -> "[photo that could not be received: ask the parent to send it again]";
        };
    }
}
