package uk.clubreg.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobType;
import uk.clubreg.json.Json;
import uk.clubreg.logging.Mask;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Database;

/**
 * POST /webhook: a parent's WhatsApp message from Twilio. Stored once per MessageSid (Twilio retries deliveries),
 * opening the conversation's 24-hour window, with an inbound_message job in the same transaction (group: the
 * parent's number, so one parent's messages are worked in order; deduplication: the MessageSid). The answer is
 * quick and empty: replies are sent by the job.
 */
final class InboundWebhook implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(InboundWebhook.class);
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private record Sender(Long parentId, Long conversationId) {}

    private final SignedForm signedForm;
    private final Database database;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Outbox outbox = new Outbox();

    InboundWebhook(SignedForm signedForm, Database database, OutboxRelay relay, Clock clock) {
        this.signedForm = signedForm;
        this.database = database;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Map<String, String> form = signedForm.read(request, "/webhook").orElse(null);
        if (form == null) {
            return SignedForm.forbidden(request);
        }
        String messageSid = form.getOrDefault("MessageSid", "").trim();
        String phone = form.getOrDefault("From", "").trim().replaceFirst("^whatsapp:", "");
        if (messageSid.isEmpty() || !E164.matcher(phone).matches()) {
            return HttpResponse.error(400, "invalid_webhook", "MessageSid and a WhatsApp From number are required",
                    request.requestId(), null);
        }
        database.inTransaction(tx -> record(tx, messageSid, phone, form)).ifPresentOrElse(relay::publish,
                () -> LOG.atInfo().addKeyValue("twilio_sid", messageSid).log("Repeated delivery; already stored"));
        return SignedForm.emptyTwiml();
    }

    /** @return the new job, or empty when this MessageSid was stored before */
    private Optional<Outbox.Pending> record(Connection tx, String messageSid, String phone, Map<String, String> form) throws SQLException {
        Sender sender = sender(tx, phone);
        List<Map<String, String>> media = media(form);
        String body = form.getOrDefault("Body", "");
        Long messageId;
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body, media, twilio_sid,
                                      status)
                VALUES (?, ?, ?, 'inbound', ?, ?, ?::jsonb, ?, 'received')
                ON CONFLICT (twilio_sid) DO NOTHING
                RETURNING id""")) {
            Sql.setLong(insert, 1, sender.conversationId());
            Sql.setLong(insert, 2, sender.parentId());
            insert.setString(3, phone);
            insert.setString(4, media.isEmpty() ? "text" : "media");
            insert.setString(5, body.isEmpty() ? null : body);
            insert.setString(6, media.isEmpty() ? null : Json.write(media));
            insert.setString(7, messageSid);
            try (ResultSet row = insert.executeQuery()) {
                messageId = row.next() ? row.getLong(1) : null;
            }
        }
        if (messageId == null) {
            return Optional.empty();
        }
        Job job = Job.of(JobType.INBOUND_MESSAGE, phone, messageSid).with("message_id", messageId);
        if (sender.conversationId() != null) {
            openWindow(tx, sender.conversationId());
            job = job.with("conversation_id", sender.conversationId());
        }
        LOG.atInfo().addKeyValue("message_id", messageId).addKeyValue("phone", Mask.phone(phone))
                .addKeyValue("known_parent", sender.parentId() != null).addKeyValue("media", media.size())
                .log("WhatsApp message received");
        return outbox.add(tx, job);
    }

    /** The parent with this number and their live conversation (started now if they had none). */
    private static Sender sender(Connection tx, String phone) throws SQLException {
        Sender sender = lookUp(tx, phone);
        if (sender.parentId() == null || sender.conversationId() != null) {
            return sender;
        }
        try (PreparedStatement start = tx.prepareStatement("""
                INSERT INTO conversations (parent_id) VALUES (?)
                ON CONFLICT (parent_id) WHERE state = 'active' DO NOTHING""")) {
            start.setLong(1, sender.parentId());
            start.executeUpdate();
        }
        return lookUp(tx, phone);
    }

    private static Sender lookUp(Connection tx, String phone) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("""
                SELECT p.id, c.id FROM parents p
                LEFT JOIN conversations c ON c.parent_id = p.id AND c.state = 'active'
                WHERE p.phone_e164 = ?""")) {
            select.setString(1, phone);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Sender(null, null);
                }
                long parentId = row.getLong(1);
                long conversationId = row.getLong(2);
                return new Sender(parentId, row.wasNull() ? null : conversationId);
            }
        }
    }

    private void openWindow(Connection tx, long conversationId) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement update = tx.prepareStatement("""
                UPDATE conversations SET last_inbound_at = greatest(last_inbound_at, ?), last_interaction_at = ?,
                       updated_at = now()
                WHERE id = ?""")) {
            update.setTimestamp(1, now);
            update.setTimestamp(2, now);
            update.setLong(3, conversationId);
            update.executeUpdate();
        }
    }

    private static List<Map<String, String>> media(Map<String, String> form) {
        int count;
        try {
            count = Integer.parseInt(form.getOrDefault("NumMedia", "0").trim());
        } catch (NumberFormatException e) {
            count = 0;
        }
        List<Map<String, String>> media = new ArrayList<>();
        for (int i = 0; i < Math.min(count, 10); i++) {
            String url = form.get("MediaUrl" + i);
            if (url != null) {
                Map<String, String> item = new LinkedHashMap<>();
                item.put("url", url);
                item.put("content_type", form.getOrDefault("MediaContentType" + i, "application/octet-stream"));
                media.add(item);
            }
        }
        return media;
    }
}
