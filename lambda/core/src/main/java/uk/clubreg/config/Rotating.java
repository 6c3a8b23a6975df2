package uk.clubreg.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client built from settings (credentials, URLs), rebuilt when one of those settings reads differently: after
 * {@link Config}'s cache expires, after a SnapStart restore drops the cache, or at once after the client's
 * credentials were refused ({@link #renewAfterRefusal}). The one rotation mechanism for every client built from
 * secrets (docs/decisions/0080-rotation-one-mechanism.md).
 *
 * <p>Usage: {@code Rotating.of(config, () -> build(config), Client::close, Setting.A, Setting.B)}; call
 * {@link #get()} for each use rather than keeping the client, so a rotated value is picked up.
 */
public final class Rotating<T> implements Supplier<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Rotating.class);

    private final Config config;
    private final List<Setting> builtFrom;
    private final Supplier<T> build;
    private final Consumer<T> retire;
    private T current;
    private List<Optional<String>> currentValues;

    private Rotating(Config config, Supplier<T> build, Consumer<T> retire, List<Setting> builtFrom) {
        this.config = config;
        this.build = build;
        this.retire = retire;
        this.builtFrom = builtFrom;
    }

    /**
     * @param build   builds the client from the settings, reading them from {@code config}
     * @param retire  releases a replaced client (its pool, its threads); it may still be finishing a call
     * @param builtFrom every setting {@code build} reads whose change needs a new client
     */
    public static <T> Rotating<T> of(Config config, Supplier<T> build, Consumer<T> retire, Setting... builtFrom) {
        return new Rotating<>(config, build, retire, List.of(builtFrom));
    }

    /** The client for the settings' current values: built on first use, rebuilt when a value has changed. */
    @Override
    public synchronized T get() {
        List<Optional<String>> values = values();
        if (current == null || !values.equals(currentValues)) {
            T replaced = current;
            current = build.get();
            currentValues = values;
            if (replaced != null) {
                LOG.atInfo().addKeyValue("settings", builtFrom.toString())
                        .log("A setting a client was built from changed; the client was rebuilt");
                retire.accept(replaced);
            }
        }
        return current;
    }

    /** The client built last, if any, without reading a setting or building one (e.g. to release its resources). */
    public synchronized Optional<T> built() {
        return Optional.ofNullable(current);
    }

    /**
     * The provider refused {@code refused}'s credentials (e.g. HTTP 401): re-reads the settings from their sources
     * now, without waiting for the cache to expire.
     *
     * @return a client built from other values than {@code refused} was, to retry with once; empty when the values
     *         are unchanged (the failure is not a rotation this side has caught up with)
     */
    public synchronized Optional<T> renewAfterRefusal(T refused) {
        config.reread(builtFrom);
        T fresh = get();
        return fresh == refused ? Optional.empty() : Optional.of(fresh);
    }

    private List<Optional<String>> values() {
        return builtFrom.stream().map(config::get).toList();
    }
}
