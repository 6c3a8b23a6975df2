package uk.clubreg.local.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import uk.clubreg.inbox.Inbox;
import uk.clubreg.messaging.twilio.TwilioSignatures;

/**
 * The parents' side, played as Twilio plays it: each message is posted to /webhook three times with the same
 * MessageSid (twice at once, once a little later), and when /webhook does not answer 2xx, to the Fallback URL
 * (/webhook-fallback), as Twilio does. It keeps which MessageSids some route acknowledged, and when each STOP was.
 */
final class ParentTraffic {

    static final int DELIVERIES = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String localBaseUrl;
    private final String publicBaseUrl;
    private final String authToken;
    private final String clubNumber;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> posted = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> stoppedAt = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger webhookRefused = new AtomicInteger();
    private final AtomicInteger viaFallback = new AtomicInteger();

    ParentTraffic(String localBaseUrl, String publicBaseUrl, String authToken, String clubNumber) {
        this.localBaseUrl = localBaseUrl;
        this.publicBaseUrl = publicBaseUrl;
        this.authToken = authToken;
        this.clubNumber = clubNumber;
    }

    /** One parent's messages, one after another with a pause between; each is delivered three times. */
    void converse(String phone, List<String> messages, Duration startAfter, Duration maxGap) {
        sleep(startAfter);
        for (String text : messages) {
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            posted.add(sid);
            Map<String, String> form = form(phone, sid, text);
            Thread twin = Thread.startVirtualThread(() -> deliver(form));
            Optional<Instant> acknowledged = deliver(form);
            join(twin);
            if (text.equals("STOP")) {
                stoppedAt.putIfAbsent(phone, acknowledged.orElse(Instant.now()));
            }
            Thread.startVirtualThread(() -> {
                sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(500, 3_000)));
                deliver(form);
            });
            sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(200, Math.max(201, maxGap.toMillis()))));
        }
    }

    /** /webhook, and the Fallback URL when it fails; the time of the acknowledgement, if any. */
    private Optional<Instant> deliver(Map<String, String> form) {
        deliveries.incrementAndGet();
        if (post(Inbox.WEBHOOK, form)) {
            acknowledged.add(form.get("MessageSid"));
            return Optional.of(Instant.now());
        }
        webhookRefused.incrementAndGet();
        if (post(Inbox.WEBHOOK_FALLBACK, form)) {
            viaFallback.incrementAndGet();
            acknowledged.add(form.get("MessageSid"));
            return Optional.of(Instant.now());
        }
        return Optional.empty();
    }

    private boolean post(String path, Map<String, String> form) {
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create(localBaseUrl + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", TwilioSignatures.sign(authToken, publicBaseUrl + path, form))
                            .timeout(Duration.ofSeconds(15))
                            .POST(HttpRequest.BodyPublishers.ofString(FaultyTwilio.encode(form))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, String> form(String phone, String sid, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsMessageSid", sid);
        form.put("From", "whatsapp:" + phone);
        form.put("To", "whatsapp:" + clubNumber);
        form.put("Body", text);
        form.put("NumMedia", "0");
        form.put("MessageType", "text");
        form.put("WaId", phone.substring(1));
        return form;
    }

    Set<String> posted() {
        return Set.copyOf(posted);
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Each STOP's first acknowledgement, by parent. */
    Map<String, Instant> stoppedAt() {
        return Map.copyOf(stoppedAt);
    }

    int deliveries() {
        return deliveries.get();
    }

    int webhookRefused() {
        return webhookRefused.get();
    }

    int viaFallback() {
        return viaFallback.get();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
