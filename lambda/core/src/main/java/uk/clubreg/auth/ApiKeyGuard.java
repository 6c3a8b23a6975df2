package uk.clubreg.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

/** Lets a request through to the team managers' routes only with the right {@code x-api-key}. */
public final class ApiKeyGuard {

    public static final String HEADER = "x-api-key";

    private final Supplier<String> expectedKey;

    /** The key is read per request (configuration caches it), so a rotated secret is picked up. */
    public ApiKeyGuard(Supplier<String> expectedKey) {
        this.expectedKey = expectedKey;
    }

    public Endpoint protect(Endpoint endpoint) {
        return request -> isAuthorised(request)
                ? endpoint.handle(request)
                : HttpResponse.error(401, "unauthorized", "Missing or wrong " + HEADER + " header",
                        request.requestId(), null);
    }

    boolean isAuthorised(HttpRequest request) {
        return request.header(HEADER).map(given -> sameInConstantTime(given, expectedKey.get())).orElse(false);
    }

    // Comparing digests keeps the time independent of both the content and the length of the key.
    private static boolean sameInConstantTime(String given, String expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }
}
