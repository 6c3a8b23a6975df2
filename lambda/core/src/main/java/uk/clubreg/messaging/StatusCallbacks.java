package uk.clubreg.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

/**
 * POST /status: Twilio's delivery status callbacks for our outbound messages, applied by {@link DeliveryStatuses}.
 */
final class StatusCallbacks implements Endpoint {

    private final SignedForm signedForm;
    private final DeliveryStatuses statuses;

    StatusCallbacks(SignedForm signedForm, DeliveryStatuses statuses) {
        this.signedForm = signedForm;
        this.statuses = statuses;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Map<String, String> form = signedForm.read(request, "/status").orElse(null);
        if (form == null) {
            return SignedForm.forbidden(request);
        }
        String sid = form.getOrDefault("MessageSid", "").trim();
        Optional<MessageStatus> status = MessageStatus.fromWireName(
                form.getOrDefault("MessageStatus", "").trim().toLowerCase(Locale.ROOT))
                .filter(MessageStatus::isDeliveryStatus);
        if (sid.isEmpty() || status.isEmpty()) {
            return HttpResponse.error(400, "invalid_status_callback", "MessageSid and a known MessageStatus are required",
                    request.requestId(), null);
        }
        statuses.received(sid, status.get(), errorCode(form.get("ErrorCode")));
        return SignedForm.emptyTwiml();
    }

    private static Integer errorCode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
