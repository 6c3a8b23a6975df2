package uk.clubreg.photos.twilio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Rotating;
import uk.clubreg.config.Setting;
import uk.clubreg.logging.Alarm;
import uk.clubreg.photos.InboundMedia;

/**
 * Fetches a parent's media from Twilio's Media resource with HTTP basic auth (account SID and auth token, read
 * through {@link Rotating}, so a rotated token is used). Only URLs under Twilio's API base are fetched with the
 * credentials; Twilio answers with a redirect to its media store, which is followed without them. The body is read
 * up to the limit and no further, whatever Content-Length says, within the timeout.
 */
public final class TwilioMedia implements InboundMedia {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioMedia.class);
    private static final String TWILIO_API = "https://api.twilio.com";
    private static final int MAX_REDIRECTS = 3;

    /**
     * The account's credentials as an Authorization header value, the API base they are sent to, and the HTTP client
     * that sends them.
     */
    record Client(String apiBase, String authorization, HttpClient http) {}

    private final Rotating<Client> clients;

    TwilioMedia(Rotating<Client> clients) {
        this.clients = clients;
    }

    /**
     * Reads TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_API_BASE_URL, and builds its HTTP client, on the first
     * fetch (a function that never fetches one builds nothing); again after a rotation.
     */
    public static TwilioMedia fromConfig(Config config) {
        return new TwilioMedia(Rotating.of(config, () -> new Client(
                        config.get(Setting.TWILIO_API_BASE_URL).orElse(TWILIO_API).replaceAll("/+$", ""),
                        "Basic " + Base64.getEncoder().encodeToString((config.require(Setting.TWILIO_ACCOUNT_SID) + ":"
                                + config.require(Setting.TWILIO_AUTH_TOKEN)).getBytes(StandardCharsets.UTF_8)),
                        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                                .connectTimeout(Duration.ofSeconds(5)).build()),
                replaced -> replaced.http().close(),
                Setting.TWILIO_ACCOUNT_SID, Setting.TWILIO_AUTH_TOKEN, Setting.TWILIO_API_BASE_URL));
    }

    @Override
    public Fetched fetch(String url, int maxBytes, Duration timeout) {
        Client current;
        try {
            current = clients.get();
        } catch (RuntimeException e) {
            return new Fetched.Failed("Twilio settings could not be read", true);
        }
        if (!url.startsWith(current.apiBase() + "/")) {
            // The account's credentials go to Twilio's API only, whatever a form post names.
            return new Fetched.Failed("not a Twilio media URL", false);
        }
        Fetched fetched = fetch(url, current, maxBytes, timeout);
        if (fetched instanceof Fetched.Failed failed && failed.reason().equals("HTTP 401")) {
            Optional<Client> renewed = clients.renewAfterRefusal(current);
            if (renewed.isPresent()) {
                fetched = fetch(url, renewed.get(), maxBytes, timeout);
            }
            if (fetched instanceof Fetched.Failed again && again.reason().equals("HTTP 401")) {
                Alarm.CREDENTIALS_REFUSED.raise(LOG.atError().addKeyValue("provider", "twilio")
                        .addKeyValue("http_status", 401), "Twilio refused our credentials for a media file. Check "
                        + "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
            }
        }
        return fetched;
    }

    private Fetched fetch(String url, Client client, int maxBytes, Duration timeout) {
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        URI target = URI.create(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Duration left = Duration.ofNanos(giveUpAt - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                return new Fetched.Failed("timeout", true);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(left).GET();
            if (target.toString().startsWith(client.apiBase() + "/")) {
                request.header("Authorization", client.authorization());
            }
            HttpResponse<InputStream> response;
            try {
                response = client.http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                        .get(left.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return new Fetched.Failed("timeout", true);
            } catch (ExecutionException e) {
                return new Fetched.Failed(e.getCause() instanceof java.net.http.HttpTimeoutException ? "timeout"
                        : "connection failed", true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Fetched.Failed("interrupted", true);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                close(response.body());
                target = target.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status != 200) {
                close(response.body());
                return new Fetched.Failed("HTTP " + status, status >= 500 || status == 429);
            }
            long declaredLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declaredLength > maxBytes) {
                close(response.body());
                return new Fetched.TooLarge();
            }
            String declaredType = response.headers().firstValue("Content-Type").orElse("")
                    .split(";")[0].trim().toLowerCase(Locale.ROOT);
            return body(response.body(), maxBytes, giveUpAt, declaredType);
        }
        return new Fetched.Failed("too many redirects", false);
    }

    /** Reads at most {@code maxBytes} + 1 bytes: one more than the limit is enough to know it is too large. */
    private static Fetched body(InputStream in, int maxBytes, long giveUpAt, String declaredType) {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readNBytes(maxBytes + 1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            byte[] bytes = read.get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
            return bytes.length > maxBytes ? new Fetched.TooLarge() : new Fetched.Bytes(bytes, declaredType);
        } catch (TimeoutException e) {
            close(in); // stops the read where it is
            return new Fetched.Failed("timeout", true);
        } catch (ExecutionException e) {
            return new Fetched.Failed("connection failed", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetched.Failed("interrupted", true);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more is read from it either way
        }
    }
}
