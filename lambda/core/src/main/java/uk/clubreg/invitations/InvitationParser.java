package uk.clubreg.invitations;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import uk.clubreg.phone.PhoneNumbers;

/**
 * Turns one JSON invitation object into an {@link InvitationRequest}, or into per-field error messages.
 * Field names are the API's (README.md); {@code manager_full_name} and {@code current_season} are accepted as older names.
 */
public final class InvitationParser {

    /** The result: either a valid request or the message for every field that is wrong. */
    public sealed interface Parsed {}

    public record Valid(InvitationRequest request) implements Parsed {}

    public record Invalid(Map<String, String> fieldErrors) implements Parsed {}

    public static final String PLAYER_FIRST_NAME = "player_first_name";
    public static final String PLAYER_LAST_NAME = "player_last_name";
    public static final String PARENT_TEL = "parent_tel";
    public static final String PARENT_FIRST_NAME = "parent_first_name";
    public static final String PARENT_LAST_NAME = "parent_last_name";
    public static final String TEAM_NAME = "team_name";
    public static final String AGE_GROUP = "age_group";
    public static final String MANAGER_FULL_NAME = "team_manager_1_full_name";
    public static final String MANAGER_TEL = "team_manager_1_tel";
    public static final String SEASON = "current_registration_season";
    public static final String MEMBERSHIP_FEE = "membership_fee_amount";
    public static final String SUBSCRIPTION_FEE = "subscription_fee_amount";

    private static final Map<String, String> OLDER_NAMES = Map.of(
            "manager_full_name", MANAGER_FULL_NAME,
            "current_season", SEASON);

    // The longest value each text field takes; the columns are no wider (names: 50 characters).
    private static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry(PLAYER_FIRST_NAME, 50), Map.entry(PLAYER_LAST_NAME, 50),
            Map.entry(PARENT_TEL, 30), Map.entry(PARENT_FIRST_NAME, 50), Map.entry(PARENT_LAST_NAME, 50),
            Map.entry(TEAM_NAME, 50), Map.entry(AGE_GROUP, 20), Map.entry(MANAGER_FULL_NAME, 100),
            Map.entry(MANAGER_TEL, 30), Map.entry(SEASON, 20));

    private static final BigDecimal MAX_FEE = new BigDecimal("99999999.99");

    private final InvitationDefaults defaults;

    public InvitationParser(InvitationDefaults defaults) {
        this.defaults = defaults;
    }

    public Parsed parse(JsonNode item) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (item == null || !item.isObject()) {
            errors.put("invitation", "must be a JSON object");
            return new Invalid(errors);
        }
        Map<String, JsonNode> fields = canonicalFields(item, errors);

        String playerFirstName = text(fields, PLAYER_FIRST_NAME, true, errors);
        String playerLastName = text(fields, PLAYER_LAST_NAME, true, errors);
        String parentTel = phone(fields, PARENT_TEL, true, raw -> PhoneNumbers.toE164Mobile(raw, defaults.phoneRegion()),
                "must be a valid mobile number, such as 07700 900123 or +447700900123", errors);
        String parentFirstName = text(fields, PARENT_FIRST_NAME, false, errors);
        String parentLastName = text(fields, PARENT_LAST_NAME, false, errors);
        String teamName = text(fields, TEAM_NAME, false, errors);
        String ageGroup = text(fields, AGE_GROUP, false, errors);
        String managerFullName = text(fields, MANAGER_FULL_NAME, false, errors);
        String managerTel = phone(fields, MANAGER_TEL, false, raw -> PhoneNumbers.toE164(raw, defaults.phoneRegion()),
                "must be a valid phone number", errors);
        String season = text(fields, SEASON, false, errors);
        BigDecimal membershipFee = money(fields, MEMBERSHIP_FEE, errors);
        BigDecimal subscriptionFee = money(fields, SUBSCRIPTION_FEE, errors);

        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new InvitationRequest(playerFirstName, playerLastName, parentTel, parentFirstName,
                parentLastName, teamName != null ? teamName : defaults.teamName(), ageGroup, managerFullName,
                managerTel, season != null ? season : defaults.season(), membershipFee, subscriptionFee));
    }

    /** The item's fields under their current names; unknown names and a field given twice are errors. */
    private static Map<String, JsonNode> canonicalFields(JsonNode item, Map<String, String> errors) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = OLDER_NAMES.getOrDefault(field.getKey(), field.getKey());
            if (!MAX_LENGTH.containsKey(name) && !name.equals(MEMBERSHIP_FEE) && !name.equals(SUBSCRIPTION_FEE)) {
                errors.put(printable(field.getKey()), "is not a field of an invitation");
            } else if (fields.containsKey(name)) {
                errors.put(field.getKey(), "is the same field as " + name + "; give only one of them");
            } else {
                fields.put(name, field.getValue());
            }
        }
        return fields;
    }

    private static String text(Map<String, JsonNode> fields, String name, boolean required, Map<String, String> errors) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                errors.put(name, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.put(name, "must be a string");
            return null;
        }
        String value = node.asText().strip();
        int max = MAX_LENGTH.get(name);
        if (value.codePointCount(0, value.length()) > max) {
            errors.put(name, "must be at most " + max + " characters");
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            errors.put(name, "must not contain control characters");
            return null;
        }
        // Half of a surrogate pair (a JSON escape) is no character, stored as "?"; U+FFFD stands for bytes that
        // were not UTF-8. Neither is what the manager typed.
        if (value.codePoints().anyMatch(point -> point == 0xFFFD
                || Character.getType(point) == Character.SURROGATE)) {
            errors.put(name, "must be UTF-8 text");
            return null;
        }
        return value;
    }

    private static String phone(Map<String, JsonNode> fields, String name, boolean required,
                                Function<String, Optional<String>> normalise, String message,
                                Map<String, String> errors) {
        String raw = text(fields, name, required, errors);
        if (raw == null) {
            return null;
        }
        Optional<String> e164 = normalise.apply(raw);
        if (e164.isEmpty()) {
            errors.put(name, message);
            return null;
        }
        return e164.get();
    }

    /** A fee in pounds: a number or a numeric string, not negative, at most two decimal places. */
    private static BigDecimal money(Map<String, JsonNode> fields, String name, Map<String, String> errors) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return null;
        }
        BigDecimal amount = null;
        if (node.isNumber()) {
            amount = node.decimalValue();
        } else if (node.isTextual() && node.asText().strip().matches("\\d{1,8}(\\.\\d{1,2})?")) {
            amount = new BigDecimal(node.asText().strip());
        }
        if (amount == null || amount.signum() < 0 || amount.compareTo(MAX_FEE) > 0
                || amount.stripTrailingZeros().scale() > 2) {
            errors.put(name, "must be an amount in pounds, such as 40 or \"26.50\"");
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** An unknown field's name is echoed back; it must not turn the error message into an echo chamber. */
    private static String printable(String name) {
        return name.length() <= 50 ? name : name.substring(0, 50) + "…";
    }
}
