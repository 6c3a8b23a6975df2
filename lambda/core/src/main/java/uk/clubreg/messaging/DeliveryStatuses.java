package uk.clubreg.messaging;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.ConversationRepository.SentMessage;
import uk.clubreg.conversations.MessageKind;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.logging.Alarm;
import uk.clubreg.jobs.Job;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Transactions;

/**
 * Twilio's delivery statuses applied to our outbound messages. Statuses only move forward (callbacks can arrive out
 * of order). 63016 on a free-form message queues its re-send as a template; 63003 and 63024 mark the parent
 * unreachable on WhatsApp, so the manager knows to phone them. A callback can beat the send's own answer: one whose
 * SID is not saved yet is kept and applied when it is (docs/decisions/0086-status-before-its-send-is-saved.md).
 */
final class DeliveryStatuses {

    static final int OUTSIDE_WINDOW = 63016;
    static final List<Integer> NOT_ON_WHATSAPP = List.of(63003, 63024);

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStatuses.class);

    private final ConversationRepository messages;
    private final ParentRepository parents;
    private final Transactions transactions;
    private final Outbox outbox;
    private final OutboxRelay relay;

    DeliveryStatuses(ConversationRepository messages, ParentRepository parents, Transactions transactions,
                     Outbox outbox, OutboxRelay relay) {
        this.messages = messages;
        this.parents = parents;
        this.transactions = transactions;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** A status callback: applied now, or kept until the send saves its SID. */
    void received(String sid, MessageStatus status, Integer errorCode) {
        transactions.inTransaction(() -> {
            messages.lockSid(sid);
            Optional<SentMessage> found = messages.sentForUpdate(sid);
            if (found.isEmpty()) {
                messages.keepEarlyStatus(sid, status, errorCode);
                LOG.atInfo().addKeyValue("twilio_sid", sid).addKeyValue("status", status.wireName())
                        .log("Status for a SID not saved yet; kept until it is");
                return Optional.<Outbox.Pending>empty();
            }
            return apply(found.get(), status, errorCode);
        }).ifPresent(relay::publish);
    }

    /** Twilio accepted the message: its SID is saved, and the callbacks that came first are applied. */
    void sent(long messageId, WhatsAppGateway.Accepted accepted) {
        List<Outbox.Pending> jobs = transactions.inTransaction(() -> {
            messages.lockSid(accepted.sid());
            messages.markSent(messageId, accepted.sid(), accepted.status());
            List<ConversationRepository.EarlyStatus> early = messages.takeEarlyStatuses(accepted.sid());
            if (early.isEmpty()) {
                return List.<Outbox.Pending>of();
            }
            LOG.atInfo().addKeyValue("message_id", messageId).addKeyValue("statuses", early.size())
                    .log("Statuses that arrived before the send was saved are applied");
            // Read again for each: an earlier one may have moved the status on.
            return early.stream().map(status -> apply(messages.sentForUpdate(accepted.sid()).orElseThrow(),
                    status.status(), status.errorCode())).flatMap(Optional::stream).toList();
        });
        jobs.forEach(relay::publish);
    }

    /** @return the template re-send job, when one is due */
    private Optional<Outbox.Pending> apply(SentMessage message, MessageStatus status, Integer errorCode) {
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
        if (status == MessageStatus.FAILED || status == MessageStatus.UNDELIVERED) {
            Alarm.MESSAGE_REFUSED.raise(LOG.atWarn().addKeyValue("message_id", message.id())
                    .addKeyValue("status", status.wireName()).addKeyValue("error_code", errorCode),
                    "Twilio could not deliver the message");
        }
        return Optional.empty();
    }
}
