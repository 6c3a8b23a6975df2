package uk.clubreg.console;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.console.ConsoleRepository.Event;
import uk.clubreg.console.ConsoleRepository.LiveCode;
import uk.clubreg.persistence.Transactions;

/**
 * Passwordless sign-in (decision 0072): checks a code typed for a number ({@link CodeRequests} made it). A code
 * lasts 10 minutes, is used once and allows 5 attempts; only its HMAC is kept. Wrong codes are limited per source
 * address; a right code for a number that may not sign in is refused too.
 */
final class SignIn {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final int ATTEMPTS_PER_CODE = 5;
    static final Duration LIMIT_WINDOW = Duration.ofMinutes(15);
    static final int CODES_PER_NUMBER = 3;
    static final int CODES_PER_ADDRESS = 10;
    static final int WRONG_CODES_PER_ADDRESS = 20;
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    sealed interface CodeCheck {
        record SignedIn(String sessionToken) implements CodeCheck {}
        record Refused() implements CodeCheck {}
        record TooManyFromThisAddress() implements CodeCheck {}
    }

    private final ConsoleRepository repository;
    private final ConsoleKeys keys;
    private final Access access;
    private final Transactions transactions;
    private final Clock clock;

    SignIn(ConsoleRepository repository, ConsoleKeys keys, Access access, Transactions transactions, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Checks a code typed for {@code phone}; a right one starts a session of 12 hours. */
    CodeCheck checkCode(String phone, String code, String sourceIp) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            if (repository.eventsFromAddress(Event.CODE_REFUSED, sourceIp, now.minus(LIMIT_WINDOW))
                    >= WRONG_CODES_PER_ADDRESS) {
                return new CodeCheck.TooManyFromThisAddress();
            }
            Optional<LiveCode> live = repository.liveCodeForUpdate(phone, now, ATTEMPTS_PER_CODE);
            boolean right = live.isPresent() && code.matches("[0-9]{6}")
                    && MessageDigest.isEqual(live.get().codeHash(), codeHash(keys, phone, code))
                    && access.maySignIn(phone);
            if (!right) {
                live.ifPresent(c -> repository.countAttempt(c.id()));
                repository.recordEvent(Event.CODE_REFUSED, phone, sourceIp, now);
                return new CodeCheck.Refused();
            }
            repository.markUsed(live.get().id(), now);
            String token = ConsoleKeys.randomToken();
            long sessionId = repository.insertSession(ConsoleKeys.sha256(token), phone, now, now.plus(SESSION_LIFETIME));
            LOG.atInfo().addKeyValue("session_id", sessionId).log("Signed in to the console");
            return new CodeCheck.SignedIn(token);
        });
    }

    /** The code's HMAC, bound to the number it was made for. */
    static byte[] codeHash(ConsoleKeys keys, String phone, String code) {
        return keys.mac("sign-in-code", phone + ":" + code);
    }
}
