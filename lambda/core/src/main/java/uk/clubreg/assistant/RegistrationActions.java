package uk.clubreg.assistant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.Conversation;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.Stage;

/**
 * What the assistant can do to a registration, shared by the AI's tools and the guided dialogue. Every action is
 * scoped to one conversation: a player id that is not one of this parent's players there is refused, whatever the
 * model or the parent asked. Refusals and invalid input come back as {@link ToolResult} errors, and nothing is
 * half-written.
 */
public final class RegistrationActions {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationActions.class);

    public record StatusChange(long playerId, RegistrationStatus status, Boolean returningPlayer, String notes) {}

    public record DetailsUpdate(long playerId, String dateOfBirth, String medicalNotes, String emergencyContactName,
                                String emergencyContactTel, Boolean photoConsent, String kitSize) {}

    private final Transactions transactions;
    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final WhatsAppReplies replies;
    private final PlayerDetails details;
    private final String clubName;
    private final Clock clock;

    public RegistrationActions(Transactions transactions, PlayerRepository players,
                               ConversationRepository conversations, WhatsAppReplies replies, PlayerDetails details,
                               String clubName, Clock clock) {
        this.transactions = transactions;
        this.players = players;
        this.conversations = conversations;
        this.replies = replies;
        this.details = details;
        this.clubName = clubName;
        this.clock = clock;
    }

    public ToolResult updateRegistrationStatus(long conversationId, StatusChange change) {
        return transactions.inTransaction(() -> {
            Optional<Player> found = players.inConversationForUpdate(conversationId, change.playerId());
            if (found.isEmpty()) {
                return notThisParentsPlayer(change.playerId());
            }
            Player player = found.get();
            if (player.stage() == Stage.ARCHIVED) {
                return ToolResult.refused(player.firstName() + "'s registration is archived and cannot change");
            }
            Optional<String> refusal = player.status().refusalToMoveTo(change.status());
            if (refusal.isPresent()) {
                return ToolResult.refused(refusal.get());
            }
            Boolean returning = change.returningPlayer() != null ? change.returningPlayer() : player.returningPlayer();
            List<String> missing = RequiredDetails.missing(player, returning);
            if (change.status() == RegistrationStatus.COMPLETED && !missing.isEmpty()) {
                return ToolResult.refused("cannot complete " + player.firstName() + "'s registration yet: missing "
                        + String.join(", ", missing));
            }
            Stage stage = Stage.of(change.status(), returning);
            players.updateStatus(player.id(), change.status(), stage, returning, change.notes());
            return ToolResult.done(player.firstName() + " is now " + change.status().wireName() + " (stage "
                    + stage.wireName() + ")" + stillMissing(change.status(), missing));
        });
    }

    public ToolResult recordPlayerDetails(long conversationId, DetailsUpdate update) {
        return transactions.inTransaction(() -> {
            Optional<Player> found = players.inConversationForUpdate(conversationId, update.playerId());
            if (found.isEmpty()) {
                return notThisParentsPlayer(update.playerId());
            }
            Player player = found.get();
            if (player.stage() == Stage.ARCHIVED || player.status() == RegistrationStatus.DECLINED) {
                return ToolResult.refused(player.firstName() + "'s registration is " + player.stage().wireName()
                        + "; confirm it with update_registration_status before recording details");
            }
            List<String> errors = new ArrayList<>();
            LocalDate dob = checked(update.dateOfBirth() == null ? null
                    : details.dateOfBirth(update.dateOfBirth(), player, LocalDate.now(clock)), "date_of_birth", errors);
            String medical = checked(update.medicalNotes() == null ? null
                    : details.text(update.medicalNotes(), "medical_notes", 1000), "medical_notes", errors);
            String contactName = checked(update.emergencyContactName() == null ? null
                    : details.text(update.emergencyContactName(), "emergency_contact_name", 100),
                    "emergency_contact_name", errors);
            String contactTel = checked(update.emergencyContactTel() == null ? null
                    : details.phone(update.emergencyContactTel()), "emergency_contact_tel", errors);
            String kit = checked(update.kitSize() == null ? null : details.kitSize(update.kitSize()), "kit_size", errors);
            if (!errors.isEmpty()) {
                return ToolResult.refused("nothing was recorded: " + String.join("; ", errors));
            }
            players.recordDetails(player.id(), new PlayerRepository.Details(dob, medical, contactName, contactTel,
                    update.photoConsent(), kit));
            Player after = players.inConversationForUpdate(conversationId, player.id()).orElseThrow();
            List<String> missing = RequiredDetails.missing(after);
            return ToolResult.done("recorded for " + player.firstName()
                    + (missing.isEmpty() ? "; every required detail is recorded" : "; still missing: "
                    + String.join(", ", missing)));
        });
    }

    /**
     * "Start again" after a re-invitation: the player's answers so far are cleared and the registration goes back
     * to the returning-player question. Completed and declined registrations are left as they are.
     */
    public ToolResult startAgain(long conversationId, long playerId) {
        return transactions.inTransaction(() -> {
            Optional<Player> found = players.inConversationForUpdate(conversationId, playerId);
            if (found.isEmpty()) {
                return notThisParentsPlayer(playerId);
            }
            if (!found.get().stage().inProgress()) {
                return ToolResult.refused(found.get().firstName() + "'s registration is "
                        + found.get().stage().wireName());
            }
            players.startAgain(playerId);
            return ToolResult.done(found.get().firstName() + "'s registration starts again");
        });
    }

    /**
     * Flags the conversation for the team manager (the assistant stays silent until released) and tells the
     * players' managers on WhatsApp. Asking twice is one request.
     */
    public ToolResult requestHumanHelp(long conversationId, String reason) {
        Instant now = clock.instant();
        String trimmedReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        Optional<String> notice = transactions.inTransaction(() -> conversations.requestHumanHelp(conversationId,
                now, trimmedReason) ? Optional.of(managerNotice(conversationId, trimmedReason)) : Optional.empty());
        if (notice.isEmpty()) {
            return ToolResult.done("a team manager was already asked to help; tell the parent a person will be in touch");
        }
        Set<String> managers = managerPhones(conversationId);
        for (String manager : managers) {
            try {
                replies.notifyManager(manager, "help:" + conversationId + ":" + now.toEpochMilli() + ":" + manager,
                        notice.get());
            } catch (RuntimeException e) {
                // The flag is set and the parent is told; a failed notice must not undo the hand-over.
                LOG.atWarn().setCause(e).addKeyValue("conversation_id", conversationId)
                        .log("Manager notification failed");
            }
        }
        return ToolResult.done(managers.isEmpty()
                ? "the conversation is flagged for the club (no manager phone is on record); tell the parent a "
                        + "person from the club will be in touch"
                : "the team manager has been told; tell the parent a person will be in touch soon");
    }

    private String managerNotice(long conversationId, String reason) {
        Conversation conversation = conversations.find(conversationId).orElseThrow();
        String parent = conversation.parent().fullName();
        String children = players.inConversation(conversationId).stream()
                .map(p -> p.firstName() + " " + p.lastName()).collect(Collectors.joining(", "));
        return clubName + " registration: " + (parent.isEmpty() ? "a parent" : parent) + " ("
                + conversation.parent().phone() + ") asked for a person about " + children + ". Reason: " + reason
                + ". The assistant is paused in this conversation until it is released.";
    }

    private Set<String> managerPhones(long conversationId) {
        Set<String> phones = new LinkedHashSet<>();
        for (Player player : players.inConversation(conversationId)) {
            if (player.managerTel() != null) {
                PlayerDetails.Checked<String> phone = details.phone(player.managerTel());
                if (phone.ok()) {
                    phones.add(phone.value());
                }
            }
        }
        return phones;
    }

    private static String stillMissing(RegistrationStatus status, List<String> missing) {
        if (status == RegistrationStatus.DECLINED || status == RegistrationStatus.COMPLETED || missing.isEmpty()) {
            return "";
        }
        return "; still missing: " + String.join(", ", missing);
    }

    private static ToolResult notThisParentsPlayer(long playerId) {
        return ToolResult.refused("player " + playerId + " is not one of this parent's players; only the ids in "
                + "the Players list can be used, and other families' registrations are never changed");
    }

    private static <T> T checked(PlayerDetails.Checked<T> checked, String field, List<String> errors) {
        if (checked == null) {
            return null;
        }
        if (!checked.ok()) {
            errors.add(field + ": " + checked.error());
        }
        return checked.value();
    }
}
