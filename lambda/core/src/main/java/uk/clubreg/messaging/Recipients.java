package uk.clubreg.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.clubreg.persistence.Database;

/** Reads who a message goes to, and what its template says, from the registration tables. */
final class Recipients {

    /** An invitation's parent and the template variables of the invited player. */
    record Invitation(long parentId, String phone, Long conversationId, boolean parentAlreadyInConversation,
                      TemplateVariables variables) {}

    /** A conversation's parent, its 24-hour window, and the variables of the parent's latest invited player. */
    record Conversation(long id, long parentId, String phone, Instant lastInboundAt, TemplateVariables variables) {}

    /** A stored inbound message. {@code parentId} is null for a sender with no invitation. */
    record Inbound(long id, Long parentId, Long conversationId, String phone, String body) {}

    private static final String PLAYER_COLUMNS = """
            par.id AS parent_id, par.phone_e164, par.first_name AS parent_first_name,
            pl.first_name AS player_first_name, pl.team_name, pl.age_group, pl.season,
            pl.membership_fee_amount, pl.subscription_fee_amount, pl.manager_full_name, pl.manager_tel""";

    private final Database database;

    Recipients(Database database) {
        this.database = database;
    }

    Optional<Invitation> invitation(long invitationId) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + PLAYER_COLUMNS + """
                    , i.kind, coalesce(pl.conversation_id, live.id) AS conversation_id
                    FROM invitations i
                    JOIN players pl ON pl.id = i.player_id
                    JOIN parents par ON par.id = pl.parent_id
                    LEFT JOIN conversations live ON live.parent_id = par.id AND live.state = 'active'
                    WHERE i.id = ?""")) {
                select.setLong(1, invitationId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Invitation(row.getLong("parent_id"), row.getString("phone_e164"),
                            Sql.getLong(row, "conversation_id"), "existing".equals(row.getString("kind")),
                            variables(row)));
                }
            }
        });
    }

    Optional<Conversation> conversation(long conversationId) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.last_inbound_at, par.id AS parent_id, par.phone_e164
                    FROM conversations c JOIN parents par ON par.id = c.parent_id
                    WHERE c.id = ?""")) {
                select.setLong(1, conversationId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Timestamp lastInbound = row.getTimestamp("last_inbound_at");
                    long parentId = row.getLong("parent_id");
                    return Optional.of(new Conversation(conversationId, parentId, row.getString("phone_e164"),
                            lastInbound == null ? null : lastInbound.toInstant(),
                            latestPlayerVariables(connection, parentId)));
                }
            }
        });
    }

    Optional<Inbound> inbound(long messageId) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, parent_id, conversation_id, phone_e164, body FROM messages
                    WHERE id = ? AND direction = 'inbound'""")) {
                select.setLong(1, messageId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(inbound(row)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The inbound messages of the same sender (parent, or number when unknown) still waiting for an answer, oldest
     * first: however their jobs were ordered or repeated, they are worked in the order they were stored.
     */
    List<Inbound> waiting(Inbound message) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(message.parentId() == null ? """
                    SELECT id, parent_id, conversation_id, phone_e164, body FROM messages
                    WHERE phone_e164 = ? AND parent_id IS NULL AND direction = 'inbound' AND status = 'received'
                    ORDER BY id""" : """
                    SELECT id, parent_id, conversation_id, phone_e164, body FROM messages
                    WHERE parent_id = ? AND direction = 'inbound' AND status = 'received'
                    ORDER BY id""")) {
                if (message.parentId() == null) {
                    select.setString(1, message.phone());
                } else {
                    select.setLong(1, message.parentId());
                }
                List<Inbound> waiting = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        waiting.add(inbound(row));
                    }
                }
                return waiting;
            }
        });
    }

    /** The conversation of an outbound free-form message, if it was one (templates are never re-sent). */
    Optional<Long> conversationOfFreeform(long messageId) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT conversation_id FROM messages
                    WHERE id = ? AND direction = 'outbound' AND kind = 'freeform' AND conversation_id IS NOT NULL""")) {
                select.setLong(1, messageId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** The most recently invited player's details; a parent with no player yet gets the fallbacks. */
    private static TemplateVariables latestPlayerVariables(Connection connection, long parentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PLAYER_COLUMNS + """
                 FROM parents par LEFT JOIN players pl ON pl.parent_id = par.id
                WHERE par.id = ? ORDER BY pl.created_at DESC NULLS LAST, pl.id DESC LIMIT 1""")) {
            select.setLong(1, parentId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return variables(row);
            }
        }
    }

    private static Inbound inbound(ResultSet row) throws SQLException {
        return new Inbound(row.getLong("id"), Sql.getLong(row, "parent_id"), Sql.getLong(row, "conversation_id"),
                row.getString("phone_e164"), row.getString("body"));
    }

    private static TemplateVariables variables(ResultSet row) throws SQLException {
        return new TemplateVariables(row.getString("parent_first_name"), row.getString("player_first_name"),
                row.getString("team_name"), row.getString("age_group"), row.getString("season"),
                row.getBigDecimal("membership_fee_amount"), row.getBigDecimal("subscription_fee_amount"),
                row.getString("manager_full_name"), row.getString("manager_tel"));
    }
}
