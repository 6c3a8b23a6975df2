package uk.clubreg.assistant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import uk.clubreg.conversations.Conversation;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.jobs.Job;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.LastSeason;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.Stage;

/**
 * What the assistant can do to a registration, shared by the AI's tools and the guided dialogue. Every action is
 * scoped to one conversation: a player id that is not one of this parent's players there is refused, whatever the
 * model or the parent asked. Refusals and invalid input come back as {@link ToolResult} errors, and nothing is
 * half-written. Notices to the club's people are jobs written with the change that causes them. Results that
 * succeed are short: what is still missing reaches the model in the instructions, rebuilt after every tool call
 * (docs/decisions/0017-a-lean-prompt.md).
 */
public final class RegistrationActions {

    public record StatusChange(long playerId, RegistrationStatus status, Boolean returningPlayer, String notes) {}

    public record DetailsUpdate(long playerId, String dateOfBirth, String medicalNotes, String emergencyContactName,
                                String emergencyContactTel, Boolean photoConsent, String kitSize) {}

    private final Transactions transactions;
    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final PlayerDetails details;
    private final BooleanSupplier notifyManagerOnComplete;
    private final String consentWordingVersion;
    private final Clock clock;

    /** @param consentWordingVersion recorded with each photo consent (docs/decisions/0095-consent-records.md) */
    public RegistrationActions(Transactions transactions, PlayerRepository players,
                               ConversationRepository conversations, Outbox outbox, OutboxRelay relay,
                               PlayerDetails details, BooleanSupplier notifyManagerOnComplete,
                               String consentWordingVersion, Clock clock) {
        this.transactions = transactions;
        this.players = players;
        this.conversations = conversations;
        this.outbox = outbox;
        this.relay = relay;
        this.details = details;
        this.notifyManagerOnComplete = notifyManagerOnComplete;
        this.consentWordingVersion = consentWordingVersion;
        this.clock = clock;
    }

    public ToolResult updateRegistrationStatus(long conversationId, StatusChange change) {
        List<Outbox.Pending> notices = new ArrayList<>();
        ToolResult result = transactions.inTransaction(() -> {
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
            if (change.status() == RegistrationStatus.COMPLETED && player.status() != RegistrationStatus.COMPLETED
                    && notifyManagerOnComplete.getAsBoolean()) {
                outbox.add(new Job.CompletionNotice(parentPhone(conversationId), player.id())).ifPresent(notices::add);
            }
            return ToolResult.done(player.firstName() + " is now " + change.status().wireName());
        });
        notices.forEach(relay::publish);
        return result;
    }

    /** @param messageId the parent's message the details came from: a photo consent is recorded with it */
    public ToolResult recordPlayerDetails(long conversationId, long messageId, DetailsUpdate update) {
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
            if (update.photoConsent() != null) {
                players.recordPhotoConsent(player.id(), update.photoConsent(),
                        new PlayerRepository.ConsentEvidence(consentWordingVersion, messageId));
            }
            return ToolResult.done("recorded for " + player.firstName());
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
     * A returning player's details from last season are kept, except the ones the parent says have changed, which
     * are asked again with medical notes and photo consent (always asked afresh). The registration is confirmed.
     */
    public ToolResult carryOverLastSeason(long conversationId, long playerId, Set<LastSeason.Detail> changed) {
        return transactions.inTransaction(() -> {
            Optional<Player> found = players.inConversationForUpdate(conversationId, playerId);
            if (found.isEmpty()) {
                return notThisParentsPlayer(playerId);
            }
            Player player = found.get();
            if (player.previousPlayerId() == null) {
                return ToolResult.refused(player.firstName() + " has no registration from an earlier season; ask "
                        + "whether they played for the club last season instead");
            }
            if (!player.unfinished()) {
                return ToolResult.refused(player.firstName() + "'s registration is " + player.stage().wireName());
            }
            players.carryOverLastSeason(player.id(), changed);
            String kept = Arrays.stream(LastSeason.Detail.values()).filter(d -> !changed.contains(d))
                    .map(LastSeason.Detail::wireName).collect(Collectors.joining(", "));
            return ToolResult.done(player.firstName() + " is confirmed as a returning player; kept from last "
                    + "season: " + (kept.isEmpty() ? "nothing" : kept));
        });
    }

    /**
     * Flags the conversation for a person (the assistant stays silent until released) and queues the notice to the
     * players' team managers, or the club admins when no manager has a phone. Asking twice is one request.
     */
    /**
     * The language the parent chose, confirmed or (in AI mode) wrote in: one of {@code offered} (LANGUAGES), kept for
     * the parent from then on (docs/decisions/0110-a-parent-s-language.md).
     */
    public ToolResult setLanguage(long conversationId, String language, List<String> offered) {
        if (language == null || !offered.contains(language)) {
            return ToolResult.refused("language must be one of " + String.join(", ", offered));
        }
        conversations.setParentLanguage(conversationId, language);
        return ToolResult.done("from now on write to this parent in " + language);
    }

    public ToolResult requestHumanHelp(long conversationId, String reason) {
        Instant now = clock.instant();
        String trimmedReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        Optional<Outbox.Pending> notice = transactions.inTransaction(() ->
                conversations.requestHumanHelp(conversationId, now, trimmedReason)
                        ? outbox.add(new Job.HandOffNotice(parentPhone(conversationId), conversationId,
                                now.toEpochMilli(), false))
                        : Optional.empty());
        if (notice.isEmpty()) {
            return ToolResult.done("a person was already asked to help; tell the parent a person will be in touch");
        }
        relay.publish(notice.get());
        boolean managerPhone = players.inConversation(conversationId).stream().anyMatch(p -> p.managerTel() != null);
        return ToolResult.done(managerPhone
                ? "the team manager is being told; tell the parent the team manager will be in touch soon"
                : "no team manager phone is on record, so the club is being told; tell the parent a person from "
                        + "the club will be in touch soon");
    }

    private String parentPhone(long conversationId) {
        return conversations.find(conversationId).map(Conversation::parent).orElseThrow().phone();
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
