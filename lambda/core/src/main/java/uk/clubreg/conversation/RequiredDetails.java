package uk.clubreg.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * The details a registration needs before it can be completed, in the order the conversation asks for them.
 * Medical notes are required as an answer ("none" is one), so the club knows the question was asked.
 */
public final class RequiredDetails {

    public enum Detail {
        DATE_OF_BIRTH, MEDICAL_NOTES, EMERGENCY_CONTACT_NAME, EMERGENCY_CONTACT_TEL, PHOTO_CONSENT, KIT_SIZE;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    private RequiredDetails() {}

    /** The details still missing for this player; the returning-player answer counts as one too. */
    public static List<String> missing(Player player) {
        List<String> missing = new ArrayList<>();
        if (player.returningPlayer() == null) {
            missing.add("is_returning_player");
        }
        missingDetails(player).forEach(d -> missing.add(d.wireName()));
        return missing;
    }

    public static List<Detail> missingDetails(Player player) {
        List<Detail> missing = new ArrayList<>();
        if (player.dateOfBirth() == null) missing.add(Detail.DATE_OF_BIRTH);
        if (player.medicalNotes() == null) missing.add(Detail.MEDICAL_NOTES);
        if (player.emergencyContactName() == null) missing.add(Detail.EMERGENCY_CONTACT_NAME);
        if (player.emergencyContactTel() == null) missing.add(Detail.EMERGENCY_CONTACT_TEL);
        if (player.photoConsent() == null) missing.add(Detail.PHOTO_CONSENT);
        if (player.kitSize() == null) missing.add(Detail.KIT_SIZE);
        return missing;
    }
}
