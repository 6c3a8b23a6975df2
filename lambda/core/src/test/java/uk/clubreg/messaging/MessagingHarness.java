package uk.clubreg.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ConversationEngine;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.config.Config;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.inbox.Inbox;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.Repositories;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestSystems;

/**
 * A migrated database, the Twilio stub and messaging configured against both, plus the rows a test needs
 * (parents, conversations, players, invitations are inserted directly, as a fixture).
 */
public final class MessagingHarness implements AutoCloseable {

    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
    public static final String PUBLIC_BASE_URL = "https://registrations.example.org/prod";
    public static final String FROM = "whatsapp:+447700900000";
    public static final String INVITE_SID = "HX11111111111111111111111111111111";
    public static final String EXISTING_SID = "HX22222222222222222222222222222222";
    public static final String FOLLOW_UP_SID = "HX33333333333333333333333333333333";
    public static final String QUICK_REPLY_SID = "HX44444444444444444444444444444444";
    public static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    public static final String API_KEY = "test-api-key";
    private static final AtomicInteger SIDS = new AtomicInteger();

    public final Database database = TestPostgres.freshDatabase();
    public final Repositories repositories = Repositories.of(database);
    public final TwilioApiStub twilio = new TwilioApiStub();
    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Settings for messaging against the stub; {@code overrides} replace or add ({@code null} removes). */
    public Config config(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "TWILIO_ACCOUNT_SID", TwilioApiStub.ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", AUTH_TOKEN,
                "TWILIO_WHATSAPP_FROM", FROM,
                "TWILIO_INVITE_CONTENT_SID", INVITE_SID,
                "TWILIO_EXISTING_CONTENT_SID", EXISTING_SID,
                "TWILIO_FOLLOW_UP_CONTENT_SID", FOLLOW_UP_SID,
                "TWILIO_API_BASE_URL", twilio.baseUrl(),
                "PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                "CLUB_NAME", "Urmston Town Juniors FC",
                "API_KEY", API_KEY));
        overrides.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        return Config.fromEnvironment(environment);
    }

    public Config config() {
        return config(Map.of());
    }

    /** Messaging against the Twilio stub; jobs it writes are accepted and dropped. */
    public Messaging messaging() {
        return messaging(config());
    }

    public Messaging messaging(Config config) {
        return messaging(config, job -> { });
    }

    /** Messaging against the Twilio stub, relaying the jobs it writes to {@code queue}. */
    public Messaging messaging(Config config, JobQueue queue) {
        Adapters twilio = Adapters.fromConfig(config, database);
        return new Messaging(config, clock, database, repositories.parents(), repositories.players(),
                repositories.conversations(), repositories.outbox(), repositories.relay(queue), twilio.whatsApp(),
                twilio.signatures());
    }

    /** The inbox over {@code messaging}, answering with {@code engine}, relaying its jobs to {@code queue}. */
    public Inbox inbox(Messaging messaging, ConversationEngine engine, JobQueue queue) {
        return new Inbox(messaging, engine, repositories.parents(), repositories.conversations(), database,
                repositories.outbox(), repositories.relay(queue), clock, ConversationSettings.from(config()));
    }

    // --- The whole system ---

    /** Every part, in guided mode with jobs run inline, over this database and the Twilio stub, on {@code clock}. */
    public RegistrationSystem system(Clock clock, Map<String, String> overrides) {
        return TestSystems.inline(config(overrides), database, clock, Assistant.guided());
    }

    /** A manager's (or ops') call with the API key; {@code json} null: no body. */
    public static HttpResponse call(RegistrationSystem system, String method, String path, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", API_KEY);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return system.router().dispatch(new HttpRequest(method, path, headers, Map.of(), json, "test-request"));
    }

    /** {@code GET /registrations} for the team (current season), as JSON. */
    public static JsonNode registrations(RegistrationSystem system, String teamName) {
        return Json.read(system.router().dispatch(new HttpRequest("GET", "/registrations",
                Map.of("x-api-key", API_KEY), Map.of("team_name", teamName), "", "test-request")).body());
    }

    /** The parent writes on WhatsApp: Twilio's signed post to /webhook, answered by the inline jobs. */
    public void parentSays(RegistrationSystem system, String phone, String text) {
        HttpResponse response = system.router().dispatch(signedPost("/webhook",
                incoming("SMharness" + SIDS.incrementAndGet(), phone, text)));
        if (response.status() != 200) {
            throw new IllegalStateException("Webhook answered " + response.status() + ": " + response.body());
        }
    }

    /** The bodies (or template variables) sent to {@code phone} through the Twilio stub, in order. */
    public List<Map<String, String>> sentTo(String phone) {
        return twilio.sentForms().stream().filter(form -> form.get("To").equals("whatsapp:" + phone)).toList();
    }

    // --- Rows ---

    public long parent(String phone, String firstName) {
        return insert("INSERT INTO parents (phone_e164, first_name, last_name) VALUES (?, ?, 'Tester') RETURNING id",
                phone, firstName);
    }

    /** The parent's live conversation; {@code lastInboundAt} null means the parent has never written. */
    public long conversation(long parentId, Instant lastInboundAt) {
        return insert("INSERT INTO conversations (parent_id, last_inbound_at) VALUES (?, ?) RETURNING id",
                parentId, lastInboundAt == null ? null : Timestamp.from(lastInboundAt));
    }

    public long player(long parentId, Long conversationId, String firstName) {
        return insert("""
                INSERT INTO players (parent_id, conversation_id, first_name, last_name, club_name, team_name, age_group,
                                     season, manager_full_name, manager_tel, membership_fee_amount,
                                     subscription_fee_amount)
                VALUES (?, ?, ?, 'Tester', 'Urmston Town Juniors FC', 'Panthers', 'U11', '2026-27', 'Alex Morgan',
                        '07700 900456', ?, ?) RETURNING id""",
                parentId, conversationId, firstName, new BigDecimal("40.00"), new BigDecimal("26.50"));
    }

    /** A player with only the required fields: every optional template variable falls back. */
    public long playerWithoutOptionalFields(long parentId, Long conversationId, String firstName) {
        return insert("""
                INSERT INTO players (parent_id, conversation_id, first_name, last_name, club_name, team_name, season)
                VALUES (?, ?, ?, 'Tester', 'Urmston Town Juniors FC', 'Panthers', '2026-27') RETURNING id""",
                parentId, conversationId, firstName);
    }

    public long invitation(long playerId, String kind) {
        return insert("INSERT INTO invitations (player_id, kind, request_id) VALUES (?, ?, 'test') RETURNING id",
                playerId, kind);
    }

    public long insert(String sql, Object... values) {
        return database.withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    public void execute(String sql, Object... values) {
        database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    /** The first column of the first row, as text (null when there is no row or the value is null). */
    public String queryString(String sql, Object... values) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    select.setObject(i + 1, values[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    public long count(String sql, Object... values) {
        return Long.parseLong(queryString(sql, values));
    }

    // --- Twilio webhooks ---

    /** A form post as Twilio makes it to {@code path}, signed for our public URL. */
    public HttpRequest signedPost(String path, Map<String, String> form) {
        return post(path, form, TwilioSignatures.sign(AUTH_TOKEN, PUBLIC_BASE_URL + path, form));
    }

    public static HttpRequest post(String path, Map<String, String> form, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return new HttpRequest("POST", path, headers, Map.of(), formBody(form), "test-request");
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Twilio's incoming-message fields for a WhatsApp text. */
    public static Map<String, String> incoming(String messageSid, String fromPhone, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SmsMessageSid", messageSid);
        form.put("NumMedia", "0");
        form.put("ProfileName", "Sam");
        form.put("MessageType", "text");
        form.put("SmsSid", messageSid);
        form.put("WaId", fromPhone.substring(1));
        form.put("SmsStatus", "received");
        form.put("Body", body);
        form.put("To", FROM);
        form.put("NumSegments", "1");
        form.put("MessageSid", messageSid);
        form.put("AccountSid", TwilioApiStub.ACCOUNT_SID);
        form.put("From", "whatsapp:" + fromPhone);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    @Override
    public void close() {
        database.close();
        twilio.close();
    }
}
