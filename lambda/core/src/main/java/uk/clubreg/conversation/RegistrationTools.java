package uk.clubreg.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
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
import uk.clubreg.json.Json;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.persistence.Database;

/**
 * The assistant's tools as services, shared by the AI and the guided dialogue. Every call is scoped to one
 * conversation: a player id that is not one of this parent's players there is refused, whatever the model or the
 * parent asked. Refusals and invalid input come back as {@link ToolResult} errors, and nothing is half-written.
 */
public final class RegistrationTools {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationTools.class);

    public record StatusChange(long playerId, RegistrationStatus status, Boolean returningPlayer, String notes) {}

    public record DetailsUpdate(long playerId, String dateOfBirth, String medicalNotes, String emergencyContactName,
                                String emergencyContactTel, Boolean photoConsent, String kitSize) {}

    private final Database database;
    private final WhatsAppReplies replies;
    private final PlayerDetails details;
    private final String clubName;
    private final Clock clock;

    public RegistrationTools(Database database, WhatsAppReplies replies, PlayerDetails details, String clubName,
                             Clock clock) {
        this.database = database;
        this.replies = replies;
        this.details = details;
        this.clubName = clubName;
        this.clock = clock;
    }

    /** A tool call as the model made it: a name and JSON arguments, possibly malformed. */
    public ToolResult call(long conversationId, String name, String argumentsJson) {
        JsonNode arguments = parse(argumentsJson);
        if (!arguments.isObject()) {
            return logged(conversationId, name, ToolResult.refused("the arguments were not a JSON object; call "
                    + name + " again with valid JSON arguments"));
        }
        ToolResult result = switch (name) {
            case ToolDefinitions.UPDATE_REGISTRATION_STATUS -> statusChange(arguments)
                    .map(change -> updateRegistrationStatus(conversationId, change))
                    .orElseGet(() -> ToolResult.refused(
                            "player_id must be a player id from the Players list, and status one of pending, "
                                    + "confirmed, declined, completed"));
            case ToolDefinitions.RECORD_PLAYER_DETAILS -> playerId(arguments)
                    .map(id -> recordPlayerDetails(conversationId, new DetailsUpdate(id,
                            text(arguments, "date_of_birth"), text(arguments, "medical_notes"),
                            text(arguments, "emergency_contact_name"), text(arguments, "emergency_contact_tel"),
                            bool(arguments, "photo_consent"), text(arguments, "kit_size"))))
                    .orElseGet(() -> ToolResult.refused("player_id must be a player id from the Players list"));
            case ToolDefinitions.REQUEST_HUMAN_HELP -> requestHumanHelp(conversationId,
                    Optional.ofNullable(text(arguments, "reason")).orElse("The assistant asked for a person"));
            default -> ToolResult.refused("there is no tool called " + name);
        };
        return logged(conversationId, name, result);
    }

    public ToolResult updateRegistrationStatus(long conversationId, StatusChange change) {
        return database.inTransaction(tx -> {
            Optional<Player> found = scopedPlayer(tx, conversationId, change.playerId());
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
            List<String> missing = missing(player, returning);
            if (change.status() == RegistrationStatus.COMPLETED && !missing.isEmpty()) {
                return ToolResult.refused("cannot complete " + player.firstName() + "'s registration yet: missing "
                        + String.join(", ", missing));
            }
            Stage stage = Stage.of(change.status(), returning);
            try (PreparedStatement update = tx.prepareStatement("""
                    UPDATE players SET registration_status = ?, stage = ?, is_returning_player = ?,
                        registration_notes = COALESCE(?, registration_notes), updated_at = now()
                    WHERE id = ?""")) {
                update.setString(1, change.status().wireName());
                update.setString(2, stage.wireName());
                update.setObject(3, returning, Types.BOOLEAN);
                update.setString(4, change.notes());
                update.setLong(5, player.id());
                update.executeUpdate();
            }
            return ToolResult.done(player.firstName() + " is now " + change.status().wireName() + " (stage "
                    + stage.wireName() + ")" + stillMissing(change.status(), missing));
        });
    }

    public ToolResult recordPlayerDetails(long conversationId, DetailsUpdate update) {
        return database.inTransaction(tx -> {
            Optional<Player> found = scopedPlayer(tx, conversationId, update.playerId());
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
            try (PreparedStatement write = tx.prepareStatement("""
                    UPDATE players SET date_of_birth = COALESCE(?, date_of_birth),
                        medical_notes = COALESCE(?, medical_notes),
                        emergency_contact_name = COALESCE(?, emergency_contact_name),
                        emergency_contact_tel = COALESCE(?, emergency_contact_tel),
                        photo_consent = COALESCE(?, photo_consent), kit_size = COALESCE(?, kit_size),
                        updated_at = now()
                    WHERE id = ?""")) {
                write.setObject(1, dob, Types.DATE);
                write.setString(2, medical);
                write.setString(3, contactName);
                write.setString(4, contactTel);
                write.setObject(5, update.photoConsent(), Types.BOOLEAN);
                write.setString(6, kit);
                write.setLong(7, player.id());
                write.executeUpdate();
            }
            Player after = scopedPlayer(tx, conversationId, player.id()).orElseThrow();
            List<String> missing = missing(after, after.returningPlayer());
            return ToolResult.done("recorded for " + player.firstName()
                    + (missing.isEmpty() ? "; every required detail is recorded" : "; still missing: "
                    + String.join(", ", missing)));
        });
    }

    /**
     * Seed Phase 4's "start again": the player's answers so far are cleared and the registration goes back to the
     * returning-player question. Completed and declined registrations are left as they are.
     */
    public ToolResult startAgain(long conversationId, long playerId) {
        return database.inTransaction(tx -> {
            Optional<Player> found = scopedPlayer(tx, conversationId, playerId);
            if (found.isEmpty()) {
                return notThisParentsPlayer(playerId);
            }
            if (!found.get().stage().inProgress()) {
                return ToolResult.refused(found.get().firstName() + "'s registration is "
                        + found.get().stage().wireName());
            }
            try (PreparedStatement reset = tx.prepareStatement("""
                    UPDATE players SET registration_status = 'confirmed', stage = 'returning_player_check',
                        is_returning_player = NULL, date_of_birth = NULL, medical_notes = NULL,
                        emergency_contact_name = NULL, emergency_contact_tel = NULL, photo_consent = NULL,
                        kit_size = NULL, updated_at = now()
                    WHERE id = ?""")) {
                reset.setLong(1, playerId);
                reset.executeUpdate();
            }
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
        Optional<String> notice = database.inTransaction(tx -> {
            try (PreparedStatement flag = tx.prepareStatement("""
                    UPDATE conversations SET human_help_requested_at = ?, human_help_reason = ?, updated_at = now()
                    WHERE id = ? AND human_help_requested_at IS NULL""")) {
                flag.setTimestamp(1, Timestamp.from(now));
                flag.setString(2, trimmedReason);
                flag.setLong(3, conversationId);
                if (flag.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(managerNotice(tx, conversationId, trimmedReason));
        });
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

    private String managerNotice(Connection tx, long conversationId, String reason) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("""
                SELECT pa.first_name, pa.last_name, pa.phone_e164 FROM conversations c
                JOIN parents pa ON pa.id = c.parent_id WHERE c.id = ?""")) {
            select.setLong(1, conversationId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                String parent = (nullToEmpty(row.getString(1)) + " " + nullToEmpty(row.getString(2))).trim();
                String children = ConversationRepository.players(tx, conversationId).stream()
                        .map(p -> p.firstName() + " " + p.lastName()).collect(Collectors.joining(", "));
                return clubName + " registration: " + (parent.isEmpty() ? "a parent" : parent) + " ("
                        + row.getString(3) + ") asked for a person about " + children + ". Reason: " + reason
                        + ". The assistant is paused in this conversation until it is released.";
            }
        }
    }

    private Set<String> managerPhones(long conversationId) {
        Set<String> phones = new LinkedHashSet<>();
        for (Player player : database.withConnection(c -> ConversationRepository.players(c, conversationId))) {
            if (player.managerTel() != null) {
                PlayerDetails.Checked<String> phone = details.phone(player.managerTel());
                if (phone.ok()) {
                    phones.add(phone.value());
                }
            }
        }
        return phones;
    }

    private static Optional<Player> scopedPlayer(Connection tx, long conversationId, long playerId)
            throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT " + Player.COLUMNS + " " + """
                 FROM players p JOIN conversations c ON c.id = p.conversation_id AND c.parent_id = p.parent_id
                 WHERE c.id = ? AND p.id = ? FOR UPDATE OF p""")) {
            select.setLong(1, conversationId);
            select.setLong(2, playerId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Player.from(row)) : Optional.empty();
            }
        }
    }

    private static List<String> missing(Player player, Boolean returning) {
        List<String> missing = new ArrayList<>();
        if (returning == null) {
            missing.add("is_returning_player");
        }
        RequiredDetails.missingDetails(player).forEach(d -> missing.add(d.wireName()));
        return missing;
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

    private ToolResult logged(long conversationId, String tool, ToolResult result) {
        LOG.atInfo().addKeyValue("conversation_id", conversationId).addKeyValue("tool", tool)
                .addKeyValue("ok", result.ok()).log("Tool call");
        return result;
    }

    private static JsonNode parse(String argumentsJson) {
        try {
            return Json.read(argumentsJson == null ? "" : argumentsJson);
        } catch (IllegalArgumentException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static Optional<StatusChange> statusChange(JsonNode arguments) {
        Optional<Long> id = playerId(arguments);
        Optional<RegistrationStatus> status = RegistrationStatus.fromWireName(arguments.path("status").asText(""));
        if (id.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StatusChange(id.get(), status.get(), bool(arguments, "is_returning_player"),
                text(arguments, "notes")));
    }

    private static Optional<Long> playerId(JsonNode arguments) {
        JsonNode id = arguments.path("player_id");
        if (id.isIntegralNumber()) {
            return Optional.of(id.asLong());
        }
        if (id.isTextual() && id.asText().trim().matches("\\d{1,18}")) {
            return Optional.of(Long.parseLong(id.asText().trim()));
        }
        return Optional.empty();
    }

    private static String text(JsonNode arguments, String field) {
        JsonNode value = arguments.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static Boolean bool(JsonNode arguments, String field) {
        JsonNode value = arguments.path(field);
        return value.isBoolean() ? value.asBoolean() : null;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
