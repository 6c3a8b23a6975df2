package uk.clubreg.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"07700 900123", "07700900123", "+44 7700 900123", "+447700900123", "(07700) 900-123"})
    void aUkMobileWrittenAnyWayBecomesE164(String written) {
        assertThat(PhoneNumbers.toE164Mobile(written, "GB")).contains("+447700900123");
    }

    @Test
    void aRealUkMobileRangeIsAcceptedToo() {
        assertThat(PhoneNumbers.toE164Mobile("07400 123456", "GB")).contains("+447400123456");
    }

    @Test
    void aNumberWithItsCountryCodeIgnoresTheDefaultRegion() {
        assertThat(PhoneNumbers.toE164Mobile("+33 6 12 34 56 78", "GB")).contains("+33612345678");
    }

    @Test
    void theDefaultRegionDecidesNumbersWrittenWithoutACountryCode() {
        assertThat(PhoneNumbers.toE164Mobile("06 12 34 56 78", "FR")).contains("+33612345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0161 496 0000", "12345", "not a number", "07700 9001", "", "   "})
    void aLandlineOrSomethingThatIsNotANumberIsNotAMobile(String written) {
        assertThat(PhoneNumbers.toE164Mobile(written, "GB")).isEmpty();
    }

    @Test
    void aManagersLandlineIsAValidNumber() {
        assertThat(PhoneNumbers.toE164("0161 496 0000", "GB")).contains("+441614960000");
    }
}
