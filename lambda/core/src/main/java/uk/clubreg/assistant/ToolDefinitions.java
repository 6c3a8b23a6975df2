package uk.clubreg.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Arrays;
import uk.clubreg.json.Json;
import uk.clubreg.players.LastSeason;
import uk.clubreg.players.RegistrationStatus;

/**
 * The assistant's tools as strict JSON schemas: every property is required and optional ones accept null, as
 * OpenAI's strict function calling demands. Provider-neutral: the OpenAI adapter wraps them.
 */
public final class ToolDefinitions {

    public record Definition(String name, String description, ObjectNode parameters) {}

    public static final String UPDATE_REGISTRATION_STATUS = "update_registration_status";
    public static final String RECORD_PLAYER_DETAILS = "record_player_details";
    public static final String REQUEST_HUMAN_HELP = "request_human_help";
    public static final String CONFIRM_LAST_SEASON_DETAILS = "confirm_last_season_details";

    private ToolDefinitions() {}

    public static List<Definition> all(List<String> kitSizes) {
        return List.of(
                new Definition(UPDATE_REGISTRATION_STATUS,
                        "Update the registration status of one of this parent's players. 'completed' needs every "
                                + "required detail recorded first.",
                        object()
                                .property("player_id", type("string"), "The player's id, from the Players list")
                                .property("status", enumOf(RegistrationStatus.WIRE_NAMES, false),
                                        "The new registration status")
                                .property("is_returning_player", type("boolean", "null"),
                                        "Whether the player was registered last season; null if not known")
                                .property("notes", type("string", "null"), "Optional notes about the change")
                                .build()),
                new Definition(RECORD_PLAYER_DETAILS,
                        "Record details the parent gave for one of their players. Pass null for details not given. "
                                + "Invalid values are refused with a reason: ask the parent again.",
                        object()
                                .property("player_id", type("string"), "The player's id, from the Players list")
                                .property("date_of_birth", type("string", "null"), "Date of birth, YYYY-MM-DD")
                                .property("medical_notes", type("string", "null"),
                                        "Medical conditions or allergies; 'None' when the parent says there are none")
                                .property("emergency_contact_name", type("string", "null"), "Emergency contact's name")
                                .property("emergency_contact_tel", type("string", "null"), "Emergency contact's phone number")
                                .property("photo_consent", type("boolean", "null"),
                                        "Whether the parent consents to club photos of the player")
                                .property("kit_size", enumOf(kitSizes, true), "Kit size")
                                .build()),
                new Definition(CONFIRM_LAST_SEASON_DETAILS,
                        "Returning player with last_season: confirms and keeps last season's details except "
                                + "changed_details, which stay missing.",
                        object()
                                .property("player_id", type("string"), "The player's id, from the Players list")
                                .property("changed_details", arrayOf(Arrays.stream(LastSeason.Detail.values())
                                                .map(LastSeason.Detail::wireName).toList()),
                                        "Details no longer right; empty if all are")
                                .build()),
                new Definition(REQUEST_HUMAN_HELP,
                        "Hand the conversation to the team manager: the parent asks for a person, is unhappy, or "
                                + "asks something you cannot answer. You will not answer this parent again until a "
                                + "manager releases the conversation.",
                        object().property("reason", type("string"), "Why a person is needed, in one sentence").build()));
    }

    /**
     * The tools offered for a conversation: confirm_last_season_details only where a player has a registration from
     * an earlier season. The choice holds for the whole conversation, so its requests keep one cacheable prefix.
     */
    public static List<Definition> offered(List<Definition> all, boolean returningPlayers) {
        return returningPlayers ? all
                : all.stream().filter(tool -> !tool.name().equals(CONFIRM_LAST_SEASON_DETAILS)).toList();
    }

    private static final class SchemaBuilder {
        private final ObjectNode schema = Json.MAPPER.createObjectNode();
        private final ObjectNode properties = schema.putObject("properties");
        private final ArrayNode required = Json.MAPPER.createArrayNode();

        SchemaBuilder property(String name, ObjectNode type, String description) {
            properties.set(name, type.put("description", description));
            required.add(name);
            return this;
        }

        ObjectNode build() {
            schema.put("type", "object");
            schema.set("required", required);
            schema.put("additionalProperties", false);
            return schema;
        }
    }

    private static SchemaBuilder object() {
        return new SchemaBuilder();
    }

    private static ObjectNode type(String... types) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (types.length == 1) {
            node.put("type", types[0]);
        } else {
            ArrayNode array = node.putArray("type");
            for (String type : types) {
                array.add(type);
            }
        }
        return node;
    }

    private static ObjectNode arrayOf(List<String> values) {
        ObjectNode node = type("array");
        node.set("items", enumOf(values, false));
        return node;
    }

    private static ObjectNode enumOf(List<String> values, boolean nullable) {
        ObjectNode node = nullable ? type("string", "null") : type("string");
        ArrayNode array = node.putArray("enum");
        values.forEach(array::add);
        if (nullable) {
            array.addNull();
        }
        return node;
    }
}
