package uk.clubreg.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.LastSeason;
import uk.clubreg.players.RegistrationStatus;

/**
 * The tools' JSON contract with the model: a call by name with JSON arguments (possibly malformed) becomes one of
 * the {@link RegistrationActions}; the schemas the model sees are {@link ToolDefinitions}. Each applied call is
 * recorded with the parent's messages it answers, in the write's transaction, so an interrupted turn's retry does not
 * apply it again (docs/decisions/0126-ai-tool-writes-recorded-with-their-messages.md).
 */
public final class ToolCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);

    private static final List<String> SENSITIVE_FIELDS =
            List.of("medical_notes", "emergency_contact_name", "emergency_contact_tel");
    /** Arguments with their keys in order, so the same call digests the same however the model ordered them. */
    private static final ObjectWriter CANONICAL = Json.MAPPER.writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Transactions transactions;
    private final ConversationRepository conversations;
    private final RegistrationActions actions;
    private final SensitiveDetails sensitive;

    public ToolCalls(Transactions transactions, ConversationRepository conversations, RegistrationActions actions,
                     SensitiveDetails sensitive) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.actions = actions;
        this.sensitive = sensitive;
    }

    /**
     * A tool call as the model made it; unknown tools and bad arguments are refused, never thrown. The same call
     * applied already for any of these messages (an earlier, interrupted attempt of the turn) is not applied again.
     *
     * @param messageIds the parent's messages the model is answering, oldest first: the details came from the last
     */
    public ToolResult call(long conversationId, List<Long> messageIds, String name, String argumentsJson) {
        JsonNode arguments = parse(argumentsJson);
        if (!arguments.isObject()) {
            return logged(conversationId, name, ToolResult.refused("the arguments were not a JSON object; call "
                    + name + " again with valid JSON arguments"));
        }
        byte[] digest = digest(name, arguments);
        ToolResult result = transactions.inTransaction(() -> {
            if (conversations.toolWriteApplied(conversationId, messageIds, digest)) {
                LOG.atInfo().addKeyValue("conversation_id", conversationId).addKeyValue("tool", name)
                        .log("Tool call already applied by an interrupted attempt of this turn; not applied again");
                return ToolResult.done("this was already done for these messages; nothing changed");
            }
            ToolResult applied = apply(conversationId, messageIds.getLast(), name, arguments);
            if (applied.ok()) {
                conversations.recordToolWrite(conversationId, messageIds, name, digest);
            }
            return applied;
        });
        return logged(conversationId, name, result);
    }

    private ToolResult apply(long conversationId, long messageId, String name, JsonNode arguments) {
        return switch (name) {
            case ToolDefinitions.UPDATE_REGISTRATION_STATUS -> statusChange(arguments)
                    .map(change -> actions.updateRegistrationStatus(conversationId, change))
                    .orElseGet(() -> ToolResult.refused(
                            "player_id must be a player id from the Players list, and status one of "
                                    + String.join(", ", RegistrationStatus.WIRE_NAMES)));
            case ToolDefinitions.RECORD_PLAYER_DETAILS -> !sensitive.toModel() && SENSITIVE_FIELDS.stream()
                    .anyMatch(field -> text(arguments, field) != null)
                    ? ToolResult.refused("nothing was recorded: medical notes and the emergency contact are asked by "
                            + "the club's own questions, not by you; call again without them")
                    : playerId(arguments)
                    .map(id -> actions.recordPlayerDetails(conversationId, messageId, new RegistrationActions.DetailsUpdate(id,
                            text(arguments, "date_of_birth"), text(arguments, "medical_notes"),
                            text(arguments, "emergency_contact_name"), text(arguments, "emergency_contact_tel"),
                            bool(arguments, "photo_consent"), text(arguments, "kit_size"))))
                    .orElseGet(() -> ToolResult.refused("player_id must be a player id from the Players list"));
            case ToolDefinitions.CONFIRM_LAST_SEASON_DETAILS -> playerId(arguments).flatMap(id -> changedDetails(arguments)
                            .map(changed -> actions.carryOverLastSeason(conversationId, id, changed)))
                    .orElseGet(() -> ToolResult.refused("player_id must be a player id from the Players list, and "
                            + "changed_details a list of " + String.join(", ", ToolDefinitions.lastSeasonDetails(sensitive)
                            .stream().map(LastSeason.Detail::wireName).toList())));
            case ToolDefinitions.REQUEST_HUMAN_HELP -> actions.requestHumanHelp(conversationId,
                    Optional.ofNullable(text(arguments, "reason")).orElse("The assistant asked for a person"));
            default -> ToolResult.refused("there is no tool called " + name);
        };
    }

    private static byte[] digest(String name, JsonNode arguments) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return sha256.digest(CANONICAL.writeValueAsBytes(Json.MAPPER.treeToValue(arguments, Object.class)));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot digest a tool call", e);
        }
    }

    private static ToolResult logged(long conversationId, String tool, ToolResult result) {
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

    private static Optional<RegistrationActions.StatusChange> statusChange(JsonNode arguments) {
        Optional<Long> id = playerId(arguments);
        Optional<RegistrationStatus> status = RegistrationStatus.fromWireName(arguments.path("status").asText(""));
        if (id.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RegistrationActions.StatusChange(id.get(), status.get(),
                bool(arguments, "is_returning_player"), null));
    }

    /**
     * Empty when the list is missing or names something that is not one of last season's details the model may keep.
     * A returning player's emergency contact the model never saw is asked again in the guided step.
     */
    private Optional<Set<LastSeason.Detail>> changedDetails(JsonNode arguments) {
        JsonNode list = arguments.path("changed_details");
        if (!list.isArray()) {
            return Optional.empty();
        }
        Set<LastSeason.Detail> changed = EnumSet.noneOf(LastSeason.Detail.class);
        for (JsonNode item : list) {
            Optional<LastSeason.Detail> detail = LastSeason.Detail.fromWireName(item.asText(""))
                    .filter(ToolDefinitions.lastSeasonDetails(sensitive)::contains);
            if (detail.isEmpty()) {
                return Optional.empty();
            }
            changed.add(detail.get());
        }
        if (!sensitive.toModel()) {
            changed.add(LastSeason.Detail.EMERGENCY_CONTACT);
        }
        return Optional.of(changed);
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
}
