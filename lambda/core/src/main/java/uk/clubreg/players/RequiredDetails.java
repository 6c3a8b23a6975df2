package uk.clubreg.players;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The details a registration needs before it can be completed, in the order the conversation asks for them.
 * Medical notes are required as an answer ("none" is one), so the club knows the question was asked.
 */
public final class RequiredDetails {

    public enum Detail {
        DATE_OF_BIRTH, MEDICAL_NOTES, EMERGENCY_CONTACT_NAME, EMERGENCY_CONTACT_TEL, PHOTO_CONSENT, KIT_SIZE,
        /** Only when the club requires it (PLAYER_PHOTO_REQUIRED): a head-and-shoulders photo, sent in the chat. */
        PLAYER_PHOTO;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private RequiredDetails() {}

    /** Every required detail's name, in the order the guided dialogue asks for them; the photo only if required. */
    public static List<String> names(boolean photoRequired) {
        return Arrays.stream(Detail.values()).filter(d -> photoRequired || d != Detail.PLAYER_PHOTO)
                .map(Detail::wireName).toList();
    }

    /** The details still missing for this player; the returning-player answer counts as one too. */
    public static List<String> missing(Player player) {
        return missing(player, player.returningPlayer());
    }

    /** As {@link #missing(Player)}, with the returning-player answer about to be recorded. */
    public static List<String> missing(Player player, Boolean returningPlayer) {
        List<String> missing = new ArrayList<>();
        if (returningPlayer == null) {
            missing.add("is_returning_player");
        }
        missingDetails(player).forEach(d -> missing.add(d.wireName()));
        return missing;
    }

    public static List<Detail> missingDetails(Player player) {
        List<Detail> missing = new ArrayList<>();
        if (isBlank(player.dateOfBirth())) missing.add(Detail.DATE_OF_BIRTH);
        if (isBlank(player.medicalNotes())) missing.add(Detail.MEDICAL_NOTES);
        if (isBlank(player.emergencyContactName())) missing.add(Detail.EMERGENCY_CONTACT_NAME);
        if (isBlank(player.emergencyContactTel())) missing.add(Detail.EMERGENCY_CONTACT_TEL);
        if (isBlank(player.photoConsent())) missing.add(Detail.PHOTO_CONSENT);
        if (isBlank(player.kitSize())) missing.add(Detail.KIT_SIZE);
        if (player.photoRequired() && player.photoReceivedAt() == null) missing.add(Detail.PLAYER_PHOTO);
        return missing;
    }

    /** Not given: null or blank text. A refused photo consent (false) is an answer, not a gap. */
    private static boolean isBlank(Object value) {
        return value == null || (value instanceof String text && text.isBlank());
    }
}
