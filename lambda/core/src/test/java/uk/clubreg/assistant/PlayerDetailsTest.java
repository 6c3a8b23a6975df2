package uk.clubreg.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.clubreg.testsupport.Players;

class PlayerDetailsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private final PlayerDetails details = new PlayerDetails("GB", List.of("S", "M", "L"));

    @ParameterizedTest(name = "{0} for an Under-11 in 2026-27: accepted {1}")
    @CsvSource({
            "2016-03-14, true", "14/03/2016, true", "14th March 2016, true", "1 September 2015, true",
            "31/08/2015, false", "2017-08-31, true", "2018-09-01, false", "30/02/2016, false", "last tuesday, false"})
    void aDateOfBirthIsAcceptedOnlyWhenItFitsTheAgeGroup(String text, boolean accepted) {
        assertThat(details.dateOfBirth(text, Players.under11(), TODAY).ok()).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"07700 900123, +447700900123", "+44 7700 900123, +447700900123", "(0161) 496 0000, +441614960000"})
    void phoneNumbersAreNormalisedToE164(String text, String e164) {
        assertThat(details.phone(text).value()).isEqualTo(e164);
    }

    @ParameterizedTest(name = "kit size {0} is {1}")
    @CsvSource({"2, M", "m, M", "XL, ", "4, "})
    void kitSizesAreChosenByNameOrNumber(String text, String size) {
        assertThat(details.kitSize(text).value()).isEqualTo(size);
    }
}
