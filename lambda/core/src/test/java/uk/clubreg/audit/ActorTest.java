package uk.clubreg.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void aManagerIsKnownByTheirNumberMasked() {
        assertThat(Actor.manager("+447700900123").id()).isEqualTo("+44*******123");
        assertThat(Actor.admin("+447700900123").kind()).isEqualTo(Actor.Kind.ADMIN);
    }

    @Test
    void anIdThatIsARawPhoneNumberIsRefused() {
        assertThatThrownBy(() -> new Actor(Actor.Kind.MANAGER, "+447700900123"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Actor.system(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
