package uk.clubreg.chasers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    @Test
    void hoursOverMidnightRunFromTheFirstTimeUpToTheSecond() {
        QuietHours night = QuietHours.parse("20:00-09:00");

        assertThat(night.contains(LocalTime.of(19, 59))).isFalse();
        assertThat(night.contains(LocalTime.of(20, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(0, 30))).isTrue();
        assertThat(night.contains(LocalTime.of(8, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(9, 0))).isFalse();
    }

    @Test
    void hoursWithinADayWork() {
        QuietHours lunch = QuietHours.parse("12:00-13:30");

        assertThat(lunch.contains(LocalTime.of(12, 45))).isTrue();
        assertThat(lunch.contains(LocalTime.of(13, 30))).isFalse();
        assertThat(lunch.contains(LocalTime.of(11, 0))).isFalse();
    }

    @Test
    void emptyOrNoneMeansNoQuietHours() {
        assertThat(QuietHours.parse("").contains(LocalTime.of(3, 0))).isFalse();
        assertThat(QuietHours.parse(" none ").contains(LocalTime.of(3, 0))).isFalse();
    }

    @Test
    void anythingElseIsRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> QuietHours.parse("8pm-9am")).hasMessageContaining("20:00-09:00");
        assertThatThrownBy(() -> QuietHours.parse("09:00-09:00")).hasMessageContaining("different times");
    }
}
