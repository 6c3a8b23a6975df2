package uk.clubreg.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.ConversationRepository.NewOutbound;
import uk.clubreg.conversations.ConversationRepository.OutboundClaim;
import uk.clubreg.conversations.MessageKind;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.logging.Alarm;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.DatabaseException;
import uk.clubreg.persistence.Transactions;

/**
 * Sends each message at most once per idempotency key (docs/decisions/0030-no-sdk-retries-idempotent-sends.md).
 *
 * <p>The outbound row is written, status {@code sending}, before the provider is called; the provider's SID is
 * saved after. A retried job with the same key finds the row: sent (has a SID) means done; {@code failed_to_send}
 * (5xx, 429, no connection) is sent again; {@code sending} with no SID is a send whose outcome we do not know: it is
 * left alone while it may still be in flight, then marked {@code unknown} and never re-sent.
 */
public final class OutboundMessages {

    /** Longer than any send can take (SDK connect 10 s + read 30.5 s): a {@code sending} row this old was cut off. */
    static final int IN_FLIGHT_SECONDS = 120;
    /** How long Twilio's answer is tried again when the database fails: inside a turn's reply reserve (0083). */
    static final Duration SAVE_ANSWER_FOR = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(OutboundMessages.class);

    /** What the message row holds instead of a secret text or variable. */
    static final String SECRET = "(not stored)";

    public enum Result {
        SENT,
        /** The key was sent, refused or given up on before: nothing was done now. */
        ALREADY_HANDLED,
        /** The parent opted out: nothing was sent or written. */
        OPTED_OUT,
        /** The provider refused it for good; the row says why. */
        REJECTED,
        /** We cannot tell whether the provider took it; it is not sent again (the row is marked unknown). */
        UNKNOWN
    }

    /** The same key is being sent right now by another attempt: try later, in order. */
    public static final class SendInProgressException extends RuntimeException {
        SendInProgressException(String key) {
            super("Message " + key + " is being sent by another attempt");
        }
    }

    private sealed interface Claim {
        record Claimed(long messageId) implements Claim {}
        record Done() implements Claim {}
        record OptedOut() implements Claim {}
        record InFlight() implements Claim {}
        record InDoubt(long messageId) implements Claim {}
    }

    private final ConversationRepository messages;
    private final ParentRepository parents;
    private final Transactions transactions;
    private final WhatsAppGateway gateway;
    private final DeliveryStatuses statuses;

    OutboundMessages(ConversationRepository messages, ParentRepository parents, Transactions transactions,
                     WhatsAppGateway gateway, DeliveryStatuses statuses) {
        this.messages = messages;
        this.parents = parents;
        this.transactions = transactions;
        this.gateway = gateway;
        this.statuses = statuses;
    }

    /**
     * Sends {@code outgoing} unless its key was handled before.
     *
     * @throws SendFailedException (RETRYABLE) when the provider failed transiently: the job should be retried
     * @throws SendInProgressException when another attempt holds the key
     */
    public Result send(Outgoing outgoing) {
        Claim claim = transactions.inTransaction(() -> claim(outgoing));
        return switch (claim) {
            case Claim.Done done -> Result.ALREADY_HANDLED;
            case Claim.OptedOut optedOut -> {
                LOG.atInfo().addKeyValue("parent_id", outgoing.parentId()).log("Parent opted out; nothing sent");
                yield Result.OPTED_OUT;
            }
            case Claim.InFlight inFlight -> throw new SendInProgressException(outgoing.idempotencyKey());
            case Claim.InDoubt inDoubt -> {
                markUnknown(inDoubt.messageId(), "Send interrupted before Twilio's answer was saved");
                yield Result.UNKNOWN;
            }
            case Claim.Claimed claimed -> deliver(claimed.messageId(), outgoing);
        };
    }

    private Result deliver(long messageId, Outgoing outgoing) {
        WhatsAppGateway.Accepted accepted;
        try {
            accepted = gateway.send(outgoing.message());
        } catch (SendFailedException e) {
            return switch (e.outcome()) {
                case RETRYABLE -> {
                    saveAnswer(messageId, () -> messages.setOutboundStatus(messageId, MessageStatus.FAILED_TO_SEND,
                            e.errorCode(), e.getMessage()));
                    LOG.atWarn().addKeyValue("message_id", messageId).addKeyValue("error_code", e.errorCode())
                            .log("Send failed; the job will retry it under the same key");
                    throw e;
                }
                case REJECTED -> {
                    saveAnswer(messageId, () -> messages.setOutboundStatus(messageId, MessageStatus.FAILED,
                            e.errorCode(), e.getMessage()));
                    Alarm.MESSAGE_REFUSED.raise(LOG.atWarn().addKeyValue("message_id", messageId)
                            .addKeyValue("error_code", e.errorCode()), "Twilio refused the message");
                    yield Result.REJECTED;
                }
                case UNKNOWN -> {
                    markUnknown(messageId, e.getMessage());
                    yield Result.UNKNOWN;
                }
            };
        }
        saveAnswer(messageId, () -> statuses.sent(messageId, accepted));
        LOG.atInfo().addKeyValue("message_id", messageId).addKeyValue("twilio_sid", accepted.sid())
                .addKeyValue("kind", outgoing.message().isTemplate() ? "template" : "freeform").log("Message sent");
        return Result.SENT;
    }

    /**
     * Records what Twilio answered: its SID, or that it refused the message. That answer exists nowhere else. A
     * database that blinks just then (a restart, a failover) would otherwise leave the row {@code sending}, hold the
     * parent's queue for {@link #IN_FLIGHT_SECONDS} and end it {@code unknown}: a delivered message with no record,
     * or a refused one never sent again. So the write is tried again for up to {@link #SAVE_ANSWER_FOR}
     * (docs/decisions/0107-sid-saved-through-a-database-blip.md).
     */
    private void saveAnswer(long messageId, Runnable write) {
        long giveUpAt = System.nanoTime() + SAVE_ANSWER_FOR.toNanos();
        Duration pause = Duration.ofMillis(500);
        while (true) {
            try {
                write.run();
                return;
            } catch (DatabaseException e) {
                if (e.refusedTheValue() || System.nanoTime() + pause.toNanos() > giveUpAt) {
                    throw e;
                }
                LOG.atWarn().addKeyValue("message_id", messageId).addKeyValue("retry_in_ms", pause.toMillis())
                        .log("Could not record Twilio's answer to a send; trying again");
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording Twilio's answer", e);
        }
    }

    private Claim claim(Outgoing outgoing) {
        if (!outgoing.sendEvenIfOptedOut() && outgoing.parentId() != null && parents.isOptedOut(outgoing.parentId())) {
            return new Claim.OptedOut();
        }
        Optional<Long> inserted = messages.insertOutbound(row(outgoing));
        if (inserted.isPresent()) {
            return new Claim.Claimed(inserted.get());
        }
        OutboundClaim existing = messages.outboundForUpdate(outgoing.idempotencyKey(), IN_FLIGHT_SECONDS);
        if (existing.twilioSid() != null) {
            return new Claim.Done();
        }
        return switch (existing.status()) {
            case FAILED_TO_SEND -> {
                messages.setOutboundStatus(existing.id(), MessageStatus.SENDING, null, null);
                yield new Claim.Claimed(existing.id());
            }
            case SENDING -> existing.inFlight() ? new Claim.InFlight() : new Claim.InDoubt(existing.id());
            default -> new Claim.Done();
        };
    }

    private static NewOutbound row(Outgoing outgoing) {
        OutboundMessage message = outgoing.message();
        Map<String, String> variables = message.contentVariables();
        if (outgoing.secret() && variables != null) {
            variables = variables.keySet().stream().collect(Collectors.toMap(name -> name, name -> SECRET));
        }
        return new NewOutbound(outgoing.conversationId(), outgoing.parentId(), message.toE164(),
                message.isTemplate() ? MessageKind.TEMPLATE : MessageKind.FREEFORM,
                outgoing.secret() && message.body() != null ? SECRET : message.body(),
                message.contentSid(), variables, outgoing.idempotencyKey(),
                outgoing.retryOfMessageId(), outgoing.inputTokens(), outgoing.outputTokens());
    }

    private void markUnknown(long messageId, String reason) {
        messages.setOutboundStatus(messageId, MessageStatus.UNKNOWN, null, reason);
        LOG.atError().addKeyValue("message_id", messageId)
                .log("Outcome of a send is unknown; it is not re-sent. Check Twilio's message log for this parent");
    }
}
