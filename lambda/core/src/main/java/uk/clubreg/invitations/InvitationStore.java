package uk.clubreg.invitations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobType;
import uk.clubreg.outbox.Outbox;

/**
 * Writes an invitation in the caller's transaction: the parent (by phone), their live conversation, the player,
 * the invitation and its "send invitation" job. The same child for the same parent and season is the same player,
 * so a repeated invitation finds what the first one wrote and adds nothing.
 */
final class InvitationStore {

    /** What {@link #save} did; {@code outboxId} is empty when nothing new needs sending. */
    record Saved(InvitationResult result, Optional<Outbox.Pending> job) {}

    private final Outbox outbox;
    private final String clubName;

    InvitationStore(Outbox outbox, String clubName) {
        this.outbox = outbox;
        this.clubName = clubName;
    }

    Saved save(Connection tx, InvitationRequest request, String requestId) throws SQLException {
        // The upsert locks the parent's row until commit, so invitations for one parent run one after another:
        // the second sees the first's player and conversation.
        StoredParent parent = upsertParent(tx, request);
        long parentId = parent.id();
        Optional<Invitation> existing = find(tx, parentId, request);
        if (existing.isPresent()) {
            return new Saved(new InvitationResult(existing.get(), false), Optional.empty());
        }
        // Seed Phase 4: a parent who has already replied in their live conversation has started registering, and
        // gets the "existing registration" template. Siblings invited together before any reply get the invitation.
        Optional<LiveConversation> live = liveConversation(tx, parentId);
        Invitation.Kind kind = live.filter(LiveConversation::parentHasReplied).isPresent()
                ? Invitation.Kind.EXISTING : Invitation.Kind.NEW;
        long conversationId = live.isPresent() ? live.get().id() : startConversation(tx, parentId);

        long playerId = insertPlayer(tx, parentId, conversationId, request);
        long invitationId = insertInvitation(tx, playerId, kind, requestId);
        Optional<Outbox.Pending> job = outbox.add(tx, Job.of(JobType.SEND_INVITATION, request.parentTel(),
                "invitation:" + invitationId).with("invitation_id", invitationId));
        Invitation invitation = new Invitation(invitationId, playerId, kind, "pending",
                new Invitation.Player(request.playerFirstName(), request.playerLastName(), request.membershipFee(),
                        request.subscriptionFee()),
                parent.asStored(),
                new Invitation.Team(clubName, request.teamName(), request.ageGroup(), request.season(),
                        request.managerFullName(), request.managerTel()));
        return new Saved(new InvitationResult(invitation, true), job);
    }

    /** The parent's row after the upsert: names given by an earlier invitation are kept when this one has none. */
    private record StoredParent(long id, String tel, String firstName, String lastName) {
        Invitation.Parent asStored() {
            return new Invitation.Parent(tel, firstName, lastName);
        }
    }

    private static StoredParent upsertParent(Connection tx, InvitationRequest request) throws SQLException {
        try (PreparedStatement upsert = tx.prepareStatement("""
                INSERT INTO parents (phone_e164, first_name, last_name) VALUES (?, ?, ?)
                ON CONFLICT (phone_e164) DO UPDATE SET
                    first_name = COALESCE(EXCLUDED.first_name, parents.first_name),
                    last_name = COALESCE(EXCLUDED.last_name, parents.last_name),
                    updated_at = now()
                RETURNING id, phone_e164, first_name, last_name""")) {
            upsert.setString(1, request.parentTel());
            upsert.setString(2, request.parentFirstName());
            upsert.setString(3, request.parentLastName());
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return new StoredParent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4));
            }
        }
    }

    private record LiveConversation(long id, boolean parentHasReplied) {}

    private static Optional<LiveConversation> liveConversation(Connection tx, long parentId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT id, last_inbound_at IS NOT NULL FROM conversations WHERE parent_id = ? AND state = 'active'")) {
            select.setLong(1, parentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new LiveConversation(row.getLong(1), row.getBoolean(2)))
                        : Optional.empty();
            }
        }
    }

    /** A new live conversation; if another writer (e.g. an inbound message) made one meanwhile, that one. */
    private static long startConversation(Connection tx, long parentId) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO conversations (parent_id) VALUES (?)
                ON CONFLICT (parent_id) WHERE state = 'active' DO NOTHING
                RETURNING id""")) {
            insert.setLong(1, parentId);
            try (ResultSet row = insert.executeQuery()) {
                if (row.next()) {
                    return row.getLong(1);
                }
            }
        }
        return liveConversation(tx, parentId).map(LiveConversation::id)
                .orElseThrow(() -> new IllegalStateException("Parent " + parentId + " has no live conversation"));
    }

    private long insertPlayer(Connection tx, long parentId, long conversationId, InvitationRequest request)
            throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO players (parent_id, conversation_id, first_name, last_name, club_name, team_name,
                                     age_group, season, manager_full_name, manager_tel,
                                     membership_fee_amount, subscription_fee_amount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""")) {
            insert.setLong(1, parentId);
            insert.setLong(2, conversationId);
            insert.setString(3, request.playerFirstName());
            insert.setString(4, request.playerLastName());
            insert.setString(5, clubName);
            insert.setString(6, request.teamName());
            insert.setString(7, request.ageGroup());
            insert.setString(8, request.season());
            insert.setString(9, request.managerFullName());
            insert.setString(10, request.managerTel());
            insert.setBigDecimal(11, request.membershipFee());
            insert.setBigDecimal(12, request.subscriptionFee());
            return single(insert);
        }
    }

    private static long insertInvitation(Connection tx, long playerId, Invitation.Kind kind, String requestId)
            throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO invitations (player_id, kind, request_id) VALUES (?, ?, ?) RETURNING id")) {
            insert.setLong(1, playerId);
            insert.setString(2, kind.name().toLowerCase(Locale.ROOT));
            insert.setString(3, requestId);
            return single(insert);
        }
    }

    private static Optional<Invitation> find(Connection tx, long parentId, InvitationRequest request)
            throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("""
                SELECT i.id, i.kind, p.id, p.registration_status, p.first_name, p.last_name,
                       p.membership_fee_amount, p.subscription_fee_amount,
                       pa.phone_e164, pa.first_name, pa.last_name,
                       p.club_name, p.team_name, p.age_group, p.season, p.manager_full_name, p.manager_tel
                FROM players p
                JOIN invitations i ON i.player_id = p.id
                JOIN parents pa ON pa.id = p.parent_id
                WHERE p.parent_id = ? AND lower(p.first_name) = lower(?) AND lower(p.last_name) = lower(?)
                  AND p.season = ?""")) {
            select.setLong(1, parentId);
            select.setString(2, request.playerFirstName());
            select.setString(3, request.playerLastName());
            select.setString(4, request.season());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Invitation(
                        row.getLong(1),
                        row.getLong(3),
                        Invitation.Kind.valueOf(row.getString(2).toUpperCase(Locale.ROOT)),
                        row.getString(4),
                        new Invitation.Player(row.getString(5), row.getString(6), row.getBigDecimal(7),
                                row.getBigDecimal(8)),
                        new Invitation.Parent(row.getString(9), row.getString(10), row.getString(11)),
                        new Invitation.Team(row.getString(12), row.getString(13), row.getString(14),
                                row.getString(15), row.getString(16), row.getString(17))));
            }
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
