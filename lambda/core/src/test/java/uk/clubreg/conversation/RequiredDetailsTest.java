package uk.clubreg.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredDetailsTest {

    @Test
    void aBlankAnswerCountsAsMissing() {
        Map<String, Object> values = new HashMap<>();
        values.put("date_of_birth", LocalDate.of(2015, 4, 1));
        values.put("medical_notes", "  ");
        values.put("emergency_contact_name", "Alex Taylor");
        values.put("emergency_contact_tel", "+447700900123");
        values.put("photo_consent", false);
        values.put("kit_size", "YM");

        assertThat(RequiredDetails.missing(values)).containsExactly("medical_notes");
    }

    @Test
    void refusedPhotoConsentIsAnAnswerNotAGap() {
        Map<String, Object> values = new HashMap<>();
        values.put("photo_consent", false);

        assertThat(RequiredDetails.missing(values)).doesNotContain("photo_consent");
    }
}
