package uk.clubreg.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;

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

    private static final Logger LOG = LoggerFactory.getLogger(OutboundMessages.class);

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

    private final Database database;
    private final WhatsAppGateway gateway;

    public OutboundMessages(Database database, WhatsAppGateway gateway) {
        this.database = database;
        this.gateway = gateway;
    }

    /**
     * Sends {@code outgoing} unless its key was handled before.
     *
     * @throws SendFailedException (RETRYABLE) when the provider failed transiently: the job should be retried
     * @throws SendInProgressException when another attempt holds the key
     */
    public Result send(Outgoing outgoing) {
        Claim claim = database.inTransaction(tx -> claim(tx, outgoing));
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
                    update(messageId, "failed_to_send", e.errorCode(), e.getMessage());
                    LOG.atWarn().addKeyValue("message_id", messageId).addKeyValue("error_code", e.errorCode())
                            .log("Send failed; the job will retry it under the same key");
                    throw e;
                }
                case REJECTED -> {
                    update(messageId, "failed", e.errorCode(), e.getMessage());
                    LOG.atWarn().addKeyValue("message_id", messageId).addKeyValue("error_code", e.errorCode())
                            .log("Twilio refused the message");
                    yield Result.REJECTED;
                }
                case UNKNOWN -> {
                    markUnknown(messageId, e.getMessage());
                    yield Result.UNKNOWN;
                }
            };
        }
        database.withConnection(connection -> {
            try (PreparedStatement sent = connection.prepareStatement("""
                    UPDATE messages SET twilio_sid = ?, status = ?, error_code = NULL, error_message = NULL,
                           updated_at = now()
                    WHERE id = ?""")) {
                sent.setString(1, accepted.sid());
                sent.setString(2, accepted.status());
                sent.setLong(3, messageId);
                return sent.executeUpdate();
            }
        });
        LOG.atInfo().addKeyValue("message_id", messageId).addKeyValue("twilio_sid", accepted.sid())
                .addKeyValue("kind", outgoing.message().isTemplate() ? "template" : "freeform").log("Message sent");
        return Result.SENT;
    }

    private Claim claim(Connection tx, Outgoing outgoing) throws SQLException {
        if (!outgoing.sendEvenIfOptedOut() && outgoing.parentId() != null && optedOut(tx, outgoing.parentId())) {
            return new Claim.OptedOut();
        }
        Long inserted = insert(tx, outgoing);
        if (inserted != null) {
            return new Claim.Claimed(inserted);
        }
        try (PreparedStatement select = tx.prepareStatement("""
                SELECT id, twilio_sid, status, updated_at > now() - make_interval(secs => ?) AS in_flight
                FROM messages WHERE idempotency_key = ? FOR UPDATE""")) {
            select.setInt(1, IN_FLIGHT_SECONDS);
            select.setString(2, outgoing.idempotencyKey());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long id = row.getLong("id");
                if (row.getString("twilio_sid") != null) {
                    return new Claim.Done();
                }
                return switch (row.getString("status")) {
                    case "failed_to_send" -> {
                        update(tx, id, "sending", null, null);
                        yield new Claim.Claimed(id);
                    }
                    case "sending" -> row.getBoolean("in_flight") ? new Claim.InFlight() : new Claim.InDoubt(id);
                    default -> new Claim.Done();
                };
            }
        }
    }

    private static boolean optedOut(Connection tx, long parentId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT opted_out_at IS NOT NULL FROM parents WHERE id = ?")) {
            select.setLong(1, parentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static Long insert(Connection tx, Outgoing outgoing) throws SQLException {
        OutboundMessage message = outgoing.message();
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body, content_sid,
                                      content_variables, idempotency_key, status, retry_of_message_id,
                                      input_tokens, output_tokens)
                VALUES (?, ?, ?, 'outbound', ?, ?, ?, ?::jsonb, ?, 'sending', ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id""")) {
            Sql.setLong(insert, 1, outgoing.conversationId());
            Sql.setLong(insert, 2, outgoing.parentId());
            insert.setString(3, message.toE164());
            insert.setString(4, message.isTemplate() ? "template" : "freeform");
            insert.setString(5, message.body());
            insert.setString(6, message.contentSid());
            insert.setString(7, message.isTemplate() ? Json.write(message.contentVariables()) : null);
            insert.setString(8, outgoing.idempotencyKey());
            Sql.setLong(insert, 9, outgoing.retryOfMessageId());
            insert.setInt(10, outgoing.inputTokens());
            insert.setInt(11, outgoing.outputTokens());
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    private void markUnknown(long messageId, String reason) {
        update(messageId, "unknown", null, reason);
        LOG.atError().addKeyValue("message_id", messageId)
                .log("Outcome of a send is unknown; it is not re-sent. Check Twilio's message log for this parent");
    }

    private void update(long messageId, String status, Integer errorCode, String errorMessage) {
        database.withConnection(connection -> update(connection, messageId, status, errorCode, errorMessage));
    }

    private static int update(Connection connection, long messageId, String status, Integer errorCode,
                              String errorMessage) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE messages SET status = ?, error_code = ?, error_message = ?, updated_at = now()
                WHERE id = ?""")) {
            update.setString(1, status);
            update.setObject(2, errorCode, Types.INTEGER);
            update.setString(3, errorMessage == null ? null
                    : errorMessage.substring(0, Math.min(errorMessage.length(), 500)));
            update.setLong(4, messageId);
            return update.executeUpdate();
        }
    }
}
