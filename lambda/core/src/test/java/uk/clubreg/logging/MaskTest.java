package uk.clubreg.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void aPhoneNumberInALogLineIsMasked() {
        assertThat(Mask.phonesIn("sending to +447700900123 now")).isEqualTo("sending to +44*******123 now");
    }

    @Test
    void aNationalNumberWithSpacesIsMasked() {
        assertThat(Mask.phonesIn("tel 07700 900123")).doesNotContain("900123").contains("123");
    }

    @Test
    void aRequestIdStaysSearchableEvenWhenItHasLongDigitRuns() {
        String requestId = "b3e8e329-2641-4474-993e-73c1e12278cc";

        assertThat(Mask.phonesIn(requestId)).isEqualTo(requestId);
    }
}
