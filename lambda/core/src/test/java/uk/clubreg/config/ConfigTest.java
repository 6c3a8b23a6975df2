package uk.clubreg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private final List<String> secretReads = new ArrayList<>();
    private final List<String> parameterReads = new ArrayList<>();

    @Test
    void anEnvironmentValueWinsOverTheDefault() {
        Config config = Config.fromEnvironment(Map.of("CLUB_NAME", "Flixton Juniors"));

        assertThat(config.require(Setting.CLUB_NAME)).isEqualTo("Flixton Juniors");
    }

    @Test
    void aBlankEnvironmentValueFallsBackToTheDefault() {
        Config config = Config.fromEnvironment(Map.of("DEFAULT_PHONE_REGION", "  "));

        assertThat(config.require(Setting.DEFAULT_PHONE_REGION)).isEqualTo("GB");
    }

    @Test
    void aSecretIsReadFromTheSecretNamedByItsArnVariableAndCached() {
        MutableClock clock = new MutableClock();
        Config config = new Config(Map.of("API_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-2:1:secret:api"),
                name -> { secretReads.add(name); return "from-secrets-manager"; }, name -> null, clock);

        assertThat(config.require(Setting.API_KEY)).isEqualTo("from-secrets-manager");
        assertThat(config.require(Setting.API_KEY)).isEqualTo("from-secrets-manager");

        assertThat(secretReads).containsExactly("arn:aws:secretsmanager:eu-west-2:1:secret:api#API_KEY");
    }

    @Test
    void aCachedSecretIsReadAgainOnceTheCacheExpires() {
        MutableClock clock = new MutableClock();
        Config config = new Config(Map.of("API_KEY_SECRET_ARN", "arn:x", "CONFIG_CACHE_SECONDS", "60"),
                name -> { secretReads.add(name); return "v" + secretReads.size(); }, name -> null, clock);

        config.require(Setting.API_KEY);
        clock.advance(Duration.ofSeconds(61));

        assertThat(config.require(Setting.API_KEY)).isEqualTo("v2");
    }

    @Test
    void aRereadReadsTheSourceBeforeTheCacheExpiresAndSaysWhetherTheValueChanged() {
        MutableClock clock = new MutableClock();
        Map<String, String> secret = new HashMap<>(Map.of("arn:x#API_KEY", "old"));
        Config config = new Config(Map.of("API_KEY_SECRET_ARN", "arn:x"), secret::get, name -> null, clock);
        config.require(Setting.API_KEY);
        clock.advance(Duration.ofSeconds(11));

        secret.put("arn:x#API_KEY", "new");

        assertThat(config.reread(List.of(Setting.API_KEY))).isTrue();
        assertThat(config.require(Setting.API_KEY)).isEqualTo("new");
        clock.advance(Duration.ofSeconds(11));
        assertThat(config.reread(List.of(Setting.API_KEY))).isFalse();
    }

    @Test
    void aRereadSoonAfterTheLastReadCallsNoSource() {
        MutableClock clock = new MutableClock();
        Config config = new Config(Map.of("API_KEY_SECRET_ARN", "arn:x"),
                name -> { secretReads.add(name); return "v" + secretReads.size(); }, name -> null, clock);
        config.require(Setting.API_KEY);
        clock.advance(Duration.ofSeconds(5));

        assertThat(config.reread(List.of(Setting.API_KEY, Setting.DEFAULT_PHONE_REGION))).isFalse();
        assertThat(secretReads).hasSize(1);
    }

    @Test
    void aMissingRequiredSettingIsReportedByName() {
        Config config = Config.fromEnvironment(Map.of());

        assertThatThrownBy(() -> config.require(Setting.DATABASE_URL))
                .isInstanceOf(MissingSettingException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void aNonNumericWholeNumberSettingIsAClearError() {
        Config config = Config.fromEnvironment(Map.of("DB_POOL_SIZE", "two"));

        assertThatThrownBy(() -> config.getInt(Setting.DB_POOL_SIZE)).hasMessageContaining("DB_POOL_SIZE");
    }

    @Test
    void anEnvironmentOnlySettingNeverCallsARemoteStore() {
        Config config = new Config(Map.of("CONFIG_SSM_PREFIX", "/club"),
                name -> { secretReads.add(name); return "x"; }, name -> { parameterReads.add(name); return "x"; },
                Clock.systemUTC());

        config.get(Setting.CLUB_NAME);

        assertThat(secretReads).isEmpty();
        assertThat(parameterReads).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration duration) { now = now.plus(duration); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
