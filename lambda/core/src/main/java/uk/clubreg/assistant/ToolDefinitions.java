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

    /**
     * Descriptions say only what the names and the instructions do not: every request carries these schemas
     * (docs/decisions/0017-a-lean-prompt.md). Unless {@code sensitive} goes to the model, record_player_details takes
     * no medical notes or emergency contact, and a returning player's emergency contact is not the model's to keep
     * (docs/decisions/0094-sensitive-details-in-guided-steps.md).
     */
    public static List<Definition> all(List<String> kitSizes, SensitiveDetails sensitive) {
        SchemaBuilder details = object().property("player_id", type("string"))
                .property("date_of_birth", type("string", "null"), "YYYY-MM-DD");
        if (sensitive.toModel()) {
            details.property("medical_notes", type("string", "null"), "'None' if there are none")
                    .property("emergency_contact_name", type("string", "null"))
                    .property("emergency_contact_tel", type("string", "null"));
        }
        details.property("photo_consent", type("boolean", "null")).property("kit_size", enumOf(kitSizes, true));
        return List.of(
                new Definition(UPDATE_REGISTRATION_STATUS, "Set a player's registration status.",
                        object()
                                .property("player_id", type("string"))
                                .property("status", enumOf(RegistrationStatus.WIRE_NAMES, false))
                                .property("is_returning_player", type("boolean", "null"), "null if not asked")
                                .build()),
                new Definition(RECORD_PLAYER_DETAILS, "Record the details the parent gave; null for the others.",
                        details.build()),
                new Definition(CONFIRM_LAST_SEASON_DETAILS,
                        "Keep a returning player's last_season details, except changed_details, which are asked again.",
                        object()
                                .property("player_id", type("string"))
                                .property("changed_details", arrayOf(lastSeasonDetails(sensitive).stream()
                                        .map(LastSeason.Detail::wireName).toList()))
                                .build()),
                new Definition(REQUEST_HUMAN_HELP,
                        "Hand the conversation to the team manager; you stay silent until they release it.",
                        object().property("reason", type("string")).build()));
    }

    /** Last season's details the model shows the parent and may keep: not the emergency contact unless sensitive. */
    public static List<LastSeason.Detail> lastSeasonDetails(SensitiveDetails sensitive) {
        return Arrays.stream(LastSeason.Detail.values())
                .filter(d -> sensitive.toModel() || d != LastSeason.Detail.EMERGENCY_CONTACT).toList();
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

        SchemaBuilder property(String name, ObjectNode type) {
            properties.set(name, type);
            required.add(name);
            return this;
        }

        SchemaBuilder property(String name, ObjectNode type, String description) {
            return property(name, type.put("description", description));
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
