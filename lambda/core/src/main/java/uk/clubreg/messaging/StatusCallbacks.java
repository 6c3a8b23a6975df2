package uk.clubreg.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.ConversationRepository.SentMessage;
import uk.clubreg.conversations.MessageKind;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Transactions;

/**
 * POST /status: Twilio's delivery status callbacks for our outbound messages. Statuses only move forward (callbacks
 * can arrive out of order). 63016 on a free-form message queues its re-send as a template; 63003 and 63024 mark
 * the parent unreachable on WhatsApp, so the manager knows to phone them.
 */
final class StatusCallbacks implements Endpoint {

    static final int OUTSIDE_WINDOW = 63016;
    static final List<Integer> NOT_ON_WHATSAPP = List.of(63003, 63024);

    private static final Logger LOG = LoggerFactory.getLogger(StatusCallbacks.class);

    private final SignedForm signedForm;
    private final ConversationRepository messages;
    private final ParentRepository parents;
    private final Transactions transactions;
    private final Outbox outbox;
    private final OutboxRelay relay;

    StatusCallbacks(SignedForm signedForm, ConversationRepository messages, ParentRepository parents,
                    Transactions transactions, Outbox outbox, OutboxRelay relay) {
        this.signedForm = signedForm;
        this.messages = messages;
        this.parents = parents;
        this.transactions = transactions;
        this.outbox = outbox;
        this.relay = relay;
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
        Integer errorCode = errorCode(form.get("ErrorCode"));
        transactions.inTransaction(() -> apply(sid, status.get(), errorCode)).ifPresent(relay::publish);
        return SignedForm.emptyTwiml();
    }

    /** @return the template re-send job, when one is due */
    private Optional<Outbox.Pending> apply(String sid, MessageStatus status, Integer errorCode) {
        Optional<SentMessage> found = messages.sentForUpdate(sid);
        if (found.isEmpty()) {
            LOG.atInfo().addKeyValue("twilio_sid", sid).log("Status for a message we did not send; ignored");
            return Optional.empty();
        }
        SentMessage message = found.get();
        if (status.progress() > message.status().progress()) {
            messages.recordDelivery(message.id(), status, errorCode);
        }
        LOG.atInfo().addKeyValue("message_id", message.id()).addKeyValue("status", status.wireName())
                .addKeyValue("error_code", errorCode).log("Delivery status received");
        if (errorCode == null) {
            return Optional.empty();
        }
        if (NOT_ON_WHATSAPP.contains(errorCode) && message.parentId() != null) {
            parents.markUnreachable(message.parentId(),
                    "Not reachable on WhatsApp (Twilio " + errorCode + "): please phone the parent");
            LOG.atWarn().addKeyValue("parent_id", message.parentId()).addKeyValue("error_code", errorCode)
                    .log("Parent not reachable on WhatsApp");
        }
        if (errorCode == OUTSIDE_WINDOW && message.kind() == MessageKind.FREEFORM) {
            return outbox.add(new Job.ResendAsTemplate(message.phone(), message.id()));
        }
        return Optional.empty();
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
