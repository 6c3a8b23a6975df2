package uk.clubreg.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobType;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Database;

/**
 * POST /status: Twilio's delivery status callbacks for our outbound messages. Statuses only move forward (callbacks
 * can arrive out of order). 63016 on a free-form message queues its re-send as a template; 63003 and 63024 mark
 * the parent unreachable on WhatsApp, so the manager knows to phone them.
 */
final class StatusCallbacks implements Endpoint {

    static final int OUTSIDE_WINDOW = 63016;
    static final List<Integer> NOT_ON_WHATSAPP = List.of(63003, 63024);

    private static final Logger LOG = LoggerFactory.getLogger(StatusCallbacks.class);

    /** Twilio's message statuses in the order a message moves through them; the two failures are final. */
    private static final Map<String, Integer> PROGRESS = Map.of(
            "accepted", 1, "scheduled", 1, "queued", 1, "sending", 2, "sent", 3, "delivered", 4, "read", 5,
            "undelivered", 6, "failed", 6, "canceled", 6);

    private final SignedForm signedForm;
    private final Database database;
    private final OutboxRelay relay;
    private final Outbox outbox = new Outbox();

    StatusCallbacks(SignedForm signedForm, Database database, OutboxRelay relay) {
        this.signedForm = signedForm;
        this.database = database;
        this.relay = relay;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Map<String, String> form = signedForm.read(request, "/status").orElse(null);
        if (form == null) {
            return SignedForm.forbidden(request);
        }
        String sid = form.getOrDefault("MessageSid", "").trim();
        String status = form.getOrDefault("MessageStatus", "").trim().toLowerCase(Locale.ROOT);
        if (sid.isEmpty() || !PROGRESS.containsKey(status)) {
            return HttpResponse.error(400, "invalid_status_callback", "MessageSid and a known MessageStatus are required",
                    request.requestId(), null);
        }
        Integer errorCode = errorCode(form.get("ErrorCode"));
        database.inTransaction(tx -> apply(tx, sid, status, errorCode)).ifPresent(relay::publish);
        return SignedForm.emptyTwiml();
    }

    /** @return the template re-send job, when one is due */
    private Optional<Outbox.Pending> apply(Connection tx, String sid, String status, Integer errorCode) throws SQLException {
        long messageId;
        Long parentId;
        String kind;
        String phone;
        String current;
        try (PreparedStatement select = tx.prepareStatement("""
                SELECT id, parent_id, kind, phone_e164, status FROM messages
                WHERE twilio_sid = ? AND direction = 'outbound' FOR UPDATE""")) {
            select.setString(1, sid);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    LOG.atInfo().addKeyValue("twilio_sid", sid).log("Status for a message we did not send; ignored");
                    return Optional.empty();
                }
                messageId = row.getLong("id");
                parentId = Sql.getLong(row, "parent_id");
                kind = row.getString("kind");
                phone = row.getString("phone_e164");
                current = row.getString("status");
            }
        }
        if (PROGRESS.get(status) > PROGRESS.getOrDefault(current, 0)) {
            try (PreparedStatement update = tx.prepareStatement("""
                    UPDATE messages SET status = ?, error_code = coalesce(?, error_code), updated_at = now()
                    WHERE id = ?""")) {
                update.setString(1, status);
                update.setObject(2, errorCode, java.sql.Types.INTEGER);
                update.setLong(3, messageId);
                update.executeUpdate();
            }
        }
        LOG.atInfo().addKeyValue("message_id", messageId).addKeyValue("status", status)
                .addKeyValue("error_code", errorCode).log("Delivery status received");
        if (errorCode == null) {
            return Optional.empty();
        }
        if (NOT_ON_WHATSAPP.contains(errorCode) && parentId != null) {
            markUnreachable(tx, parentId, errorCode);
        }
        if (errorCode == OUTSIDE_WINDOW && "freeform".equals(kind)) {
            Job resend = Job.of(JobType.RESEND_AS_TEMPLATE, phone, "resend:" + messageId).with("message_id", messageId);
            return outbox.add(tx, resend);
        }
        return Optional.empty();
    }

    private static void markUnreachable(Connection tx, long parentId, int errorCode) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("""
                UPDATE parents SET unreachable_at = coalesce(unreachable_at, now()), unreachable_reason = ?,
                       updated_at = now()
                WHERE id = ?""")) {
            update.setString(1, "Not reachable on WhatsApp (Twilio " + errorCode + "): please phone the parent");
            update.setLong(2, parentId);
            update.executeUpdate();
        }
        LOG.atWarn().addKeyValue("parent_id", parentId).addKeyValue("error_code", errorCode)
                .log("Parent not reachable on WhatsApp");
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
