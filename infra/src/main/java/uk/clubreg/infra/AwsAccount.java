package uk.clubreg.infra;

import java.util.Map;
import java.util.Optional;

/** What infra/preflight.sh reads from the AWS account it checks (see {@link Preflight}). */
public interface AwsAccount {

    /** The account's Lambda concurrency: its limit, and what no function has reserved. */
    record Concurrency(int accountLimit, int unreserved) {}

    /** AWS could not be asked at all: no credentials, no region or no network. */
    final class Unreachable extends RuntimeException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** AWS answered with an error other than "not found", e.g. access denied. */
    final class Refused extends RuntimeException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Concurrency lambdaConcurrency();

    /** An SSM parameter's value; empty when there is no such parameter. */
    Optional<String> parameter(String name);

    /** A secret's JSON fields; empty when there is no such secret. A value that is not a JSON object has none. */
    Optional<Map<String, String>> secretFields(String name);
}
