package uk.clubreg.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@link Setting}s: the environment first, then Secrets Manager or SSM where configured, then the default.
 * Values from remote sources are cached for CONFIG_CACHE_SECONDS so a warm Lambda makes no calls per request.
 */
public final class Config {

    /** Reads one value from a remote store; {@code null} when it has none. */
    @FunctionalInterface
    public interface RemoteSource {
        String read(String name);
    }

    private record Cached(Optional<String> value, Instant readAt) {}

    /**
     * A setting is re-read from its source on demand ({@link #reread}) at most this often: a burst of failures, or
     * junk posts with bad signatures, cannot turn into a burst of Secrets Manager calls.
     */
    static final Duration REREAD_FLOOR = Duration.ofSeconds(10);

    private final Map<String, String> environment;
    private final RemoteSource secrets;
    private final RemoteSource parameters;
    private final Clock clock;
    private final Map<Setting, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Cached> languageCache = new ConcurrentHashMap<>();

    public Config(Map<String, String> environment, RemoteSource secrets, RemoteSource parameters, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.secrets = secrets;
        this.parameters = parameters;
        this.clock = clock;
    }

    /** Environment only: local runs and tests. */
    public static Config fromEnvironment(Map<String, String> environment) {
        return new Config(environment, name -> null, name -> null, Clock.systemUTC());
    }

    public Optional<String> get(Setting setting) {
        String direct = blankToNull(environment.get(setting.name()));
        if (direct != null) {
            return Optional.of(direct);
        }
        if (setting.source() == Setting.Source.ENV) {
            return Optional.ofNullable(setting.defaultValue());
        }
        Cached cached = cache.get(setting);
        if (cached == null || cached.readAt().plus(cacheTtl()).isBefore(clock.instant())) {
            cached = new Cached(Optional.ofNullable(blankToNull(readRemote(setting))), clock.instant());
            cache.put(setting, cached);
        }
        return cached.value().or(() -> Optional.ofNullable(setting.defaultValue()));
    }

    /**
     * A setting's variant for one language: the environment variable {@code NAME_<LANG>} (e.g.
     * {@code TWILIO_REMINDER_CONTENT_SID_PL}), or for a parameter SSM at its path with {@code -<lang>}
     * ({@code /twilio/reminder-content-sid-pl}), cached like the setting. Never the default: empty when the club has
     * not set one (docs/decisions/0113-templates-in-the-parent-s-language.md).
     */
    public Optional<String> getForLanguage(Setting setting, String language) {
        String name = setting.name() + "_" + language.toUpperCase(Locale.ROOT);
        String direct = blankToNull(environment.get(name));
        if (direct != null || setting.source() != Setting.Source.PARAMETER) {
            return Optional.ofNullable(direct);
        }
        Cached cached = languageCache.get(name);
        if (cached == null || cached.readAt().plus(cacheTtl()).isBefore(clock.instant())) {
            String prefix = blankToNull(environment.get(Setting.CONFIG_SSM_PREFIX.name()));
            cached = new Cached(Optional.ofNullable(prefix == null ? null
                    : blankToNull(parameters.read(stripTrailingSlash(prefix) + setting.ssmPath() + "-" + language))),
                    clock.instant());
            languageCache.put(name, cached);
        }
        return cached.value();
    }

    /**
     * As {@link #get}, except that an environment variable set but empty is a value of its own (""), for settings
     * where empty means "none" rather than "the default".
     */
    public String getAllowingEmpty(Setting setting) {
        String direct = environment.get(setting.name());
        return direct != null ? direct.trim() : get(setting).orElse("");
    }

    public String require(Setting setting) {
        return get(setting).orElseThrow(() -> new MissingSettingException(setting));
    }

    public int getInt(Setting setting) {
        String value = require(setting);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + setting + " must be a whole number", e);
        }
    }

    public boolean isSet(Setting setting) {
        return get(setting).isPresent();
    }

    /**
     * Re-reads remote settings from their sources now, unless one was read within {@link #REREAD_FLOOR}: for a
     * caller whose credentials were just refused, so a rotated secret is used before its cached value expires.
     *
     * @return true when a value differs from the one cached before
     */
    public boolean reread(Collection<Setting> settings) {
        boolean changed = false;
        for (Setting setting : settings) {
            if (setting.source() == Setting.Source.ENV || blankToNull(environment.get(setting.name())) != null) {
                continue;
            }
            Cached before = cache.get(setting);
            if (before != null && before.readAt().plus(REREAD_FLOOR).isAfter(clock.instant())) {
                continue;
            }
            Cached now = new Cached(Optional.ofNullable(blankToNull(readRemote(setting))), clock.instant());
            cache.put(setting, now);
            changed |= before == null || !before.value().equals(now.value());
        }
        return changed;
    }

    /** Drops cached remote values, e.g. after a SnapStart restore or a secret rotation. */
    public void clearCache() {
        cache.clear();
        languageCache.clear();
    }

    private String readRemote(Setting setting) {
        return switch (setting.source()) {
            case SECRET -> {
                String arn = blankToNull(environment.get(setting.name() + "_SECRET_ARN"));
                yield arn == null ? null : secrets.read(arn + "#" + setting.name());
            }
            case PARAMETER -> {
                String prefix = blankToNull(environment.get(Setting.CONFIG_SSM_PREFIX.name()));
                yield prefix == null ? null : parameters.read(stripTrailingSlash(prefix) + setting.ssmPath());
            }
            case ENV -> null;
        };
    }

    private Duration cacheTtl() {
        String seconds = environment.getOrDefault(Setting.CONFIG_CACHE_SECONDS.name(),
                Setting.CONFIG_CACHE_SECONDS.defaultValue());
        return Duration.ofSeconds(Long.parseLong(seconds.trim()));
    }

    private static String stripTrailingSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
