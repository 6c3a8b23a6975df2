package uk.clubreg.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FieldEncryptionTest {

    private static final String OLD = "old-key-0123456789-0123456789-0123456789";
    private static final String NEW = "new-key-9876543210-9876543210-9876543210";

    private final AtomicReference<String> setting = new AtomicReference<>(OLD);
    private final FieldEncryption encryption = new FieldEncryption(() -> Optional.ofNullable(setting.get()));

    @Test
    void aValueIsStoredSealedAndOpensToItself() {
        String sealed = encryption.encrypt("medical_notes", "Asthma: inhaler before games");

        assertThat(sealed).startsWith("enc:v1:").doesNotContain("Asthma").doesNotContain("inhaler");
        assertThat(encryption.decrypt("medical_notes", sealed)).isEqualTo("Asthma: inhaler before games");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertThat(encryption.encrypt("medical_notes", "None")).isNotEqualTo(encryption.encrypt("medical_notes", "None"));
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String before = encryption.encrypt("emergency_contact_tel", "+447700900123");
        setting.set(NEW + "," + OLD);

        String after = encryption.encrypt("emergency_contact_tel", "+447700900124");

        assertThat(encryption.decrypt("emergency_contact_tel", before)).isEqualTo("+447700900123");
        assertThat(encryption.decrypt("emergency_contact_tel", after)).isEqualTo("+447700900124");
        assertThat(keyId(after)).isNotEqualTo(keyId(before));
    }

    @Test
    void aValueWhoseKeyWasDroppedFromTheListIsRefusedNamingTheKey() {
        String before = encryption.encrypt("medical_notes", "None");
        setting.set(NEW);

        assertThatThrownBy(() -> encryption.decrypt("medical_notes", before))
                .hasMessageContaining(keyId(before)).hasMessageContaining("DETAILS_ENCRYPTION_KEYS");
    }

    @Test
    void aTamperedValueOrOneMovedToAnotherFieldIsRefused() {
        String sealed = encryption.encrypt("emergency_contact_name", "Jo Brown");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> encryption.decrypt("emergency_contact_name", tampered))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> encryption.decrypt("medical_notes", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesStoredBeforeEncryptionWasOnAndNullsPassThrough() {
        assertThat(encryption.decrypt("medical_notes", "None")).isEqualTo("None");
        assertThat(encryption.encrypt("medical_notes", null)).isNull();
        assertThat(encryption.decrypt("medical_notes", null)).isNull();
    }

    @Test
    void withoutKeysValuesAreStoredAsGiven() {
        setting.set(null);

        assertThat(encryption.encrypt("medical_notes", "None")).isEqualTo("None");
    }

    @Test
    void aShortKeyIsRefused() {
        setting.set("short");

        assertThatThrownBy(() -> encryption.encrypt("medical_notes", "None")).hasMessageContaining("at least 32");
    }

    private static String keyId(String sealed) {
        return sealed.split(":")[2];
    }
}
