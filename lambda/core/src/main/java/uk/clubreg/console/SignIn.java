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
import uk.clubreg.jobs.Job;
import uk.clubreg.logging.Mask;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;

/**
 * Passwordless sign-in (decision 0072): a 6-digit code for any number, sent by the worker only to the numbers that
 * may sign in, so the page answers a known and an unknown number alike. A code lasts 10 minutes, is used once and
 * allows 5 attempts; only its HMAC is kept. Codes asked for are limited per number and per source address, wrong
 * codes per source address.
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

    enum CodeRequest { ANSWERED, TOO_MANY_FROM_THIS_ADDRESS }

    sealed interface CodeCheck {
        record SignedIn(String sessionToken) implements CodeCheck {}
        record Refused() implements CodeCheck {}
        record TooManyFromThisAddress() implements CodeCheck {}
    }

    private final ConsoleRepository repository;
    private final ConsoleKeys keys;
    private final Access access;
    private final Transactions transactions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    SignIn(ConsoleRepository repository, ConsoleKeys keys, Access access, Transactions transactions, Outbox outbox,
           OutboxRelay relay, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.access = access;
        this.transactions = transactions;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Makes a code for {@code phone} (E.164) and queues it. Over the number's limit nothing is made, and the answer
     * is the same: it tells nobody whether the number is known.
     */
    CodeRequest requestCode(String phone, String sourceIp) {
        Instant now = clock.instant();
        Instant since = now.minus(LIMIT_WINDOW);
        record Outcome(CodeRequest answer, Optional<Outbox.Pending> job) {}
        Outcome outcome = transactions.inTransaction(() -> {
            if (repository.eventsFromAddress(Event.CODE_REQUESTED, sourceIp, since) >= CODES_PER_ADDRESS) {
                return new Outcome(CodeRequest.TOO_MANY_FROM_THIS_ADDRESS, Optional.empty());
            }
            repository.recordEvent(Event.CODE_REQUESTED, phone, sourceIp, now);
            if (repository.eventsForPhone(Event.CODE_REQUESTED, phone, since) > CODES_PER_NUMBER) {
                LOG.atWarn().addKeyValue("phone", Mask.phone(phone)).log("Sign-in codes limit reached for a number");
                return new Outcome(CodeRequest.ANSWERED, Optional.empty());
            }
            String code = "%06d".formatted(ConsoleKeys.RANDOM.nextInt(1_000_000));
            long codeId = repository.insertCode(phone, codeHash(phone, code), keys.seal(code), sourceIp,
                    now.plus(CODE_LIFETIME));
            return new Outcome(CodeRequest.ANSWERED, outbox.add(new Job.SendSignInCode(phone, codeId)));
        });
        outcome.job().ifPresent(relay::publish);
        return outcome.answer();
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
                    && MessageDigest.isEqual(live.get().codeHash(), codeHash(phone, code))
                    && access.maySignIn(phone);
            if (!right) {
                live.ifPresent(c -> repository.countAttempt(c.id()));
                repository.recordEvent(Event.CODE_REFUSED, phone, sourceIp, now);
                return new CodeCheck.Refused();
            }
            repository.markUsed(live.get().id(), now);
            String token = ConsoleKeys.randomToken();
            long sessionId = repository.insertSession(ConsoleKeys.sha256(token), phone, now.plus(SESSION_LIFETIME));
            LOG.atInfo().addKeyValue("session_id", sessionId).log("Signed in to the console");
            return new CodeCheck.SignedIn(token);
        });
    }

    private byte[] codeHash(String phone, String code) {
        return keys.mac("sign-in-code", phone + ":" + code);
    }
}
