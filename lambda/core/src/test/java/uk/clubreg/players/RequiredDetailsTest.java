package uk.clubreg.players;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.clubreg.testsupport.Players;

class RequiredDetailsTest {

    @Test
    void aBlankAnswerCountsAsMissing() {
        Player player = Players.withDetails(LocalDate.of(2015, 4, 1), "  ", "Alex Taylor", "+447700900123", false,
                "YM");

        assertThat(RequiredDetails.missingDetails(player)).containsExactly(RequiredDetails.Detail.MEDICAL_NOTES);
    }

    @Test
    void refusedPhotoConsentIsAnAnswerNotAGap() {
        Player player = Players.withDetails(null, null, null, null, false, null);

        assertThat(RequiredDetails.missingDetails(player)).doesNotContain(RequiredDetails.Detail.PHOTO_CONSENT);
    }
}
