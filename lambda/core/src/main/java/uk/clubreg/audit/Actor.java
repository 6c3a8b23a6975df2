package uk.clubreg.audit;

import java.util.regex.Pattern;
import uk.clubreg.logging.Mask;

/**
 * Who read, exported or erased: the club's API key, a signed-in manager or club admin of the console, or the
 * system itself (the retention run). The id is never a raw phone number, so an audit row holds no personal data.
 */
public record Actor(Kind kind, String id) {

    public enum Kind {
        API_KEY("api_key"), MANAGER("manager"), ADMIN("admin"), SYSTEM("system");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Kind fromWire(String wireName) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(wireName)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Unknown actor kind " + wireName);
        }
    }

    // Declared before API_KEY, whose construction checks it.
    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9]{7,}");

    /** Whoever holds the club's API key: the routes behind it do not know who that is. */
    public static final Actor API_KEY = new Actor(Kind.API_KEY, "api-key");

    public Actor {
        if (kind == null || id == null || id.isBlank() || id.length() > 64 || PHONE_LIKE.matcher(id).find()) {
            throw new IllegalArgumentException("An actor needs a kind and an id of at most 64 characters that is "
                    + "not a phone number");
        }
    }

    /** A team manager signed in to the console, by their number, masked ({@code +44*******123}). */
    public static Actor manager(String phoneE164) {
        return new Actor(Kind.MANAGER, Mask.phone(phoneE164));
    }

    /** A club admin signed in to the console, by their number, masked. */
    public static Actor admin(String phoneE164) {
        return new Actor(Kind.ADMIN, Mask.phone(phoneE164));
    }

    /** The system acting on its own, named by what it runs (e.g. {@code retention}). */
    public static Actor system(String name) {
        return new Actor(Kind.SYSTEM, name);
    }
}
