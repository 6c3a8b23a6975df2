package uk.clubreg.assistant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.jobs.Job;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.outbox.OutboxRepository;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.photos.FolderPhotoStore;
import uk.clubreg.photos.PhotoRepository;
import uk.clubreg.photos.PlayerPhotos;
import uk.clubreg.players.PlayerRepository;

/**
 * Test data for conversations, written with plain SQL: families (a parent, a conversation, children), messages;
 * and the assistant's parts over that database, as the composition root builds them.
 */
public final class ConversationFixtures {

    public record Family(long parentId, long conversationId, String phone, List<Long> playerIds) {
        public long playerId() {
            return playerIds.getFirst();
        }
    }

    private static final AtomicInteger SIDS = new AtomicInteger();

    /** The model asks every detail itself (AI_SENSITIVE_DETAILS=ai). */
    public static final ConversationSettings SETTINGS = settings(SensitiveDetails.AI, null);
    /** Medical notes and the emergency contact in guided steps (AI_SENSITIVE_DETAILS=guided, the default). */
    public static final ConversationSettings GUIDED_STEPS = settings(SensitiveDetails.GUIDED, null);
    /** The club's privacy notice at https://club.example/privacy (PRIVACY_NOTICE_URL). */
    public static final ConversationSettings WITH_PRIVACY_NOTICE = settings(SensitiveDetails.AI,
            "https://club.example/privacy");

    /** 2026-11-22: the 2026-27 season is under way. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final Database database;
    /** The jobs the assistant's actions published (notices to the club's people), in order. */
    public final List<Job> published = new CopyOnWriteArrayList<>();

    private boolean photoRequired;

    public ConversationFixtures(Database database) {
        this.database = database;
    }

    public PlayerRepository players() {
        return new PlayerRepository(new Jdbc(database), new FieldEncryption(Optional::empty), photoRequired);
    }

    /** From now on the club requires each player's photo (PLAYER_PHOTO_REQUIRED). */
    public void requirePhotos() {
        photoRequired = true;
    }

    public ConversationRepository conversations() {
        return new ConversationRepository(new Jdbc(database));
    }

    /**
     * What a responder works with, on {@link #SETTINGS} and {@link #CLOCK}; the jobs its actions publish are
     * recorded in {@link #published}. Managers are not told of completions.
     */
    public ResponderContext context() {
        return context(false);
    }

    public ResponderContext context(boolean notifyManagerOnComplete) {
        return context(notifyManagerOnComplete, SETTINGS);
    }

    public ResponderContext context(boolean notifyManagerOnComplete, ConversationSettings settings) {
        OutboxRepository outboxRows = new OutboxRepository(new Jdbc(database));
        RegistrationActions actions = new RegistrationActions(database, players(), conversations(),
                new Outbox(outboxRows), new OutboxRelay(outboxRows, database, published::add),
                new PlayerDetails("GB", SETTINGS.kitSizes()), () -> notifyManagerOnComplete,
                settings.consentWordingVersion(), CLOCK);
        return new ResponderContext(players(), conversations(), actions,
                new ToolCalls(database, conversations(), actions, settings.sensitiveDetails()), settings, CLOCK);
    }

    private static ConversationSettings settings(SensitiveDetails sensitive, String privacyNoticeUrl) {
        return new ConversationSettings("Omega", "Urmston Town Juniors FC", "GB",
                List.of("5-6", "7-8", "9-10", "11-12", "13-14", "S", "M", "L", "XL"), 30, Duration.ofSeconds(60),
                sensitive, privacyNoticeUrl, "1", List.of("en", "pl", "ur", "ar", "ro"));
    }

    /** The turn engine around {@code responder}. */
    public RegistrationConversation engine(Responder responder, WhatsAppReplies replies, ConversationSettings settings,
                                           Clock clock) {
        return engine(responder, replies, noPhotos(), settings, clock);
    }

    /** The turn engine around {@code responder}, receiving the photos a registration expects with {@code photos}. */
    public RegistrationConversation engine(Responder responder, WhatsAppReplies replies, PlayerPhotos photos,
                                           ConversationSettings settings, Clock clock) {
        return new RegistrationConversation(database, players(), conversations(), responder, replies, photos,
                settings, clock);
    }

    /** Photos as no club in these fixtures asks for one: nothing is ever fetched, so nothing is stored. */
    private PlayerPhotos noPhotos() {
        return new PlayerPhotos(new PhotoRepository(new Jdbc(database)), new FolderPhotoStore(Path.of("target",
                "no-photos")), (url, maxBytes, timeout) -> {
                    throw new AssertionError("No photo is expected here");
                }, PlayerPhotos.Fetching.DEFAULT, CLOCK);
    }

    /** A parent with one conversation and one child per first name, all U11 at Panthers for 2026-27. */
    public Family family(String phone, String managerTel, String... children) {
        return database.inTransaction(tx -> {
            long parentId = insertReturningId(tx.prepareStatement(
                    "INSERT INTO parents (phone_e164, first_name, last_name) VALUES (?, 'Lee', 'Parent') RETURNING id"),
                    phone);
            long conversationId;
            try (PreparedStatement insert = tx.prepareStatement(
                    "INSERT INTO conversations (parent_id) VALUES (?) RETURNING id")) {
                insert.setLong(1, parentId);
                conversationId = single(insert);
            }
            List<Long> players = new java.util.ArrayList<>();
            for (String child : children) {
                try (PreparedStatement insert = tx.prepareStatement("""
                        INSERT INTO players (parent_id, conversation_id, first_name, last_name, club_name, team_name,
                                             age_group, season, manager_full_name, manager_tel)
                        VALUES (?, ?, ?, 'Parent', 'Urmston Town Juniors FC', 'Panthers', 'U11', '2026-27',
                                'Sam Manager', ?) RETURNING id""")) {
                    insert.setLong(1, parentId);
                    insert.setLong(2, conversationId);
                    insert.setString(3, child);
                    insert.setString(4, managerTel);
                    long playerId = single(insert);
                    players.add(playerId);
                    try (PreparedStatement invite = tx.prepareStatement(
                            "INSERT INTO invitations (player_id, request_id) VALUES (?, 'test')")) {
                        invite.setLong(1, playerId);
                        invite.executeUpdate();
                    }
                }
            }
            return new Family(parentId, conversationId, phone, players);
        });
    }

    /** A message from the parent, as the webhook stores it: status 'received'. */
    public long inbound(Family family, String body) {
        return inbound(family, body, Instant.parse("2026-11-22T09:59:00Z"));
    }

    public long inbound(Family family, String body, Instant at) {
        return database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body, twilio_sid,
                                          status, created_at)
                    VALUES (?, ?, ?, 'inbound', 'text', ?, ?, 'received', ?) RETURNING id""")) {
                insert.setLong(1, family.conversationId());
                insert.setLong(2, family.parentId());
                insert.setString(3, family.phone());
                insert.setString(4, body);
                insert.setString(5, "SMtest" + SIDS.incrementAndGet());
                insert.setTimestamp(6, java.sql.Timestamp.from(at));
                return single(insert);
            }
        });
    }

    /** A photo, voice note or other attachment with no text, as the webhook stores it. */
    public long inboundMedia(Family family, String contentType) {
        return inboundMedia(family, "https://api.twilio.com/media/ME1", contentType);
    }

    /** The same, its media at {@code url} (a stand-in for Twilio's media URL). */
    public long inboundMedia(Family family, String url, String contentType) {
        return database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, media, twilio_sid,
                                          status)
                    VALUES (?, ?, ?, 'inbound', 'media', ?::jsonb, ?, 'received') RETURNING id""")) {
                insert.setLong(1, family.conversationId());
                insert.setLong(2, family.parentId());
                insert.setString(3, family.phone());
                insert.setString(4, "[{\"url\": \"" + url + "\", \"content_type\": \"" + contentType + "\"}]");
                insert.setString(5, "SMtest" + SIDS.incrementAndGet());
                return single(insert);
            }
        });
    }

    /**
     * {@code playerId}'s child completed last season (2025-26, U10) with date of birth 14/03/2016, emergency contact
     * Jo Parent on +447700900299 and kit size 9-10; the player is linked to it as a returning player.
     */
    public void completedLastSeason(Family family, long playerId) {
        execute("""
                WITH earlier AS (
                    INSERT INTO players (parent_id, first_name, last_name, club_name, team_name, age_group, season,
                                         registration_status, stage, is_returning_player, date_of_birth,
                                         medical_notes, emergency_contact_name, emergency_contact_tel, photo_consent,
                                         kit_size)
                    SELECT parent_id, first_name, last_name, club_name, 'Panthers', 'U10', '2025-26', 'completed',
                           'completed', false, DATE '2016-03-14', 'Asthma', 'Jo Parent', '+447700900299', true, '9-10'
                    FROM players WHERE id = %d
                    RETURNING id)
                UPDATE players SET previous_player_id = (SELECT id FROM earlier) WHERE id = %d"""
                .formatted(playerId, playerId));
    }

    /** The parent is invited again while the conversation is live (decision 0047). */
    public void invitedAgain(Family family, long playerId) {
        execute("UPDATE invitations SET kind = 'existing' WHERE player_id = " + playerId);
    }

    public void execute(String sql) {
        database.withConnection(c -> c.createStatement().executeUpdate(sql));
    }

    public String value(String sql) {
        return database.withConnection(c -> {
            try (ResultSet row = c.createStatement().executeQuery(sql)) {
                return row.next() ? row.getString(1) : null;
            }
        });
    }

    public String messageStatus(long messageId) {
        return value("SELECT status FROM messages WHERE id = " + messageId);
    }

    public String player(long playerId, String column) {
        return value("SELECT " + column + " FROM players WHERE id = " + playerId);
    }

    private static long insertReturningId(PreparedStatement insert, String value) throws java.sql.SQLException {
        try (insert) {
            insert.setString(1, value);
            return single(insert);
        }
    }

    private static long single(PreparedStatement insert) throws java.sql.SQLException {
        try (ResultSet row = insert.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
