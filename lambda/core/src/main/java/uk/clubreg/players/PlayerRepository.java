package uk.clubreg.players;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.parents.Parent;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Jdbc;

/** The {@code players} table with each player's {@code invitations} row. */
public final class PlayerRepository {

    /**
     * What a manager's invitation says about a new player; {@code previousPlayerId}: the same child's completed
     * registration of an earlier season, if any.
     */
    public record NewPlayer(long parentId, long conversationId, String firstName, String lastName, String clubName,
                            String teamName, String ageGroup, String season, String managerFullName,
                            String managerTel, BigDecimal membershipFee, BigDecimal subscriptionFee,
                            Long previousPlayerId) {}

    /** Details to record; a null leaves the stored value as it is. */
    public record Details(LocalDate dateOfBirth, String medicalNotes, String emergencyContactName,
                          String emergencyContactTel, Boolean photoConsent, String kitSize) {}

    /** A player with their parent, as the team view lists them. */
    public record TeamMember(Player player, Parent parent) {}

    /**
     * An unfinished registration in a live conversation, with what decides whether to remind its parent: when the
     * player was invited, when the parent last wrote, and whether a person has the conversation.
     */
    public record Unfinished(Player player, Parent parent, long conversationId, Instant invitedAt,
                             Instant parentLastWroteAt, boolean waitingForPerson) {}

    /** The special-category columns, sealed at rest; their names are bound to their ciphertexts. */
    public static final String MEDICAL_NOTES = "medical_notes";
    public static final String EMERGENCY_CONTACT_NAME = "emergency_contact_name";
    public static final String EMERGENCY_CONTACT_TEL = "emergency_contact_tel";
    public static final List<String> ENCRYPTED = List.of(MEDICAL_NOTES, EMERGENCY_CONTACT_NAME, EMERGENCY_CONTACT_TEL);

    private static final String COLUMNS = """
            pl.id, pl.parent_id, pl.conversation_id, pl.first_name, pl.last_name, pl.club_name, pl.team_name,
            pl.age_group, pl.season, pl.manager_full_name, pl.manager_tel, pl.membership_fee_amount,
            pl.subscription_fee_amount, pl.registration_status, pl.stage, pl.is_returning_player, pl.date_of_birth,
            pl.medical_notes, pl.emergency_contact_name, pl.emergency_contact_tel, pl.photo_consent, pl.kit_size,
            pl.updated_at, pl.reminders_sent, pl.last_reminded_at, pl.previous_player_id,
            (SELECT ph.received_at FROM player_photos ph WHERE ph.player_id = pl.id) AS photo_received_at""";

    private static final String INVITATION_COLUMNS =
            "i.id AS invitation_id, i.kind, i.reinvitations, i.earlier_attempt_answered_at";

    /** Siblings share a conversation; a player moved to another parent's conversation is not in this one. */
    private static final String IN_CONVERSATION = """
             FROM players pl JOIN conversations c ON c.id = pl.conversation_id AND c.parent_id = pl.parent_id
             WHERE c.id = ?""";

    /** Unfinished registrations in live conversations; parameters: pending, confirmed, archived. */
    private static final String UNFINISHED = "SELECT " + COLUMNS + ", " + ParentRepository.COLUMNS + """
            , c.id AS live_conversation_id, i.created_at AS invited_at, c.last_inbound_at,
              c.human_help_requested_at IS NOT NULL AS waiting_for_person
             FROM players pl
            JOIN conversations c ON c.id = pl.conversation_id AND c.parent_id = pl.parent_id AND c.state = 'active'
            JOIN parents par ON par.id = pl.parent_id
            JOIN invitations i ON i.player_id = pl.id
            WHERE pl.registration_status IN (?, ?) AND pl.stage <> ?""";

    private final Jdbc jdbc;
    private final FieldEncryption encryption;
    private final boolean photoRequired;

    /** @param encryption seals medical notes and the emergency contact at rest (decision 0097) */
    public PlayerRepository(Jdbc jdbc, FieldEncryption encryption) {
        this(jdbc, encryption, false);
    }

    /** @param photoRequired the club asks for each player's photo (PLAYER_PHOTO_REQUIRED) */
    public PlayerRepository(Jdbc jdbc, FieldEncryption encryption, boolean photoRequired) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.photoRequired = photoRequired;
    }

    /** The same child (by name, case-insensitive) of the same parent for the same season, if already invited. */
    public Optional<InvitedPlayer> findInvited(long parentId, String firstName, String lastName, String season) {
        return jdbc.queryOne("SELECT " + INVITATION_COLUMNS + ", " + COLUMNS + ", " + ParentRepository.COLUMNS + " " + """
                 FROM players pl
                JOIN invitations i ON i.player_id = pl.id
                JOIN parents par ON par.id = pl.parent_id
                WHERE pl.parent_id = ? AND lower(pl.first_name) = lower(?) AND lower(pl.last_name) = lower(?)
                  AND pl.season = ?""", this::invited, parentId, firstName, lastName, season);
    }

    /**
     * The same child's (by name) latest completed registration of a season before {@code season}: a returning
     * player. Seasons compare as text, so "2025-26" comes before "2026-27".
     */
    public Optional<Long> lastCompletedBefore(long parentId, String firstName, String lastName, String season) {
        return jdbc.queryOne("""
                SELECT id FROM players
                WHERE parent_id = ? AND lower(first_name) = lower(?) AND lower(last_name) = lower(?) AND season < ?
                  AND registration_status = ?
                ORDER BY season DESC LIMIT 1""", row -> row.getLong(1), parentId, firstName, lastName, season,
                RegistrationStatus.COMPLETED.wireName());
    }

    /** @return the new player's id */
    public long insert(NewPlayer player) {
        return jdbc.queryOne("""
                INSERT INTO players (parent_id, conversation_id, first_name, last_name, club_name, team_name,
                                     age_group, season, manager_full_name, manager_tel,
                                     membership_fee_amount, subscription_fee_amount, previous_player_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""", row -> row.getLong(1), player.parentId(), player.conversationId(),
                player.firstName(), player.lastName(), player.clubName(), player.teamName(),
                Jdbc.nullable(player.ageGroup(), Types.VARCHAR), player.season(),
                Jdbc.nullable(player.managerFullName(), Types.VARCHAR),
                Jdbc.nullable(player.managerTel(), Types.VARCHAR),
                Jdbc.nullable(player.membershipFee(), Types.NUMERIC),
                Jdbc.nullable(player.subscriptionFee(), Types.NUMERIC),
                Jdbc.nullableLong(player.previousPlayerId())).orElseThrow();
    }

    /** A child as an invitation names them: the identity of a player (index {@code players_identity}). */
    public record Child(long parentId, String firstName, String lastName, String season) {}

    /** {@link #findInvited} for several children in one query, in their order; empty where not invited yet. */
    public List<Optional<InvitedPlayer>> findInvitedAll(List<Child> children) {
        List<Optional<InvitedPlayer>> found = new ArrayList<>(Collections.nCopies(children.size(), Optional.empty()));
        jdbc.queryList("SELECT k.n, " + INVITATION_COLUMNS + ", " + COLUMNS + ", " + ParentRepository.COLUMNS + " "
                + CHILDREN + """
                JOIN players pl ON pl.parent_id = k.parent_id AND lower(pl.first_name) = lower(k.first_name)
                     AND lower(pl.last_name) = lower(k.last_name) AND pl.season = k.season
                JOIN invitations i ON i.player_id = pl.id
                JOIN parents par ON par.id = pl.parent_id""", row -> Map.entry(row.getInt("n") - 1, invited(row)),
                childrenParameters(children))
                .forEach(row -> found.set(row.getKey(), Optional.of(row.getValue())));
        return found;
    }

    /** {@link #lastCompletedBefore} for several children in one query, in their order; null where there is none. */
    public List<Long> lastCompletedBeforeAll(List<Child> children) {
        List<Long> found = new ArrayList<>(Collections.nCopies(children.size(), null));
        Object[] parameters = new Object[5];
        parameters[0] = RegistrationStatus.COMPLETED.wireName();
        System.arraycopy(childrenParameters(children), 0, parameters, 1, 4);
        jdbc.queryList("""
                SELECT k.n, (SELECT id FROM players
                             WHERE parent_id = k.parent_id AND lower(first_name) = lower(k.first_name)
                               AND lower(last_name) = lower(k.last_name) AND season < k.season
                               AND registration_status = ?
                             ORDER BY season DESC LIMIT 1) AS previous_id\s""" + CHILDREN,
                row -> Map.entry(row.getInt(1) - 1, Optional.ofNullable(Jdbc.nullableLong(row, "previous_id"))),
                parameters)
                .forEach(row -> found.set(row.getKey(), row.getValue().orElse(null)));
        return found;
    }

    /**
     * {@link #insert} for several players in one statement. Each must be a different child.
     *
     * @return the new players' ids, in their order
     */
    public List<Long> insertAll(List<NewPlayer> players) {
        Map<Child, Long> ids = jdbc.queryList("""
                INSERT INTO players (parent_id, conversation_id, first_name, last_name, club_name, team_name,
                                     age_group, season, manager_full_name, manager_tel,
                                     membership_fee_amount, subscription_fee_amount, previous_player_id)
                SELECT parent_id, conversation_id, first_name, last_name, club_name, team_name, age_group, season,
                       manager_full_name, manager_tel, membership_fee_amount, subscription_fee_amount,
                       previous_player_id
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::bigint[])
                     AS k(parent_id, conversation_id, first_name, last_name, club_name, team_name, age_group, season,
                          manager_full_name, manager_tel, membership_fee_amount, subscription_fee_amount,
                          previous_player_id)
                RETURNING id, parent_id, first_name, last_name, season""",
                row -> Map.entry(new Child(row.getLong(2), row.getString(3), row.getString(4), row.getString(5)),
                        row.getLong(1)),
                column(players, NewPlayer::parentId, "bigint"), column(players, NewPlayer::conversationId, "bigint"),
                column(players, NewPlayer::firstName, "text"), column(players, NewPlayer::lastName, "text"),
                column(players, NewPlayer::clubName, "text"), column(players, NewPlayer::teamName, "text"),
                column(players, NewPlayer::ageGroup, "text"), column(players, NewPlayer::season, "text"),
                column(players, NewPlayer::managerFullName, "text"), column(players, NewPlayer::managerTel, "text"),
                column(players, NewPlayer::membershipFee, "numeric"),
                column(players, NewPlayer::subscriptionFee, "numeric"),
                column(players, NewPlayer::previousPlayerId, "bigint"))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return players.stream().map(player -> ids.get(new Child(player.parentId(), player.firstName(),
                player.lastName(), player.season()))).toList();
    }

    /**
     * {@link #insertInvitation} for several players in one statement.
     *
     * @return the new invitations' ids, in the players' order
     */
    public List<Long> insertInvitations(List<Long> playerIds, String requestId, Instant invitedAt) {
        Map<Long, Long> ids = jdbc.queryList("""
                INSERT INTO invitations (player_id, kind, request_id, created_at)
                SELECT player_id, ?::text, ?::text, ?::timestamptz FROM unnest(?::bigint[]) AS k(player_id)
                RETURNING player_id, id""", row -> Map.entry(row.getLong(1), row.getLong(2)),
                InvitationKind.NEW.wireName(), requestId, invitedAt, Jdbc.bigints(playerIds))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return playerIds.stream().map(ids::get).toList();
    }

    /** @return the new invitation's id; {@code invitedAt} is when reminders start counting */
    public long insertInvitation(long playerId, String requestId, Instant invitedAt) {
        return jdbc.queryOne("""
                INSERT INTO invitations (player_id, kind, request_id, created_at) VALUES (?, ?, ?, ?)
                RETURNING id""", row -> row.getLong(1), playerId, InvitationKind.NEW.wireName(), requestId, invitedAt)
                .orElseThrow();
    }

    /**
     * The manager invited the same player again: the invitation becomes {@link InvitationKind#EXISTING}, waiting
     * for the assistant to acknowledge it.
     *
     * @return which re-invitation this is (1 for the first)
     */
    public int reinvite(long invitationId) {
        return jdbc.queryOne("""
                UPDATE invitations SET kind = ?, reinvitations = reinvitations + 1, earlier_attempt_answered_at = NULL
                WHERE id = ? RETURNING reinvitations""", row -> row.getInt(1), InvitationKind.EXISTING.wireName(),
                invitationId).orElseThrow();
    }

    /**
     * The invitation to send, with its player and parent. The player's conversation is the one it was invited
     * into, or the parent's live one for a player stored without one.
     */
    public Optional<InvitedPlayer> invitation(long invitationId) {
        return jdbc.queryOne("SELECT " + INVITATION_COLUMNS + ", "
                + COLUMNS.replace("pl.conversation_id", "coalesce(pl.conversation_id, live.id) AS conversation_id")
                + ", " + ParentRepository.COLUMNS + " " + """
                 FROM invitations i
                JOIN players pl ON pl.id = i.player_id
                JOIN parents par ON par.id = pl.parent_id
                LEFT JOIN conversations live ON live.parent_id = par.id AND live.state = 'active'
                WHERE i.id = ?""", this::invited, invitationId);
    }

    /** The parent's most recently invited player. */
    public Optional<Player> latestOfParent(long parentId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " " + """
                 FROM players pl WHERE pl.parent_id = ? ORDER BY pl.created_at DESC, pl.id DESC LIMIT 1""",
                this::read, parentId);
    }

    public Optional<Player> find(long playerId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM players pl WHERE pl.id = ?", this::read, playerId);
    }

    /** The conversation's players (siblings share it), oldest invitation first. */
    public List<Player> inConversation(long conversationId) {
        return jdbc.queryList("SELECT " + COLUMNS + " " + IN_CONVERSATION + " ORDER BY pl.id", this::read,
                conversationId);
    }

    /**
     * One of the conversation's players, locked until the transaction ends; empty when the id is not one of them
     * (tool calls are scoped to the conversation whatever id they name).
     */
    public Optional<Player> inConversationForUpdate(long conversationId, long playerId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " " + IN_CONVERSATION + " AND pl.id = ? FOR UPDATE OF pl",
                this::read, conversationId, playerId);
    }

    public void updateStatus(long playerId, RegistrationStatus status, Stage stage, Boolean returningPlayer,
                             String notes) {
        jdbc.update("""
                UPDATE players SET registration_status = ?, stage = ?, is_returning_player = ?,
                    registration_notes = COALESCE(?, registration_notes), updated_at = now()
                WHERE id = ?""", status.wireName(), stage.wireName(), Jdbc.nullable(returningPlayer, Types.BOOLEAN),
                Jdbc.nullable(notes, Types.VARCHAR), playerId);
    }

    public void recordDetails(long playerId, Details details) {
        jdbc.update("""
                UPDATE players SET date_of_birth = COALESCE(?, date_of_birth),
                    medical_notes = COALESCE(?, medical_notes),
                    emergency_contact_name = COALESCE(?, emergency_contact_name),
                    emergency_contact_tel = COALESCE(?, emergency_contact_tel),
                    photo_consent = COALESCE(?, photo_consent), kit_size = COALESCE(?, kit_size),
                    updated_at = now()
                WHERE id = ?""", Jdbc.nullable(details.dateOfBirth(), Types.DATE),
                Jdbc.nullable(encryption.encrypt(MEDICAL_NOTES, details.medicalNotes()), Types.VARCHAR),
                Jdbc.nullable(encryption.encrypt(EMERGENCY_CONTACT_NAME, details.emergencyContactName()), Types.VARCHAR),
                Jdbc.nullable(encryption.encrypt(EMERGENCY_CONTACT_TEL, details.emergencyContactTel()), Types.VARCHAR),
                Jdbc.nullable(details.photoConsent(), Types.BOOLEAN), Jdbc.nullable(details.kitSize(), Types.VARCHAR),
                playerId);
    }

    /**
     * What a consent is recorded with: the version of the wording the parent saw and the inbound message that gave
     * it (docs/decisions/0095-consent-records.md).
     */
    public record ConsentEvidence(String wordingVersion, long messageId) {}

    /** A photo consent answer, kept with its evidence; a later answer is a new row. */
    public void recordPhotoConsent(long playerId, boolean given, ConsentEvidence evidence) {
        jdbc.update("""
                INSERT INTO consents (player_id, kind, given, wording_version, message_id)
                VALUES (?, 'photo', ?, ?, ?)""", playerId, given, evidence.wordingVersion(), evidence.messageId());
    }

    /**
     * The parent wrote again after the privacy notice was sent: each of the conversation's registrations without a
     * data-processing acknowledgement gets one. @return how many were recorded
     */
    public int acknowledgeDataProcessing(long conversationId, ConsentEvidence evidence) {
        return jdbc.update("""
                INSERT INTO consents (player_id, kind, given, wording_version, message_id)
                SELECT pl.id, 'data_processing', true, ?, ? FROM players pl
                 WHERE pl.conversation_id = ?
                   AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.player_id = pl.id AND c.kind = 'data_processing')
                ON CONFLICT DO NOTHING""", evidence.wordingVersion(), evidence.messageId(), conversationId);
    }

    /**
     * Keeps last season's details of a returning player, except {@code changed}, where nothing is recorded yet; the
     * registration moves on to the details still missing (medical notes and photo consent always are).
     */
    public void carryOverLastSeason(long playerId, Set<LastSeason.Detail> changed) {
        boolean dateOfBirth = !changed.contains(LastSeason.Detail.DATE_OF_BIRTH);
        boolean contact = !changed.contains(LastSeason.Detail.EMERGENCY_CONTACT);
        boolean kit = !changed.contains(LastSeason.Detail.KIT_SIZE);
        // A kept detail fills only a gap: anything the parent already gave this season stays.
        jdbc.update("""
                UPDATE players pl SET
                    date_of_birth = CASE WHEN ? THEN COALESCE(pl.date_of_birth, earlier.date_of_birth)
                                         ELSE pl.date_of_birth END,
                    emergency_contact_name = CASE WHEN ? THEN COALESCE(pl.emergency_contact_name,
                                                  earlier.emergency_contact_name) ELSE pl.emergency_contact_name END,
                    emergency_contact_tel = CASE WHEN ? THEN COALESCE(pl.emergency_contact_tel,
                                                 earlier.emergency_contact_tel) ELSE pl.emergency_contact_tel END,
                    kit_size = CASE WHEN ? THEN COALESCE(pl.kit_size, earlier.kit_size) ELSE pl.kit_size END,
                    registration_status = ?, stage = ?, is_returning_player = true, updated_at = now()
                FROM players earlier
                WHERE pl.id = ? AND earlier.id = pl.previous_player_id""", dateOfBirth, contact, contact, kit,
                RegistrationStatus.CONFIRMED.wireName(), Stage.of(RegistrationStatus.CONFIRMED, true).wireName(),
                playerId);
    }

    /** Last season's details of the conversation's returning players, by player id. */
    public Map<Long, LastSeason> lastSeasonOf(long conversationId) {
        Map<Long, LastSeason> lastSeason = new LinkedHashMap<>();
        jdbc.queryList("""
                SELECT pl.id, earlier.id, earlier.season, earlier.date_of_birth, earlier.emergency_contact_name,
                       earlier.emergency_contact_tel, earlier.kit_size
                FROM players pl JOIN players earlier ON earlier.id = pl.previous_player_id
                WHERE pl.conversation_id = ? ORDER BY pl.id""", row -> Map.entry(row.getLong(1),
                new LastSeason(row.getLong(2), row.getString(3), row.getObject(4, LocalDate.class),
                        encryption.decrypt(EMERGENCY_CONTACT_NAME, row.getString(5)),
                        encryption.decrypt(EMERGENCY_CONTACT_TEL, row.getString(6)), row.getString(7))), conversationId)
                .forEach(entry -> lastSeason.put(entry.getKey(), entry.getValue()));
        return lastSeason;
    }

    /** A new season: the conversation's registrations still in progress are archived with it. */
    public void archiveUnfinished(long conversationId) {
        jdbc.update("""
                UPDATE players SET stage = ?, updated_at = now()
                WHERE conversation_id = ? AND stage IN (?, ?, ?)""", Stage.ARCHIVED.wireName(), conversationId,
                Stage.INITIAL_CONTACT.wireName(), Stage.RETURNING_PLAYER_CHECK.wireName(),
                Stage.INFO_COLLECTION.wireName());
    }

    /** Clears the answers so far and goes back to the returning-player question. */
    public void startAgain(long playerId) {
        jdbc.update("""
                UPDATE players SET registration_status = ?, stage = ?,
                    is_returning_player = NULL, date_of_birth = NULL, medical_notes = NULL,
                    emergency_contact_name = NULL, emergency_contact_tel = NULL, photo_consent = NULL,
                    kit_size = NULL, updated_at = now()
                WHERE id = ?""", RegistrationStatus.CONFIRMED.wireName(),
                Stage.of(RegistrationStatus.CONFIRMED, null).wireName(), playerId);
    }

    /** The conversation's players re-invited and not yet acknowledged by the assistant. */
    public Set<Long> reinvitedUnanswered(long conversationId) {
        return Set.copyOf(jdbc.queryList("""
                SELECT pl.id FROM invitations i JOIN players pl ON pl.id = i.player_id
                WHERE pl.conversation_id = ? AND i.kind = ? AND i.earlier_attempt_answered_at IS NULL""",
                row -> row.getLong(1), conversationId, InvitationKind.EXISTING.wireName()));
    }

    public void acknowledgeEarlierAttempt(long conversationId, Instant now) {
        jdbc.update("""
                UPDATE invitations SET earlier_attempt_answered_at = ?
                WHERE kind = ? AND earlier_attempt_answered_at IS NULL
                  AND player_id IN (SELECT id FROM players WHERE conversation_id = ?)""",
                now, InvitationKind.EXISTING.wireName(), conversationId);
    }

    /** A team's players for a season with their parents, oldest invitation first. */
    public List<TeamMember> team(String teamName, String season) {
        return jdbc.queryList("SELECT " + COLUMNS + ", " + ParentRepository.COLUMNS + " " + """
                 FROM players pl JOIN parents par ON par.id = pl.parent_id
                WHERE pl.team_name = ? AND pl.season = ?
                ORDER BY pl.id""", row -> new TeamMember(read(row), ParentRepository.read(row)), teamName, season);
    }

    // --- Teams, as the console lists them ---

    private static final String TEAMS = """
            SELECT team_name, season, count(*) AS players FROM players WHERE %s
            GROUP BY team_name, season ORDER BY season DESC, team_name""";

    /** Every team of every season, latest season first. */
    public List<Team> teams() {
        return jdbc.queryList(TEAMS.formatted("true"), PlayerRepository::team);
    }

    /** The teams (every season) whose invitations name this phone as the team manager's. */
    public List<Team> teamsManagedBy(String managerPhone) {
        return jdbc.queryList(TEAMS.formatted("""
                (team_name, season) IN (SELECT team_name, season FROM players WHERE manager_tel = ?)"""),
                PlayerRepository::team, managerPhone);
    }

    /** Whether an invitation names this phone as the manager of this team in this season. */
    public boolean manages(String managerPhone, String teamName, String season) {
        return jdbc.queryOne("""
                SELECT 1 FROM players WHERE manager_tel = ? AND team_name = ? AND season = ? LIMIT 1""",
                row -> true, managerPhone, teamName, season).isPresent();
    }

    /** Whether any invitation names this phone as a team manager's. */
    public boolean isTeamManager(String phone) {
        return jdbc.queryOne("SELECT 1 FROM players WHERE manager_tel = ? LIMIT 1", row -> true, phone).isPresent();
    }

    private static Team team(ResultSet row) throws SQLException {
        return new Team(row.getString("team_name"), row.getString("season"), row.getInt("players"));
    }

    /** Teams with a registration of {@code season} still in progress. */
    public List<String> teamsWithUnfinished(String season) {
        return jdbc.queryList("""
                SELECT DISTINCT team_name FROM players
                WHERE season = ? AND registration_status IN (?, ?) AND stage <> ?
                ORDER BY team_name""", row -> row.getString(1), season, RegistrationStatus.PENDING.wireName(),
                RegistrationStatus.CONFIRMED.wireName(), Stage.ARCHIVED.wireName());
    }

    // --- Reminders ---

    /** Every registration still in progress in a live conversation, grouped by conversation (one per parent). */
    public List<Unfinished> unfinishedInLiveConversations() {
        return jdbc.queryList(UNFINISHED + " ORDER BY pl.conversation_id, pl.id", this::unfinished,
                RegistrationStatus.PENDING.wireName(), RegistrationStatus.CONFIRMED.wireName(),
                Stage.ARCHIVED.wireName());
    }

    /** One player, when their registration is still in progress in a live conversation. */
    public Optional<Unfinished> unfinished(long playerId) {
        return jdbc.queryOne(UNFINISHED + " AND pl.id = ?", this::unfinished,
                RegistrationStatus.PENDING.wireName(), RegistrationStatus.CONFIRMED.wireName(),
                Stage.ARCHIVED.wireName(), playerId);
    }

    /** Counts a reminder about each of these players, sent at {@code now}. */
    public void recordReminder(Collection<Long> playerIds, Instant now) {
        jdbc.update("""
                UPDATE players SET reminders_sent = reminders_sent + 1, last_reminded_at = ?, updated_at = now()
                WHERE id = ANY (?)""", now, Jdbc.bigints(playerIds));
    }

    /** How many players each of these conversations has (siblings share one). */
    public Map<Long, Integer> countByConversation(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.queryList("""
                SELECT conversation_id, count(*) FROM players WHERE conversation_id = ANY (?)
                GROUP BY conversation_id""", row -> Map.entry(row.getLong(1), row.getInt(2)),
                Jdbc.bigints(conversationIds)).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Unfinished unfinished(ResultSet row) throws SQLException {
        return new Unfinished(read(row), ParentRepository.read(row), row.getLong("live_conversation_id"),
                Jdbc.instant(row, "invited_at"), Jdbc.instant(row, "last_inbound_at"),
                row.getBoolean("waiting_for_person"));
    }

    /** The children as rows {@code k(parent_id, first_name, last_name, season, n)}, n counting from 1. */
    private static final String CHILDREN = """
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                 AS k(parent_id, first_name, last_name, season, n)
            """;

    private static Object[] childrenParameters(List<Child> children) {
        return new Object[] {column(children, Child::parentId, "bigint"), column(children, Child::firstName, "text"),
                column(children, Child::lastName, "text"), column(children, Child::season, "text")};
    }

    private static <T> Object column(List<T> rows, Function<T, ?> value, String sqlType) {
        return Jdbc.array(sqlType, rows.stream().map(value).toList());
    }

    private InvitedPlayer invited(ResultSet row) throws SQLException {
        return new InvitedPlayer(row.getLong("invitation_id"), InvitationKind.fromWireName(row.getString("kind")),
                read(row), ParentRepository.read(row), row.getInt("reinvitations"),
                Jdbc.instant(row, "earlier_attempt_answered_at"));
    }

    private Player read(ResultSet row) throws SQLException {
        return new Player(row.getLong("id"), row.getLong("parent_id"), Jdbc.nullableLong(row, "conversation_id"),
                row.getString("first_name"), row.getString("last_name"), row.getString("club_name"),
                row.getString("team_name"), row.getString("age_group"), row.getString("season"),
                row.getString("manager_full_name"), row.getString("manager_tel"),
                row.getBigDecimal("membership_fee_amount"), row.getBigDecimal("subscription_fee_amount"),
                RegistrationStatus.fromWireName(row.getString("registration_status")).orElseThrow(),
                Stage.fromWireName(row.getString("stage")), Jdbc.nullableBoolean(row, "is_returning_player"),
                row.getObject("date_of_birth", LocalDate.class),
                encryption.decrypt(MEDICAL_NOTES, row.getString("medical_notes")),
                encryption.decrypt(EMERGENCY_CONTACT_NAME, row.getString("emergency_contact_name")),
                encryption.decrypt(EMERGENCY_CONTACT_TEL, row.getString("emergency_contact_tel")),
                Jdbc.nullableBoolean(row, "photo_consent"), row.getString("kit_size"), Jdbc.instant(row, "updated_at"),
                row.getInt("reminders_sent"), Jdbc.instant(row, "last_reminded_at"),
                Jdbc.nullableLong(row, "previous_player_id"), photoRequired, Jdbc.instant(row, "photo_received_at"));
    }
}
