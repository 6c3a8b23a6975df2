package uk.clubreg.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.clubreg.json.Json;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Jdbc;

/**
 * A parent's conversations with their messages and turns: the {@code conversations}, {@code messages} and
 * {@code conversation_turns} tables. Messages are append-only (a trigger refuses changes to their content); only
 * status, error, SID and usage columns move on.
 */
public final class ConversationRepository {

    /**
     * The parent's live conversation; {@code parentHasReplied}: an inbound message has opened its window;
     * {@code season}: null until an invitation gives it one.
     */
    public record LiveConversation(long id, boolean parentHasReplied, String season) {}

    /** A hand-off nobody has released, with the parent's number (the group of its jobs). */
    public record OpenHandOff(long conversationId, String parentPhone, Instant since) {}

    /** A message we are about to send, written before the provider is called. */
    public record NewOutbound(Long conversationId, Long parentId, String phone, MessageKind kind, String body,
                              String contentSid, Map<String, String> contentVariables, String idempotencyKey,
                              Long retryOfMessageId, int inputTokens, int outputTokens) {}

    /** An outbound row found by its idempotency key; {@code inFlight}: touched within the in-flight window. */
    public record OutboundClaim(long id, String twilioSid, MessageStatus status, boolean inFlight) {}

    /** An outbound row found by Twilio's SID, for a status callback. */
    public record SentMessage(long id, Long parentId, MessageKind kind, String phone, MessageStatus status) {}

    /** A delivery status Twilio sent before the send's SID was saved. */
    public record EarlyStatus(MessageStatus status, Integer errorCode) {}

    /** A reply decided for a burst but maybe not yet sent. */
    public record DecidedTurn(long id, long lastInboundMessageId, Reply reply) {}

    private static final String CONVERSATION_COLUMNS = """
            c.id, c.season, c.last_inbound_at, c.openai_conversation_id, c.human_help_requested_at,
            c.human_help_reason, c.human_help_escalated_at, c.ai_unavailable_since, c.holding_message_sent_at,
            c.guided_prompt, c.privacy_notice_sent_at, c.language_offered, """ + ParentRepository.COLUMNS;

    private static final String INBOUND_COLUMNS = "id, parent_id, conversation_id, phone_e164, body, media::text AS media,"
            + " created_at";

    private final Jdbc jdbc;

    public ConversationRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    // --- Conversations ---

    public Optional<Conversation> find(long conversationId) {
        return jdbc.queryOne("SELECT " + CONVERSATION_COLUMNS + " " + """
                 FROM conversations c JOIN parents par ON par.id = c.parent_id WHERE c.id = ?""",
                ConversationRepository::conversation, conversationId);
    }

    public Optional<LiveConversation> live(long parentId) {
        return jdbc.queryOne("""
                SELECT id, last_inbound_at IS NOT NULL, season FROM conversations
                WHERE parent_id = ? AND state = 'active'""",
                row -> new LiveConversation(row.getLong(1), row.getBoolean(2), row.getString(3)), parentId);
    }

    /** {@link #live} for several parents in one query, by parent id; a parent with none is not in the map. */
    public Map<Long, LiveConversation> liveAll(Collection<Long> parentIds) {
        return jdbc.queryList("""
                SELECT parent_id, id, last_inbound_at IS NOT NULL, season FROM conversations
                WHERE parent_id = ANY (?) AND state = 'active'""", row -> Map.entry(row.getLong(1),
                new LiveConversation(row.getLong(2), row.getBoolean(3), row.getString(4))), Jdbc.bigints(parentIds))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * {@link #openLive} for several parents in one statement, each with its season.
     *
     * @return the live conversation's id by parent id
     */
    public Map<Long, Long> openLiveAll(Map<Long, String> seasons) {
        if (seasons.isEmpty()) {
            return Map.of();
        }
        List<Long> parentIds = List.copyOf(seasons.keySet());
        Map<Long, Long> opened = jdbc.queryList("""
                INSERT INTO conversations (parent_id, season) SELECT * FROM unnest(?::bigint[], ?::text[])
                ON CONFLICT (parent_id) WHERE state = 'active' DO NOTHING
                RETURNING parent_id, id""", row -> Map.entry(row.getLong(1), row.getLong(2)),
                Jdbc.bigints(parentIds), Jdbc.array("text", parentIds.stream().map(seasons::get).toList()))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, HashMap::new));
        for (long parentId : parentIds) {
            if (!opened.containsKey(parentId)) { // another writer has just started it
                opened.put(parentId, openLive(parentId, seasons.get(parentId)));
            }
        }
        return opened;
    }

    /**
     * The parent's live conversation, started now if they have none (another writer may have just started it).
     * {@code season} is given to a new conversation only; null leaves it to the next invitation.
     */
    public long openLive(long parentId, String season) {
        return jdbc.queryOne("""
                INSERT INTO conversations (parent_id, season) VALUES (?, ?)
                ON CONFLICT (parent_id) WHERE state = 'active' DO NOTHING
                RETURNING id""", row -> row.getLong(1), parentId, Jdbc.nullable(season, Types.VARCHAR))
                .or(() -> live(parentId).map(LiveConversation::id))
                .orElseThrow(() -> new IllegalStateException("Parent " + parentId + " has no live conversation"));
    }

    /** A conversation opened before any invitation gave it a season takes the first one. */
    public void adoptSeason(long conversationId, String season) {
        jdbc.update("UPDATE conversations SET season = ?, updated_at = now() WHERE id = ? AND season IS NULL", season,
                conversationId);
    }

    /** Its season is over for this parent: no longer live, kept as history. */
    public void archive(long conversationId) {
        jdbc.update("UPDATE conversations SET state = 'archived', updated_at = now() WHERE id = ?", conversationId);
    }

    /** Live conversations of a season before {@code season} (seasons compare as text: "2025-26" < "2026-27"). */
    public List<Long> liveBefore(String season) {
        return jdbc.queryList("SELECT id FROM conversations WHERE state = 'active' AND season < ? ORDER BY id",
                row -> row.getLong(1), season);
    }

    /** An inbound message opens (or extends) WhatsApp's 24-hour window. */
    public void openWindow(long conversationId, Instant now) {
        jdbc.update("""
                UPDATE conversations SET last_inbound_at = greatest(last_inbound_at, ?), last_interaction_at = ?,
                       updated_at = now()
                WHERE id = ?""", now, now, conversationId);
    }

    /** @return false when a person had already been asked for (asking twice is one request) */
    public boolean requestHumanHelp(long conversationId, Instant now, String reason) {
        return jdbc.update("""
                UPDATE conversations SET human_help_requested_at = ?, human_help_reason = ?,
                       human_help_escalated_at = NULL, guided_prompt = NULL, updated_at = now()
                WHERE id = ? AND human_help_requested_at IS NULL""", now, reason, conversationId) > 0;
    }

    /**
     * Gives the conversation back to the assistant, with the messages held meanwhile waiting to be answered again.
     *
     * @return how many held messages are waiting again; empty when no person had the conversation
     */
    public Optional<Integer> release(long conversationId) {
        int released = jdbc.update("""
                UPDATE conversations SET human_help_requested_at = NULL, human_help_reason = NULL,
                       human_help_escalated_at = NULL, updated_at = now()
                WHERE id = ? AND human_help_requested_at IS NOT NULL""", conversationId);
        if (released == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.update("""
                UPDATE messages SET status = ?, updated_at = now()
                WHERE conversation_id = ? AND direction = 'inbound' AND status = ?""",
                MessageStatus.RECEIVED.wireName(), conversationId, MessageStatus.HELD.wireName()));
    }

    /** Live conversations a person has had since before {@code before}, not yet escalated. */
    public List<OpenHandOff> unescalatedHandOffsSince(Instant before) {
        return jdbc.queryList("""
                SELECT c.id, par.phone_e164, c.human_help_requested_at
                FROM conversations c JOIN parents par ON par.id = c.parent_id
                WHERE c.state = 'active' AND c.human_help_requested_at <= ? AND c.human_help_escalated_at IS NULL
                ORDER BY c.id""", row -> new OpenHandOff(row.getLong(1), row.getString(2),
                Jdbc.instant(row, "human_help_requested_at")), before);
    }

    /** @return false when it was escalated already, or released meanwhile */
    public boolean markEscalated(long conversationId, Instant handOffSince, Instant now) {
        return jdbc.update("""
                UPDATE conversations SET human_help_escalated_at = ?, updated_at = now()
                WHERE id = ? AND human_help_requested_at = ? AND human_help_escalated_at IS NULL""",
                now, conversationId, handOffSince) > 0;
    }

    /** The hand-offs of these conversations still waiting for a person, by conversation. */
    public Map<Long, HandOff> handOffs(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.queryList("""
                SELECT id, human_help_requested_at, human_help_reason, human_help_escalated_at FROM conversations
                WHERE id = ANY (?) AND human_help_requested_at IS NOT NULL""", ConversationRepository::handOff,
                Jdbc.bigints(conversationIds)).stream()
                .collect(Collectors.toMap(HandOff::conversationId, handOff -> handOff));
    }

    /** Guided mode's question waiting for an answer; null: none. */
    public void setGuidedPrompt(long conversationId, GuidedPrompt prompt) {
        jdbc.update("UPDATE conversations SET guided_prompt = ?, updated_at = now() WHERE id = ?",
                Jdbc.nullable(prompt == null ? null : prompt.wireName(), Types.VARCHAR), conversationId);
    }

    /**
     * Guided mode offers the language it detected (docs/decisions/0110-a-parent-s-language.md): the offer waits as
     * the conversation's guided prompt until the parent answers it; null clears it.
     */
    public void offerLanguage(long conversationId, String language) {
        jdbc.update("""
                UPDATE conversations SET guided_prompt = ?, language_offered = ?, updated_at = now()
                WHERE id = ?""", Jdbc.nullable(language == null ? null : GuidedPrompt.LANGUAGE_OFFER.wireName(),
                Types.VARCHAR), Jdbc.nullable(language, Types.VARCHAR), conversationId);
    }

    /** The language the parent of this conversation chose or confirmed (docs/decisions/0110-a-parent-s-language.md). */
    public void setParentLanguage(long conversationId, String language) {
        jdbc.update("""
                UPDATE parents SET language = ?, updated_at = now()
                WHERE id = (SELECT parent_id FROM conversations WHERE id = ?)""", language, conversationId);
    }

    /** The first failed AI attempt of an outage; returns when the outage started. */
    public Instant startOutage(long conversationId, Instant now) {
        return jdbc.queryOne("""
                UPDATE conversations SET ai_unavailable_since = COALESCE(ai_unavailable_since, ?)
                WHERE id = ? RETURNING ai_unavailable_since""", row -> Jdbc.instant(row, "ai_unavailable_since"),
                now, conversationId).orElseThrow();
    }

    public void markHoldingMessageSent(long conversationId, Instant now) {
        jdbc.update("UPDATE conversations SET holding_message_sent_at = ? WHERE id = ?", now, conversationId);
    }

    public void endOutage(long conversationId) {
        jdbc.update("UPDATE conversations SET ai_unavailable_since = NULL, holding_message_sent_at = NULL WHERE id = ?",
                conversationId);
    }

    public void setOpenAiConversationId(long conversationId, String openAiConversationId) {
        jdbc.update("UPDATE conversations SET openai_conversation_id = ? WHERE id = ?", openAiConversationId,
                conversationId);
    }

    // --- Inbound messages ---

    /** Stores a message once per Twilio MessageSid; empty when that SID was stored before. */
    public Optional<Long> insertInbound(Long conversationId, Long parentId, String phone, String body,
                                        List<Map<String, String>> media, String twilioSid) {
        return jdbc.queryOne("""
                INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body, media, twilio_sid,
                                      status)
                VALUES (?, ?, ?, 'inbound', ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (twilio_sid) DO NOTHING
                RETURNING id""", row -> row.getLong(1), Jdbc.nullableLong(conversationId), Jdbc.nullableLong(parentId),
                phone, (media.isEmpty() ? MessageKind.TEXT : MessageKind.MEDIA).wireName(),
                Jdbc.nullable(body == null || body.isEmpty() ? null : body, Types.VARCHAR),
                Jdbc.nullable(media.isEmpty() ? null : Json.write(media), Types.VARCHAR), twilioSid,
                MessageStatus.RECEIVED.wireName());
    }

    public Optional<InboundMessage> inbound(long messageId) {
        return jdbc.queryOne("SELECT " + INBOUND_COLUMNS + " FROM messages WHERE id = ? AND direction = 'inbound'",
                ConversationRepository::inboundMessage, messageId);
    }

    /**
     * The messages of the same sender (parent, or number when unknown) still waiting for an answer, oldest first:
     * however their jobs were ordered or repeated, they are worked in the order they were stored.
     */
    public List<InboundMessage> waitingFromSenderOf(InboundMessage message) {
        return message.parentId() == null
                ? jdbc.queryList("SELECT " + INBOUND_COLUMNS + " " + """
                         FROM messages
                        WHERE phone_e164 = ? AND parent_id IS NULL AND direction = 'inbound' AND status = ?
                        ORDER BY id""", ConversationRepository::inboundMessage, message.phone(),
                        MessageStatus.RECEIVED.wireName())
                : jdbc.queryList("SELECT " + INBOUND_COLUMNS + " " + """
                         FROM messages WHERE parent_id = ? AND direction = 'inbound' AND status = ?
                        ORDER BY id""", ConversationRepository::inboundMessage, message.parentId(),
                        MessageStatus.RECEIVED.wireName());
    }

    /** The conversation's messages not answered yet, oldest first. */
    public List<InboundMessage> received(long conversationId) {
        return jdbc.queryList("SELECT " + INBOUND_COLUMNS + " " + """
                 FROM messages WHERE conversation_id = ? AND direction = 'inbound' AND status = ? ORDER BY id""",
                ConversationRepository::inboundMessage, conversationId, MessageStatus.RECEIVED.wireName());
    }

    /** Moves messages still {@code received} to {@code status} (answered, ignored or held); others are left. */
    public void settleReceived(Collection<Long> messageIds, MessageStatus status) {
        if (!messageIds.isEmpty()) {
            jdbc.update("UPDATE messages SET status = ?, updated_at = now() WHERE id = ANY (?) AND status = ?",
                    status.wireName(), Jdbc.bigints(messageIds), MessageStatus.RECEIVED.wireName());
        }
    }

    /** When this number last wrote to us: a team manager's or admin's own 24-hour window. */
    public Optional<Instant> lastInboundFrom(String phone) {
        return jdbc.queryOne("""
                SELECT created_at FROM messages WHERE phone_e164 = ? AND direction = 'inbound'
                ORDER BY created_at DESC LIMIT 1""", row -> Jdbc.instant(row, "created_at"), phone);
    }

    /** Every message of a conversation, oldest first, as the console's transcript shows them. */
    public List<TranscriptLine> transcript(long conversationId) {
        return jdbc.queryList("""
                SELECT direction, kind, body, status, created_at FROM messages
                WHERE conversation_id = ? ORDER BY id""", row -> new TranscriptLine(
                "inbound".equals(row.getString("direction")), row.getString("kind"), row.getString("body"),
                row.getString("status"), Jdbc.instant(row, "created_at")), conversationId);
    }

    /** When each of these conversations last had a message, in or out; a conversation with none is absent. */
    public Map<Long, Instant> lastMessageAt(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.queryList("""
                SELECT conversation_id, max(created_at) AS last_at FROM messages WHERE conversation_id = ANY (?)
                GROUP BY conversation_id""", row -> Map.entry(row.getLong(1), Jdbc.instant(row, "last_at")),
                Jdbc.bigints(conversationIds)).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The last {@code limit} messages before {@code beforeMessageId} with text, oldest first, for the AI: a guided
     * turn's messages, the parent's and the reply, are left out (the AI's guided steps for sensitive details, or
     * guided mode before the AI was turned on), so they never reach the model
     * (docs/decisions/0094-sensitive-details-in-guided-steps.md).
     */
    public List<HistoryMessage> history(long conversationId, long beforeMessageId, int limit) {
        List<HistoryMessage> history = new ArrayList<>(jdbc.queryList("""
                SELECT m.direction, m.body FROM messages m
                WHERE m.conversation_id = ? AND m.id < ? AND m.body IS NOT NULL AND m.body <> ''
                  AND NOT (m.direction = 'inbound' AND 'guided' IS NOT DISTINCT FROM (
                      SELECT t.engine FROM conversation_turns t
                      WHERE t.conversation_id = m.conversation_id AND t.last_inbound_message_id >= m.id
                      ORDER BY t.last_inbound_message_id LIMIT 1))
                  AND NOT (m.direction = 'outbound' AND split_part(m.idempotency_key, ':', 1) = 'reply'
                      AND EXISTS (SELECT 1 FROM conversation_turns t
                                  WHERE t.conversation_id = m.conversation_id AND t.engine = 'guided'
                                    AND t.last_inbound_message_id::text = split_part(m.idempotency_key, ':', 2)))
                ORDER BY m.id DESC LIMIT ?""", row -> new HistoryMessage("inbound".equals(row.getString(1)),
                row.getString(2)), conversationId, beforeMessageId, limit));
        Collections.reverse(history);
        return history;
    }

    // --- Outbound messages ---

    /** Writes the row (status sending) unless its idempotency key exists; empty when it did. */
    public Optional<Long> insertOutbound(NewOutbound message) {
        return jdbc.queryOne("""
                INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body, content_sid,
                                      content_variables, idempotency_key, status, retry_of_message_id,
                                      input_tokens, output_tokens)
                VALUES (?, ?, ?, 'outbound', ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id""", row -> row.getLong(1), Jdbc.nullableLong(message.conversationId()),
                Jdbc.nullableLong(message.parentId()), message.phone(), message.kind().wireName(),
                Jdbc.nullable(message.body(), Types.VARCHAR), Jdbc.nullable(message.contentSid(), Types.VARCHAR),
                Jdbc.nullable(message.kind() == MessageKind.TEMPLATE ? Json.write(message.contentVariables()) : null,
                        Types.VARCHAR),
                message.idempotencyKey(), MessageStatus.SENDING.wireName(), Jdbc.nullableLong(message.retryOfMessageId()),
                message.inputTokens(), message.outputTokens());
    }

    /** The row of this key, locked until the transaction ends. */
    public OutboundClaim outboundForUpdate(String idempotencyKey, int inFlightSeconds) {
        return jdbc.queryOne("""
                SELECT id, twilio_sid, status, updated_at > now() - make_interval(secs => ?) AS in_flight
                FROM messages WHERE idempotency_key = ? FOR UPDATE""",
                row -> new OutboundClaim(row.getLong("id"), row.getString("twilio_sid"), status(row),
                        row.getBoolean("in_flight")), inFlightSeconds, idempotencyKey).orElseThrow();
    }

    /** Twilio accepted it: its SID and first status. */
    public void markSent(long messageId, String twilioSid, MessageStatus status) {
        jdbc.update("""
                UPDATE messages SET twilio_sid = ?, status = ?, error_code = NULL, error_message = NULL,
                       updated_at = now()
                WHERE id = ?""", twilioSid, status.wireName(), messageId);
    }

    public void setOutboundStatus(long messageId, MessageStatus status, Integer errorCode, String errorMessage) {
        jdbc.update("UPDATE messages SET status = ?, error_code = ?, error_message = ?, updated_at = now() WHERE id = ?",
                status.wireName(), Jdbc.nullable(errorCode, Types.INTEGER),
                Jdbc.nullable(errorMessage == null ? null : errorMessage.substring(0, Math.min(errorMessage.length(), 500)),
                        Types.VARCHAR), messageId);
    }

    /** The outbound message Twilio knows by this SID, locked until the transaction ends. */
    public Optional<SentMessage> sentForUpdate(String twilioSid) {
        return jdbc.queryOne("""
                SELECT id, parent_id, kind, phone_e164, status FROM messages
                WHERE twilio_sid = ? AND direction = 'outbound' FOR UPDATE""",
                row -> new SentMessage(row.getLong("id"), Jdbc.nullableLong(row, "parent_id"),
                        MessageKind.fromWireName(row.getString("kind")), row.getString("phone_e164"), status(row)),
                twilioSid);
    }

    /** Serialises work on one Twilio SID (its send being saved, its status callbacks) until the transaction ends. */
    public void lockSid(String twilioSid) {
        jdbc.queryOne("SELECT pg_advisory_xact_lock(hashtext(?))::text", row -> row.getString(1), twilioSid);
    }

    /** Keeps a status whose SID is not saved yet; ones older than a day (never claimed) are dropped. */
    public void keepEarlyStatus(String twilioSid, MessageStatus status, Integer errorCode) {
        jdbc.update("DELETE FROM early_status_callbacks WHERE received_at < now() - interval '1 day'");
        jdbc.update("INSERT INTO early_status_callbacks (twilio_sid, status, error_code) VALUES (?, ?, ?)",
                twilioSid, status.wireName(), Jdbc.nullable(errorCode, Types.INTEGER));
    }

    /** The statuses kept for this SID, in the order they arrived; removed. */
    public List<EarlyStatus> takeEarlyStatuses(String twilioSid) {
        return jdbc.queryList("""
                WITH taken AS (DELETE FROM early_status_callbacks WHERE twilio_sid = ? RETURNING id, status, error_code)
                SELECT status, error_code FROM taken ORDER BY id""",
                row -> new EarlyStatus(MessageStatus.fromWireName(row.getString(1)).orElseThrow(),
                        row.getObject(2) == null ? null : row.getInt(2)), twilioSid);
    }

    /** A delivery status from Twilio; an error code already recorded is kept when this callback has none. */
    public void recordDelivery(long messageId, MessageStatus status, Integer errorCode) {
        jdbc.update("""
                UPDATE messages SET status = ?, error_code = coalesce(?, error_code), updated_at = now()
                WHERE id = ?""", status.wireName(), Jdbc.nullable(errorCode, Types.INTEGER), messageId);
    }

    /** The conversation of an outbound free-form message, if it was one (templates are never re-sent). */
    public Optional<Long> conversationOfFreeform(long messageId) {
        return jdbc.queryOne("""
                SELECT conversation_id FROM messages
                WHERE id = ? AND direction = 'outbound' AND kind = ? AND conversation_id IS NOT NULL""",
                row -> row.getLong(1), messageId, MessageKind.FREEFORM.wireName());
    }

    /** AI tokens of each conversation: those recorded on its replies and those of attempts that ended without one. */
    public Map<Long, AiTokens> aiTokens(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.queryList("""
                SELECT c.id, c.ai_attempt_input_tokens + COALESCE(sum(m.input_tokens), 0),
                       c.ai_attempt_output_tokens + COALESCE(sum(m.output_tokens), 0)
                FROM conversations c
                LEFT JOIN messages m ON m.conversation_id = c.id AND m.direction = 'outbound'
                WHERE c.id = ANY (?)
                GROUP BY c.id""", row -> Map.entry(row.getLong(1), new AiTokens(row.getLong(2),
                row.getLong(3))), Jdbc.bigints(conversationIds)).stream()
                .filter(entry -> entry.getValue().total() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Tokens an AI attempt used before it failed: no reply carries them, and OpenAI bills them all the same. */
    public void addAttemptTokens(long conversationId, AiTokens tokens) {
        jdbc.update("""
                UPDATE conversations SET ai_attempt_input_tokens = ai_attempt_input_tokens + ?,
                                         ai_attempt_output_tokens = ai_attempt_output_tokens + ?
                WHERE id = ?""", tokens.input(), tokens.output(), conversationId);
    }

    // --- An AI turn's tool writes (docs/decisions/0126-ai-tool-writes-recorded-with-their-messages.md) ---

    /** Whether this call was applied already for any of these messages, by an earlier attempt of the same turn. */
    public boolean toolWriteApplied(long conversationId, List<Long> messageIds, byte[] callDigest) {
        return jdbc.queryOne("""
                SELECT 1 FROM ai_tool_writes
                WHERE conversation_id = ? AND message_ids && ? AND call_digest = ?""",
                row -> true, conversationId, Jdbc.bigints(messageIds), callDigest).isPresent();
    }

    /** Records an applied call; call it in the transaction of the write. */
    public void recordToolWrite(long conversationId, List<Long> messageIds, String tool, byte[] callDigest) {
        jdbc.update("""
                INSERT INTO ai_tool_writes (conversation_id, message_ids, tool, call_digest)
                VALUES (?, ?, ?, ?)""", conversationId, Jdbc.bigints(messageIds), tool, callDigest);
    }

    /** The turn for these messages is recorded: its writes need no remembering. */
    public void forgetToolWrites(long conversationId, List<Long> messageIds) {
        jdbc.update("DELETE FROM ai_tool_writes WHERE conversation_id = ? AND message_ids && ?", conversationId,
                Jdbc.bigints(messageIds));
    }

    // --- Turns ---

    /**
     * Records the reply decided for a burst; call it in the transaction that settles the burst's messages.
     *
     * @return the turn's id
     */
    public long insertTurn(long conversationId, long lastInboundMessageId, String engine, Reply reply) {
        long turnId = jdbc.queryOne("""
                INSERT INTO conversation_turns
                    (conversation_id, last_inbound_message_id, engine, reply, input_tokens, output_tokens)
                VALUES (?, ?, ?, ?::jsonb, ?, ?) RETURNING id""", row -> row.getLong(1), conversationId,
                lastInboundMessageId, engine, replyJson(reply), reply.inputTokens(), reply.outputTokens())
                .orElseThrow();
        jdbc.update("UPDATE conversations SET last_interaction_at = now(), updated_at = now() WHERE id = ?",
                conversationId);
        return turnId;
    }

    /** The conversation's earlier unsent turns will never be sent: {@code turnId}'s reply answers for them. */
    public void foldUnsentTurnsInto(long conversationId, long turnId) {
        jdbc.update("""
                UPDATE conversation_turns SET folded_into_turn_id = ?
                WHERE conversation_id = ? AND id < ? AND sent_at IS NULL AND folded_into_turn_id IS NULL""",
                turnId, conversationId, turnId);
    }

    public List<DecidedTurn> unsentTurns(long conversationId) {
        return jdbc.queryList("""
                SELECT id, last_inbound_message_id, reply, input_tokens, output_tokens FROM conversation_turns
                WHERE conversation_id = ? AND sent_at IS NULL AND folded_into_turn_id IS NULL ORDER BY id""", row -> {
                    JsonNode reply = Json.read(row.getString(3));
                    List<String> buttons = new ArrayList<>();
                    reply.path("quick_replies").forEach(b -> buttons.add(b.asText()));
                    return new DecidedTurn(row.getLong(1), row.getLong(2),
                            new Reply(reply.path("text").asText(), buttons, row.getInt(4), row.getInt(5)));
                }, conversationId);
    }

    /** The conversation's last decided turn was the guided dialogue's. */
    public boolean lastTurnGuided(long conversationId) {
        return jdbc.queryOne("""
                SELECT engine = 'guided' FROM conversation_turns WHERE conversation_id = ? ORDER BY id DESC LIMIT 1""",
                row -> row.getBoolean(1), conversationId).orElse(false);
    }

    /** Whether a reply has carried the club's privacy notice yet. */
    public boolean privacyNoticeSent(long conversationId) {
        return jdbc.queryOne("SELECT privacy_notice_sent_at IS NOT NULL FROM conversations WHERE id = ?",
                row -> row.getBoolean(1), conversationId).orElse(false);
    }

    /** The database's time, as the parent's messages are stamped: what they wrote later acknowledges it. */
    public void markPrivacyNoticeSent(long conversationId) {
        jdbc.update("""
                UPDATE conversations SET privacy_notice_sent_at = COALESCE(privacy_notice_sent_at, now())
                WHERE id = ?""", conversationId);
    }

    public void markTurnSent(long turnId) {
        jdbc.update("UPDATE conversation_turns SET sent_at = now() WHERE id = ?", turnId);
    }

    private static String replyJson(Reply reply) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("text", reply.text());
        reply.quickReplies().forEach(node.putArray("quick_replies")::add);
        return Json.write(node);
    }

    private static Conversation conversation(ResultSet row) throws SQLException {
        return new Conversation(row.getLong("id"), ParentRepository.read(row), row.getString("season"),
                Jdbc.instant(row, "last_inbound_at"), row.getString("openai_conversation_id"),
                row.getObject("human_help_requested_at") == null ? null : handOff(row),
                Jdbc.instant(row, "ai_unavailable_since"), Jdbc.instant(row, "holding_message_sent_at"),
                row.getString("guided_prompt") == null ? null
                        : GuidedPrompt.fromWireName(row.getString("guided_prompt")).orElseThrow(),
                Jdbc.instant(row, "privacy_notice_sent_at"), row.getString("language_offered"));
    }

    private static HandOff handOff(ResultSet row) throws SQLException {
        return new HandOff(row.getLong("id"), Jdbc.instant(row, "human_help_requested_at"),
                row.getString("human_help_reason"), Jdbc.instant(row, "human_help_escalated_at"));
    }

    private static InboundMessage inboundMessage(ResultSet row) throws SQLException {
        List<InboundMessage.Attachment> attachments = new ArrayList<>();
        String media = row.getString("media");
        if (media != null) {
            Json.read(media).forEach(item -> attachments.add(new InboundMessage.Attachment(
                    item.path("content_type").asText(), item.hasNonNull("url") ? item.get("url").asText() : null)));
        }
        return new InboundMessage(row.getLong("id"), Jdbc.nullableLong(row, "parent_id"),
                Jdbc.nullableLong(row, "conversation_id"), row.getString("phone_e164"), row.getString("body"),
                attachments, Jdbc.instant(row, "created_at"), null);
    }

    private static MessageStatus status(ResultSet row) throws SQLException {
        String status = row.getString("status");
        return MessageStatus.fromWireName(status)
                .orElseThrow(() -> new IllegalStateException("Unknown message status " + status));
    }
}
