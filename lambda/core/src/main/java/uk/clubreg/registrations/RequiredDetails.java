package uk.clubreg.registrations;

import java.util.List;
import java.util.Map;

/**
 * The details a registration needs before it counts as completed; the one definition shared by the managers' view
 * and the conversation that collects them (docs/decisions/0013-required-registration-details.md). Each name is
 * a column of {@code players}. A detail is missing while its value is null or blank: a parent who says there is
 * nothing medical to know is recorded as "none", not left empty.
 */
public final class RequiredDetails {

    public static final List<String> NAMES = List.of(
            "date_of_birth",
            "medical_notes",
            "emergency_contact_name",
            "emergency_contact_tel",
            "photo_consent",
            "kit_size");

    private RequiredDetails() {}

    /** The required details that {@code values} (column name to value) lacks, in {@link #NAMES} order. */
    public static List<String> missing(Map<String, ?> values) {
        return NAMES.stream().filter(name -> isBlank(values.get(name))).toList();
    }

    private static boolean isBlank(Object value) {
        return value == null || (value instanceof String text && text.isBlank());
    }
}
