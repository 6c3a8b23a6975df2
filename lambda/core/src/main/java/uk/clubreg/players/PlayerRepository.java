package uk.clubreg.players;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.clubreg.parents.Parent;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Jdbc;

/** The {@code players} table with each player's {@code invitations} row. */
public final class PlayerRepository {

    /** What a manager's invitation says about a new player. */
    public record NewPlayer(long parentId, long conversationId, String firstName, String lastName, String clubName,
                            String teamName, String ageGroup, String season, String managerFullName,
                            String managerTel, BigDecimal membershipFee, BigDecimal subscriptionFee) {}

    /** Details to record; a null leaves the stored value as it is. */
    public record Details(LocalDate dateOfBirth, String medicalNotes, String emergencyContactName,
                          String emergencyContactTel, Boolean photoConsent, String kitSize) {}

    /** A player with their parent, as the team view lists them. */
    public record TeamMember(Player player, Parent parent) {}

    private static final String COLUMNS = """
            pl.id, pl.parent_id, pl.conversation_id, pl.first_name, pl.last_name, pl.club_name, pl.team_name,
            pl.age_group, pl.season, pl.manager_full_name, pl.manager_tel, pl.membership_fee_amount,
            pl.subscription_fee_amount, pl.registration_status, pl.stage, pl.is_returning_player, pl.date_of_birth,
            pl.medical_notes, pl.emergency_contact_name, pl.emergency_contact_tel, pl.photo_consent, pl.kit_size,
            pl.updated_at""";

    /** Siblings share a conversation; a player moved to another parent's conversation is not in this one. */
    private static final String IN_CONVERSATION = """
             FROM players pl JOIN conversations c ON c.id = pl.conversation_id AND c.parent_id = pl.parent_id
             WHERE c.id = ?""";

    private final Jdbc jdbc;

    public PlayerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The same child (by name, case-insensitive) of the same parent for the same season, if already invited. */
    public Optional<InvitedPlayer> findInvited(long parentId, String firstName, String lastName, String season) {
        return jdbc.queryOne("SELECT i.id AS invitation_id, i.kind, " + COLUMNS + ", " + ParentRepository.COLUMNS + " " + """
                 FROM players pl
                JOIN invitations i ON i.player_id = pl.id
                JOIN parents par ON par.id = pl.parent_id
                WHERE pl.parent_id = ? AND lower(pl.first_name) = lower(?) AND lower(pl.last_name) = lower(?)
                  AND pl.season = ?""", PlayerRepository::invited, parentId, firstName, lastName, season);
    }

    /** @return the new player's id */
    public long insert(NewPlayer player) {
        return jdbc.queryOne("""
                INSERT INTO players (parent_id, conversation_id, first_name, last_name, club_name, team_name,
                                     age_group, season, manager_full_name, manager_tel,
                                     membership_fee_amount, subscription_fee_amount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""", row -> row.getLong(1), player.parentId(), player.conversationId(),
                player.firstName(), player.lastName(), player.clubName(), player.teamName(),
                Jdbc.nullable(player.ageGroup(), Types.VARCHAR), player.season(),
                Jdbc.nullable(player.managerFullName(), Types.VARCHAR),
                Jdbc.nullable(player.managerTel(), Types.VARCHAR),
                Jdbc.nullable(player.membershipFee(), Types.NUMERIC),
                Jdbc.nullable(player.subscriptionFee(), Types.NUMERIC)).orElseThrow();
    }

    /** @return the new invitation's id */
    public long insertInvitation(long playerId, InvitationKind kind, String requestId) {
        return jdbc.queryOne("INSERT INTO invitations (player_id, kind, request_id) VALUES (?, ?, ?) RETURNING id",
                row -> row.getLong(1), playerId, kind.wireName(), requestId).orElseThrow();
    }

    /**
     * The invitation to send, with its player and parent. The player's conversation is the one it was invited
     * into, or the parent's live one for a player stored without one.
     */
    public Optional<InvitedPlayer> invitation(long invitationId) {
        return jdbc.queryOne("SELECT i.id AS invitation_id, i.kind, "
                + COLUMNS.replace("pl.conversation_id", "coalesce(pl.conversation_id, live.id) AS conversation_id")
                + ", " + ParentRepository.COLUMNS + " " + """
                 FROM invitations i
                JOIN players pl ON pl.id = i.player_id
                JOIN parents par ON par.id = pl.parent_id
                LEFT JOIN conversations live ON live.parent_id = par.id AND live.state = 'active'
                WHERE i.id = ?""", PlayerRepository::invited, invitationId);
    }

    /** The parent's most recently invited player. */
    public Optional<Player> latestOfParent(long parentId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " " + """
                 FROM players pl WHERE pl.parent_id = ? ORDER BY pl.created_at DESC, pl.id DESC LIMIT 1""",
                PlayerRepository::read, parentId);
    }

    /** The conversation's players (siblings share it), oldest invitation first. */
    public List<Player> inConversation(long conversationId) {
        return jdbc.queryList("SELECT " + COLUMNS + " " + IN_CONVERSATION + " ORDER BY pl.id", PlayerRepository::read,
                conversationId);
    }

    /**
     * One of the conversation's players, locked until the transaction ends; empty when the id is not one of them
     * (tool calls are scoped to the conversation whatever id they name).
     */
    public Optional<Player> inConversationForUpdate(long conversationId, long playerId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " " + IN_CONVERSATION + " AND pl.id = ? FOR UPDATE OF pl",
                PlayerRepository::read, conversationId, playerId);
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
                Jdbc.nullable(details.medicalNotes(), Types.VARCHAR),
                Jdbc.nullable(details.emergencyContactName(), Types.VARCHAR),
                Jdbc.nullable(details.emergencyContactTel(), Types.VARCHAR),
                Jdbc.nullable(details.photoConsent(), Types.BOOLEAN), Jdbc.nullable(details.kitSize(), Types.VARCHAR),
                playerId);
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

    /** An {@link InvitationKind#EXISTING} invitation of this conversation not yet acknowledged by the assistant. */
    public boolean earlierAttemptPending(long conversationId) {
        return jdbc.queryOne("""
                SELECT 1 FROM invitations i JOIN players pl ON pl.id = i.player_id
                WHERE pl.conversation_id = ? AND i.kind = ? AND i.earlier_attempt_answered_at IS NULL LIMIT 1""",
                row -> true, conversationId, InvitationKind.EXISTING.wireName()).orElse(false);
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

    private static InvitedPlayer invited(ResultSet row) throws SQLException {
        return new InvitedPlayer(row.getLong("invitation_id"), InvitationKind.fromWireName(row.getString("kind")),
                read(row), ParentRepository.read(row));
    }

    private static Player read(ResultSet row) throws SQLException {
        return new Player(row.getLong("id"), row.getLong("parent_id"), Jdbc.nullableLong(row, "conversation_id"),
                row.getString("first_name"), row.getString("last_name"), row.getString("club_name"),
                row.getString("team_name"), row.getString("age_group"), row.getString("season"),
                row.getString("manager_full_name"), row.getString("manager_tel"),
                row.getBigDecimal("membership_fee_amount"), row.getBigDecimal("subscription_fee_amount"),
                RegistrationStatus.fromWireName(row.getString("registration_status")).orElseThrow(),
                Stage.fromWireName(row.getString("stage")), Jdbc.nullableBoolean(row, "is_returning_player"),
                row.getObject("date_of_birth", LocalDate.class), row.getString("medical_notes"),
                row.getString("emergency_contact_name"), row.getString("emergency_contact_tel"),
                Jdbc.nullableBoolean(row, "photo_consent"), row.getString("kit_size"), Jdbc.instant(row, "updated_at"));
    }
}
