package uk.clubreg.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void aPhoneNumberKeepsOnlyItsCountryCodeAndLastThreeDigits() {
        assertThat(Mask.phone("+447700900123")).isEqualTo("+44*******123");
    }

    @Test
    void aWhatsAppAddressIsMaskedToo() {
        assertThat(Mask.phone("whatsapp:+447700900123")).isEqualTo("+44*******123");
    }

    @Test
    void freeTextIsReplacedByItsLength() {
        assertThat(Mask.text("Alfie has asthma")).isEqualTo("<16 chars>");
    }

    @Test
    void phoneShapedRunsInsideALineAreMasked() {
        assertThat(Mask.phonesIn("sent to +447700900123 and 07700 900456 ok"))
                .isEqualTo("sent to +44*******123 and 07******456 ok");
    }

    @Test
    void shortNumbersSuchAsIdsAndLatenciesAreLeftAlone() {
        assertThat(Mask.phonesIn("invitation 12345 took 87 ms")).isEqualTo("invitation 12345 took 87 ms");
    }

    @Test
    void anIsoDateStaysReadableButANumberWithTheSameDigitsIsMasked() {
        assertThat(Mask.phonesIn("{\"day\":\"2026-11-02\"}")).isEqualTo("{\"day\":\"2026-11-02\"}");
        assertThat(Mask.phonesIn("tel 2026-110-2345")).doesNotContain("110-2");
    }

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
