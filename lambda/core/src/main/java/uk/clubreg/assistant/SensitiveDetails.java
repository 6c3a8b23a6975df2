package uk.clubreg.assistant;

import java.util.List;
import java.util.Locale;
import uk.clubreg.players.Player;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.RequiredDetails.Detail;
import uk.clubreg.players.Stage;

/**
 * Who asks for medical notes and the emergency contact in AI mode (AI_SENSITIVE_DETAILS): {@link #GUIDED}, the
 * default, keeps them from the model, asking them in guided steps once the AI has collected the rest of a child's
 * details (docs/decisions/0094-sensitive-details-in-guided-steps.md); {@link #AI} lets the model ask them.
 */
public enum SensitiveDetails {
    GUIDED, AI;

    public static SensitiveDetails fromSetting(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "guided" -> GUIDED;
            case "ai" -> AI;
            default -> throw new IllegalArgumentException("AI_SENSITIVE_DETAILS must be guided or ai, not " + value);
        };
    }

    public boolean toModel() {
        return this == AI;
    }

    /** Health data and a third party's name and number. */
    public static boolean isSensitive(Detail detail) {
        return detail == Detail.MEDICAL_NOTES || detail == Detail.EMERGENCY_CONTACT_NAME
                || detail == Detail.EMERGENCY_CONTACT_TEL;
    }

    /**
     * The guided step is due: the first registration under way (siblings go in order) has nothing left to ask but
     * sensitive details. The state alone decides, so whatever a parent writes next is read by the guided step.
     */
    public static boolean stepDue(List<Player> players) {
        return players.stream().filter(p -> p.stage().inProgress()).findFirst()
                .filter(p -> p.stage() == Stage.INFO_COLLECTION)
                .map(RequiredDetails::missingDetails)
                .filter(missing -> !missing.isEmpty() && missing.stream().allMatch(SensitiveDetails::isSensitive))
                .isPresent();
    }
}
