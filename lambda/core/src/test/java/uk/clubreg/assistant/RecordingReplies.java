package uk.clubreg.assistant;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.conversations.Reply;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.persistence.Database;
import uk.clubreg.players.Player;

/**
 * A test double of the messaging side with its contract: one send per idempotency key, and each reply stored as an
 * outbound message row with its token usage (so history and token totals work as with the real one).
 */
public final class RecordingReplies implements WhatsAppReplies {

    public record Sent(long conversationId, String idempotencyKey, Reply reply) {}

    public record Reminder(long conversationId, String idempotencyKey, String text, List<Long> playerIds) {}

    private final Database database;
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final List<String> unknownSenderAnswers = new ArrayList<>();
    private final List<Reminder> reminders = new ArrayList<>();
    private int failuresToThrow;

    public RecordingReplies(Database database) {
        this.database = database;
    }

    /** The next {@code count} replies fail as if Twilio were down. */
    public void failNext(int count) {
        failuresToThrow = count;
    }

    @Override
    public synchronized void reply(long conversationId, String idempotencyKey, Reply reply) {
        if (failuresToThrow > 0) {
            failuresToThrow--;
            throw new IllegalStateException("WhatsApp is down (test)");
        }
        if (sent.putIfAbsent(idempotencyKey, new Sent(conversationId, idempotencyKey, reply)) != null) {
            return;
        }
        database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body,
                                          idempotency_key, status, input_tokens, output_tokens)
                    SELECT c.id, p.id, p.phone_e164, 'outbound', 'freeform', ?, ?, 'sent', ?, ?
                    FROM conversations c JOIN parents p ON p.id = c.parent_id WHERE c.id = ?""")) {
                insert.setString(1, reply.text());
                insert.setString(2, idempotencyKey);
                insert.setInt(3, reply.inputTokens());
                insert.setInt(4, reply.outputTokens());
                insert.setLong(5, conversationId);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public void confirmOptOut(long conversationId, String idempotencyKey, Reply reply) {
        reply(conversationId, idempotencyKey, reply);
    }

    @Override
    public synchronized void answerUnknownSender(String phoneE164, String idempotencyKey, String text) {
        unknownSenderAnswers.add(text);
    }

    @Override
    public synchronized void remind(long conversationId, String idempotencyKey, String text, List<Player> children) {
        if (reminders.stream().noneMatch(r -> r.idempotencyKey().equals(idempotencyKey))) {
            reminders.add(new Reminder(conversationId, idempotencyKey, text,
                    children.stream().map(Player::id).toList()));
        }
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent.values());
    }

    public synchronized List<Reply> repliesTo(long conversationId) {
        return sent.values().stream().filter(s -> s.conversationId() == conversationId).map(Sent::reply).toList();
    }

    public synchronized Reply lastReplyTo(long conversationId) {
        return repliesTo(conversationId).getLast();
    }

    public synchronized List<Reminder> reminders() {
        return List.copyOf(reminders);
    }
}
