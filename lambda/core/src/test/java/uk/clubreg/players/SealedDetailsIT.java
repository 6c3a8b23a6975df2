package uk.clubreg.players;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.testsupport.TestPostgres;

/** Medical notes and the emergency contact are sealed in PostgreSQL and opened for reads (decision 0097). */
class SealedDetailsIT {

    private static final String FIRST_KEY = "first-key-0123456789-0123456789-01234567";
    private static final String SECOND_KEY = "second-key-0123456789-0123456789-0123456";
    private static final String LONG_NAME = "Josephine Alexandra Montgomery-Fairbrother-Whitworth, grandmother";

    private final Database database = TestPostgres.freshDatabase();
    private final ConversationFixtures fixtures = new ConversationFixtures(database);
    private final AtomicReference<String> keys = new AtomicReference<>(FIRST_KEY);
    private final PlayerRepository players = new PlayerRepository(new Jdbc(database),
            new FieldEncryption(() -> Optional.ofNullable(keys.get())));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theDetailsAreSealedAtRestAndReadBackOpen() {
        long seb = fixtures.family("+447700900601", null, "Seb").playerId();

        players.recordDetails(seb, details("Asthma: inhaler before games", LONG_NAME, "+447700900602"));

        for (String column : PlayerRepository.ENCRYPTED) {
            assertThat(fixtures.player(seb, column)).as(column).startsWith("enc:v1:")
                    .doesNotContain("Asthma").doesNotContain("Josephine").doesNotContain("900602");
        }
        Player read = players.find(seb).orElseThrow();
        assertThat(read.medicalNotes()).isEqualTo("Asthma: inhaler before games");
        assertThat(read.emergencyContactName()).isEqualTo(LONG_NAME);
        assertThat(read.emergencyContactTel()).isEqualTo("+447700900602");
        assertThat(fixtures.player(seb, "date_of_birth")).as("not special-category: plain").isEqualTo("2016-03-14");
    }

    @Test
    void rowsSealedWithTheOldKeyStayReadableAfterARotationAndRowsFromBeforeEncryptionToo() {
        Family family = fixtures.family("+447700900603", null, "Ava", "Max", "Zoe");
        long ava = family.playerIds().get(0);
        long max = family.playerIds().get(1);
        long zoe = family.playerIds().get(2);
        keys.set(null);
        players.recordDetails(zoe, details("None", "Sam Green", "+447700900606"));
        keys.set(FIRST_KEY);
        players.recordDetails(ava, details("Nut allergy", "Jo Brown", "+447700900604"));

        keys.set(SECOND_KEY + "," + FIRST_KEY);
        players.recordDetails(max, details("None", "Jo Brown", "+447700900605"));

        assertThat(players.find(ava).orElseThrow().medicalNotes()).isEqualTo("Nut allergy");
        assertThat(players.find(max).orElseThrow().emergencyContactTel()).isEqualTo("+447700900605");
        assertThat(players.find(zoe).orElseThrow().emergencyContactName()).isEqualTo("Sam Green");
        assertThat(keyId(fixtures.player(max, "medical_notes"))).isNotEqualTo(keyId(fixtures.player(ava, "medical_notes")));

        keys.set(SECOND_KEY);
        assertThatThrownBy(() -> players.find(ava)).hasMessageContaining("DETAILS_ENCRYPTION_KEYS");
    }

    private static PlayerRepository.Details details(String medical, String contact, String tel) {
        return new PlayerRepository.Details(LocalDate.of(2016, 3, 14), medical, contact, tel, true, "9-10");
    }

    private static String keyId(String sealed) {
        return sealed.split(":")[2];
    }
}
