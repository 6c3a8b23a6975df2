package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.FormBody;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.testsupport.EveryTable;

/**
 * A hostile corpus (docs/decisions/0101-hostile-corpus.md): generated requests to every route a stranger, a careless
 * client or a forger can reach, through the API function. Every one is refused with a JSON 4xx; the console's pages
 * answer with their documented HTML instead (the sign-in page's redirect, or an HTML 4xx page). None is a 5xx, and
 * none adds or removes a row in any table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCorpusIT {

    private static final String KEY = MessagingHarness.API_KEY;
    private static final String MANAGER = "+447700900701";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    /** What a refusal looks like: JSON for the API, the console's HTML for its pages. */
    enum Answer { JSON_4XX, CONSOLE_PAGE, BULK_ALL_INVALID }

    record Case(String name, String method, String path, Map<String, String> headers, Map<String, String> query,
                String body, boolean base64, Answer answer) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final JsonNode OPENAPI = Json.read(new String(readAll(HostileCorpusIT.class
            .getResourceAsStream("/openapi.json")), StandardCharsets.UTF_8));

    private final MessagingHarness harness = new MessagingHarness();
    private RegistrationSystem system;
    private ApiHandler api;
    private long player;
    private String session;
    private String sessionCsrf;
    private String visitor;
    private String visitorCsrf;
    private String countRows;

    @BeforeAll
    void start() {
        system = harness.system(harness.clock, Map.of());
        api = new ApiHandler(system);
        APIGatewayProxyResponseEvent invited = api.handleRequest(event(new Case("invite", "POST", "/trigger",
                Map.of("x-api-key", KEY, "Content-Type", "application/json"), Map.of(), """
                        {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "+447700900401",
                         "team_name": "U11 Panthers", "team_manager_1_tel": "%s"}""".formatted(MANAGER), false,
                Answer.JSON_4XX)), null);
        player = Json.read(invited.getBody()).path("player_id").asLong();

        APIGatewayProxyResponseEvent signInPage = console("GET", "/console", "", "");
        visitor = cookie(signInPage);
        visitorCsrf = csrf(signInPage);
        console("POST", "/console/sign-in/code", visitor, form(Map.of("csrf", visitorCsrf, "phone", MANAGER)));
        Matcher code = Pattern.compile("\\b([0-9]{6})\\b").matcher(harness.sentTo(MANAGER).getLast().get("Body"));
        assertThat(code.find()).isTrue();
        session = cookie(console("POST", "/console/sign-in", visitor,
                form(Map.of("csrf", visitorCsrf, "phone", MANAGER, "code", code.group(1)))));
        sessionCsrf = csrf(console("GET", "/console/invite", session, ""));
        visitorCsrf = csrf(console("GET", "/console", visitor, ""));
        countRows = EveryTable.names(harness.database).stream()
                .map(table -> "(SELECT count(*) FROM " + table + ")").collect(Collectors.joining(", ", "SELECT ", ""));
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void theCorpusHasAtLeast300Cases() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(300);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyHostileRequestIsRefusedWithoutA5xxAndWritesNothing(Case hostile) {
        List<Long> before = rowCounts();

        APIGatewayProxyResponseEvent response = api.handleRequest(event(hostile), null);

        int status = response.getStatusCode();
        String type = response.getHeaders().getOrDefault("Content-Type", "");
        String answer = hostile.name() + " answered " + status + ": " + abbreviate(response.getBody());
        switch (hostile.answer()) {
            case JSON_4XX -> {
                assertThat(status).as(answer).isBetween(400, 499);
                assertThat(type).isEqualTo("application/json");
                assertThat(Json.read(response.getBody()).path("error").asText()).isNotEmpty();
            }
            case BULK_ALL_INVALID -> {
                assertThat(status).as(answer).isEqualTo(200);
                JsonNode body = Json.read(response.getBody());
                assertThat(body.path("created").asInt() + body.path("already_invited").asInt()).isZero();
                assertThat(body.path("invalid").asInt()).isPositive();
            }
            case CONSOLE_PAGE -> {
                assertThat(status).as(answer).isIn(303, 400, 401, 403, 404, 405, 413, 415, 429);
                if (status == 303) {
                    assertThat(response.getHeaders()).containsKey("Location");
                } else {
                    assertThat(type).startsWith("text/html");
                }
            }
        }
        assertThat(rowCounts()).as("rows in every table after " + answer).isEqualTo(before);
        String route = system.router().routeName(new HttpRequest(hostile.method(), hostile.path(), Map.of(), Map.of(),
                "", "corpus"));
        if (route != null) {
            String[] methodAndPath = route.split(" ", 2);
            JsonNode documented = OPENAPI.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
            assertThat(documented.isMissingNode() ? status == 405
                    : documented.path("responses").has(String.valueOf(status)))
                    .as("%s is documented in openapi.json", answer).isTrue();
        }
    }

    // --- The corpus ---

    List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        trigger(cases);
        registrations(cases);
        twilio(cases, "/webhook", webhookForm());
        twilio(cases, "/status", statusForm());
        console(cases);
        admin(cases);
        return cases;
    }

    private static final List<String> TEXT_FIELDS = List.of("player_first_name", "player_last_name",
            "parent_first_name", "parent_last_name", "team_name", "age_group", "team_manager_1_full_name",
            "current_registration_season");

    /** JSON values no text field takes. */
    private static final List<String> BAD_TEXT = List.of("1", "1.5", "1e400", "true", "false", "[]", "{}", "[\"Sam\"]",
            "{\"a\":1}", "\"" + "x".repeat(101) + "\"", "\"" + "é".repeat(5000) + "\"", "\"\\u0000\"", "\"Sam\\u0000\"",
            "\"a\\u0007b\"", "\"\\u001b[31m\"", "\"line\\nbreak\"", "\"\\ud800\"", "\"Sam\\udc00\"");

    private static final List<String> BAD_PHONES = List.of("\"abc\"", "\"+\"", "\"+44\"", "\"+447700\"",
"\"+999999999999999\"", "\"+44\\u00007700900123\"",
            "\"" + "0".repeat(31) + "\"", "7700900123", "\"+44 7700 900123; DROP TABLE parents\"", "[\"+447700900123\"]");

    private static final List<String> BAD_FEES = List.of("1e400", "-1e400", "1e-400", "123456789012345678901234567890",
            "-1", "-0.01", "0.001", "true", "[]", "{}", "\"1e400\"", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"£40\"",
            "\"40,00\"");

    private void trigger(List<Case> cases) {
        Map<String, String> json = Map.of("x-api-key", KEY, "Content-Type", "application/json");
        String valid = "\"player_first_name\":\"Kit\",\"player_last_name\":\"Jones\",\"parent_tel\":\"07700 900402\"";
        for (String field : TEXT_FIELDS) {
            for (String value : BAD_TEXT) {
                cases.add(new Case("/trigger " + field + "=" + abbreviate(value), "POST", "/trigger", json, Map.of(),
                        "{" + without(valid, field) + ",\"" + field + "\":" + value + "}", false, Answer.JSON_4XX));
            }
        }
        for (String field : List.of("parent_tel", "team_manager_1_tel")) {
            for (String value : BAD_PHONES) {
                cases.add(new Case("/trigger " + field + "=" + abbreviate(value), "POST", "/trigger", json, Map.of(),
                        "{" + without(valid, field) + ",\"" + field + "\":" + value + "}", false, Answer.JSON_4XX));
            }
        }
        cases.add(new Case("/trigger landline parent_tel", "POST", "/trigger", json, Map.of(),
                "{" + without(valid, "parent_tel") + ",\"parent_tel\":\"0161 496 0000\"}", false, Answer.JSON_4XX));
        for (String fee : List.of("membership_fee_amount", "subscription_fee_amount")) {
            for (String value : BAD_FEES) {
                cases.add(new Case("/trigger " + fee + "=" + abbreviate(value), "POST", "/trigger", json, Map.of(),
                        "{" + valid + ",\"" + fee + "\":" + value + "}", false, Answer.JSON_4XX));
            }
        }
        // Shapes and syntax.
        List<String> shapes = new ArrayList<>(List.of("", " ", "null", "true", "1", "\"Sam\"", "{", "}", "[", "{\"a\":}",
                "{'player_first_name':'Sam'}", "[{}", "[]", "{}", "NaN", "/* c */{" + valid + "}", "{" + valid + ",}",
                "{" + valid + "} trailing", "{" + valid + "}{" + valid + "}", "\uFEFF{" + valid + "}",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                "{" + valid + ",\"player_first_name\":\"Kit\"}", "{" + valid + ",\"manager_full_name\":\"A\","
                        + "\"team_manager_1_full_name\":\"B\"}", "{" + valid + ",\"\":1}",
                "{" + valid + ",\"" + "k".repeat(10_000) + "\":1}", "{\"player_first_name\":\"Kit\"}",
                "1e9999999999", "{" + valid + ",\"membership_fee_amount\":1e9999999999}",
                "{" + valid + ",\"membership_fee_amount\":" + "9".repeat(1001) + "}"));
        for (String shape : shapes) {
            cases.add(new Case("/trigger body " + abbreviate(shape), "POST", "/trigger", json, Map.of(), shape, false,
                    Answer.JSON_4XX));
        }
        // Bulk requests: every item refused answers 200 with each item's 400 and writes nothing.
        for (String items : List.of("[null]", "[1]", "[\"x\"]", "[[]]", "[{}]", "[{" + valid + ",\"x\":1}]",
                "[{\"player_first_name\":\"Kit\"},{\"parent_tel\":\"+44\"}]",
                "[{" + valid + ",\"membership_fee_amount\":1e400},{" + without(valid, "parent_tel")
                        + ",\"parent_tel\":true}]")) {
            cases.add(new Case("/trigger bulk " + abbreviate(items), "POST", "/trigger", json, Map.of(), items, false,
                    Answer.BULK_ALL_INVALID));
        }
        cases.add(new Case("/trigger bulk of 101", "POST", "/trigger", json, Map.of(),
                "[" + ("{" + valid + "},").repeat(100) + "{" + valid + "}]", false, Answer.JSON_4XX));
        // Sizes.
        cases.add(new Case("/trigger 64 KB + 1", "POST", "/trigger", json, Map.of(),
                "{" + valid + "}" + " ".repeat(64 * 1024), false, Answer.JSON_4XX));
        cases.add(new Case("/trigger 1 MB string", "POST", "/trigger", json, Map.of(),
                "{" + without(valid, "player_first_name") + ",\"player_first_name\":\"" + "x".repeat(1 << 20) + "\"}",
                false, Answer.JSON_4XX));
        // Encodings: base64 bodies whose bytes are not UTF-8, or not base64 at all.
        byte[][] notUtf8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] bytes : notUtf8) {
            cases.add(new Case("/trigger name with bytes " + hex(bytes), "POST", "/trigger", json, Map.of(),
                    base64("{" + without(valid, "player_first_name") + ",\"player_first_name\":\"Kit", bytes, "\"}"),
                    true, Answer.JSON_4XX));
        }
        cases.add(new Case("/trigger UTF-16 body", "POST", "/trigger", json, Map.of(), Base64.getEncoder()
                .encodeToString(("{" + valid + "}").getBytes(StandardCharsets.UTF_16)), true, Answer.JSON_4XX));
        for (String notBase64 : List.of("!!!", "e30", "%%%", "{" + valid + "}")) {
            cases.add(new Case("/trigger not base64 " + abbreviate(notBase64), "POST", "/trigger", json, Map.of(),
                    notBase64, true, Answer.JSON_4XX));
        }
        // Keys and media types.
        for (String key : List.of("", " ", KEY + " ", KEY.toUpperCase(), "x", KEY + "\u0000", KEY.repeat(1000))) {
            cases.add(new Case("/trigger key " + abbreviate(key), "POST", "/trigger",
                    Map.of("x-api-key", key, "Content-Type", "application/json"), Map.of(), "{" + valid + "}", false,
                    Answer.JSON_4XX));
        }
        cases.add(new Case("/trigger without a key", "POST", "/trigger", Map.of("Content-Type", "application/json"),
                Map.of(), "{" + valid + "}", false, Answer.JSON_4XX));
        for (String type : List.of("", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/jsonx", "json", "text/json")) {
            cases.add(new Case("/trigger Content-Type " + abbreviate(type), "POST", "/trigger",
                    Map.of("x-api-key", KEY, "Content-Type", type), Map.of(), "{" + valid + "}", false,
                    Answer.JSON_4XX));
        }
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "TRACE")) {
            cases.add(new Case(method + " /trigger", method, "/trigger", json, Map.of(), "{" + valid + "}", false,
                    Answer.JSON_4XX));
        }
    }

    private void registrations(List<Case> cases) {
        Map<String, String> key = Map.of("x-api-key", KEY);
        List<Map<String, String>> queries = List.of(Map.of(), Map.of("team_name", ""), Map.of("team_name", " "),
                Map.of("team_name", "x".repeat(10_000)), Map.of("team_name", "U11\u0000Panthers"),
                Map.of("team_name", "U11\u0007"), Map.of("season", "2026-27"),
                Map.of("team_name", "U11 Panthers", "season", "\u0000"),
                Map.of("team_name", "U11 Panthers", "season", "y".repeat(10_000)));
        for (Map<String, String> query : queries) {
            cases.add(new Case("/registrations " + abbreviate(query.toString()), "GET", "/registrations", key, query,
                    null, false, Answer.JSON_4XX));
        }
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("x-api-key", "wrong"),
                Map.of("X-Api-Key", ""), Map.of("authorization", "Bearer " + KEY))) {
            cases.add(new Case("/registrations headers " + headers.keySet(), "GET", "/registrations", headers,
                    Map.of("team_name", "U11 Panthers"), null, false, Answer.JSON_4XX));
        }
    }

    private static Map<String, String> webhookForm() {
        return MessagingHarness.incoming("SMcorpus0000000000000000000000001", "+447700900401", "Yes");
    }

    private static Map<String, String> statusForm() {
        return Map.of("MessageSid", "SMcorpus0000000000000000000000002", "MessageStatus", "delivered",
                "AccountSid", "ACtest");
    }

    private void twilio(List<Case> cases, String path, Map<String, String> valid) {
        String url = MessagingHarness.PUBLIC_BASE_URL + path;
        String body = MessagingHarness.formBody(valid);
        String right = TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url, valid);
        Map<String, String> signatures = new LinkedHashMap<>();
        signatures.put("none", null);
        signatures.put("empty", "");
        signatures.put("blank", "   ");
        signatures.put("not base64", "not a signature!");
        signatures.put("truncated", right.substring(0, right.length() - 2));
        signatures.put("one character changed", (right.charAt(0) == 'A' ? "B" : "A") + right.substring(1));
        signatures.put("lower-cased", right.toLowerCase());
        signatures.put("twice", right + "," + right);
        signatures.put("huge", right.repeat(2000));
        signatures.put("another token", TwilioSignatures.sign("another-token-0123456789abcdef", url, valid));
        signatures.put("http", TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url.replace("https:", "http:"), valid));
        signatures.put("no stage", TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url.replace("/prod", ""), valid));
        signatures.put("trailing slash", TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url + "/", valid));
        signatures.put("other route", TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN,
                MessagingHarness.PUBLIC_BASE_URL + (path.equals("/webhook") ? "/status" : "/webhook"), valid));
        signatures.put("query added", TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url + "?a=1", valid));
        signatures.put("no fields", TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url, Map.of()));
        for (Map.Entry<String, String> signature : signatures.entrySet()) {
            cases.add(twilioCase(path + " signature " + signature.getKey(), path, signature.getValue(), body));
        }
        // Signed, then tampered with on the way.
        Map<String, String> tampered = new LinkedHashMap<>();
        tampered.put("value changed", body.replace("MessageSid=SM", "MessageSid=SX"));
        tampered.put("field added", body + "&Extra=1");
        tampered.put("field removed", body.substring(body.indexOf('&') + 1));
        tampered.put("field repeated", body + "&MessageSid=SMother");
        tampered.put("empty body", "");
        tampered.put("JSON body", Json.write(valid));
        for (Map.Entry<String, String> edit : tampered.entrySet()) {
            cases.add(twilioCase(path + " tampered: " + edit.getKey(), path, right, edit.getValue()));
        }
        // Form-encoding edges, unsigned and signed as our server reads them.
        List<String> forms = List.of("%", "%ZZ", "a=%FF%FE", "&&&", "=", "==", "a", ";a=1;b=2", "+%2B+=+",
                "MessageSid=%00&From=whatsapp%3A%2B447700900401", "x=" + "y".repeat(200_000),
                "MessageSid&From", "From=whatsapp:+447700900401&MessageSid=");
        for (String form : forms) {
            cases.add(twilioCase(path + " unsigned form " + abbreviate(form), path, null, form));
            cases.add(twilioCase(path + " signed form " + abbreviate(form), path,
                    TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url, FormBody.parse(form)), form));
        }
        // Signed by Twilio's token, but not a post this route takes.
        List<Map<String, String>> refused = new ArrayList<>();
        if (path.equals("/webhook")) {
            for (String from : List.of("", "whatsapp:", "whatsapp:07700900401", "whatsapp:+44", "sms:+447700900401",
                    "whatsapp:+44\u00007700900401", "whatsapp:+0447700900401", "whatsapp:+44770090040199999999")) {
                Map<String, String> form = new LinkedHashMap<>(valid);
                form.put("From", from);
                refused.add(form);
            }
            Map<String, String> noSid = new LinkedHashMap<>(valid);
            noSid.remove("MessageSid");
            refused.add(noSid);
            Map<String, String> blankSid = new LinkedHashMap<>(valid);
            blankSid.put("MessageSid", "   ");
            refused.add(blankSid);
        } else {
            for (String status : List.of("", "nonsense", "received", "deliv\u0000ered", "\u0000", "x".repeat(10_000))) {
                refused.add(Map.of("MessageSid", "SMcorpus0000000000000000000000003", "MessageStatus", status));
            }
            refused.add(Map.of("MessageStatus", "delivered"));
            refused.add(Map.of("MessageSid", " ", "MessageStatus", "delivered"));
        }
        for (Map<String, String> form : refused) {
            cases.add(twilioCase(path + " signed " + abbreviate(form.toString()), path,
                    TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, url, form), MessagingHarness.formBody(form)));
        }
    }

    private static Case twilioCase(String name, String path, String signature, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return new Case(name, "POST", path, headers, Map.of(), body, false, Answer.JSON_4XX);
    }

    private void console(List<Case> cases) {
        String[] parts = session.split("\\.");
        Map<String, String> cookies = new LinkedHashMap<>();
        cookies.put("no cookie", null);
        cookies.put("empty", "console=");
        cookies.put("garbage", "console=garbage");
        cookies.put("three dots", "console=s.x.y");
        cookies.put("signature changed", "console=" + parts[0] + "." + parts[1] + "." + flip(parts[2]));
        cookies.put("token changed", "console=" + parts[0] + "." + flip(parts[1]) + "." + parts[2]);
        cookies.put("kind changed", "console=a." + parts[1] + "." + parts[2]);
        cookies.put("signature dropped", "console=" + parts[0] + "." + parts[1]);
        cookies.put("visitor", "console=" + visitor);
        cookies.put("huge", "console=" + session.repeat(500));
        cookies.put("NUL", "console=" + parts[0] + "." + parts[1] + "\u0000." + parts[2]);
        cookies.put("other name", "konsole=" + session);
        List<String[]> pages = List.of(new String[] {"GET", "/console/teams"},
                new String[] {"GET", "/console/team?name=U11 Panthers&season=2026-27"},
                new String[] {"GET", "/console/team.csv?name=U11 Panthers&season=2026-27"},
                new String[] {"GET", "/console/players/" + player}, new String[] {"GET", "/console/invite"},
                new String[] {"GET", "/console/players/" + player + "/photo"},
                new String[] {"POST", "/console/players/" + player + "/release"},
                new String[] {"POST", "/console/players/" + player + "/chase"},
                new String[] {"POST", "/console/players/" + player + "/close"},
                new String[] {"POST", "/console/players/" + player + "/resend"},
                new String[] {"POST", "/console/invite"}, new String[] {"POST", "/console/invite/upload"},
                new String[] {"POST", "/console/invite/preview"}, new String[] {"GET", "/console/sessions"},
                new String[] {"POST", "/console/sessions/1/revoke"},
                new String[] {"POST", "/console/sign-out-everywhere"});
        for (Map.Entry<String, String> cookie : cookies.entrySet()) {
            for (String[] page : pages) {
                cases.add(consoleCase("console " + page[0] + " " + page[1] + " cookie " + cookie.getKey(), page[0],
                        page[1], cookie.getValue(), form(Map.of("csrf", sessionCsrf)), Answer.CONSOLE_PAGE));
            }
            for (String route : List.of("/console/api/teams", "/console/api/players/" + player,
                    "/console/api/teams/" + teamId("2026-27\u0000U11 Panthers") + "/players")) {
                cases.add(consoleCase("console GET " + route + " cookie " + cookie.getKey(), "GET", route,
                        cookie.getValue(), "", Answer.JSON_4XX));
            }
        }
        // Signed in, but the form's token is not this session's.
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", form(Map.of("note", "x")));
        tokens.put("empty token", form(Map.of("csrf", "")));
        tokens.put("visitor's token", form(Map.of("csrf", visitorCsrf)));
        tokens.put("changed token", form(Map.of("csrf", flip(sessionCsrf))));
        tokens.put("token twice", "csrf=x&csrf=" + sessionCsrf.substring(1));
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            for (String route : List.of("/players/" + player + "/release", "/players/" + player + "/chase",
                    "/players/" + player + "/resend", "/players/" + player + "/close", "/invite", "/invite/preview",
                    "/sign-out", "/sign-out-everywhere", "/sessions/1/revoke")) {
                cases.add(consoleCase("console POST " + route + " " + token.getKey(), "POST", "/console" + route,
                        "console=" + session, token.getValue(), Answer.CONSOLE_PAGE));
            }
        }
        // Signed in, with ids and queries that name nothing.
        for (String id : List.of("0", "-1", "99999999999999999999", "1e3", "abc", "%00", "9223372036854775807",
                String.valueOf(player + 1000), " " + player)) {
            cases.add(consoleCase("console player " + id, "GET", "/console/players/" + id, "console=" + session, "",
                    Answer.CONSOLE_PAGE));
            cases.add(consoleCase("console photo " + id, "GET", "/console/players/" + id + "/photo",
                    "console=" + session, "", Answer.CONSOLE_PAGE));
            cases.add(consoleCase("console api player " + id, "GET", "/console/api/players/" + id,
                    "console=" + session, "", Answer.JSON_4XX));
            cases.add(consoleCase("console api team " + id, "GET", "/console/api/teams/" + id + "/players",
                    "console=" + session, "", Answer.JSON_4XX));
            cases.add(consoleCase("console release " + id, "POST", "/console/players/" + id + "/release",
                    "console=" + session, form(Map.of("csrf", sessionCsrf)), Answer.CONSOLE_PAGE));
        }
        // Revoking sessions that are not this manager's, or not sessions at all (never this session's own id).
        for (String id : List.of("0", "-1", "99999999999999999999", "1e3", "abc", "%00", "9223372036854775807")) {
            cases.add(consoleCase("console revoke session " + id, "POST", "/console/sessions/" + id + "/revoke",
                    "console=" + session, form(Map.of("csrf", sessionCsrf)), Answer.CONSOLE_PAGE));
        }
        for (String team : List.of("2026-27\u0000U11\u0000Panthers", "\u0000", "2026-27\u0000", "2026-27\u0000U11\u0007",
                "x".repeat(5000) + "\u0000U11 Panthers")) {
            cases.add(consoleCase("console api team named " + abbreviate(team), "GET",
                    "/console/api/teams/" + teamId(team) + "/players", "console=" + session, "", Answer.JSON_4XX));
        }
        for (String query : List.of("", "?name=", "?name=U11 Lions&season=2026-27", "?name=" + "x".repeat(10_000),
                "?name=U11\u0000", "?name=U11 Panthers&season=\u0007")) {
            cases.add(consoleCase("console team " + abbreviate(query), "GET", "/console/team" + query,
                    "console=" + session, "", Answer.CONSOLE_PAGE));
            cases.add(consoleCase("console team.csv " + abbreviate(query), "GET", "/console/team.csv" + query,
                    "console=" + session, "", Answer.CONSOLE_PAGE));
        }
        // Signing in with numbers and codes that cannot be right.
        for (String phone : List.of("", "abc", "+44", "+447700", "0".repeat(40), "+44\u00007700900701")) {
            cases.add(consoleCase("console code for " + abbreviate(phone), "POST", "/console/sign-in/code",
                    "console=" + visitor, form(Map.of("csrf", visitorCsrf, "phone", phone)), Answer.CONSOLE_PAGE));
            cases.add(consoleCase("console sign-in as " + abbreviate(phone), "POST", "/console/sign-in",
                    "console=" + visitor, form(Map.of("csrf", visitorCsrf, "phone", phone, "code", "123456")),
                    Answer.CONSOLE_PAGE));
        }
        cases.add(consoleCase("console code without a token", "POST", "/console/sign-in/code", "console=" + visitor,
                form(Map.of("phone", MANAGER)), Answer.CONSOLE_PAGE));
        cases.add(consoleCase("console sign-in without a cookie", "POST", "/console/sign-in", null,
                form(Map.of("csrf", visitorCsrf, "phone", MANAGER, "code", "123456")), Answer.CONSOLE_PAGE));
    }

    /** The console API's id of a team: its season and name, base64url (ConsoleQueries.teamId). */
    private static String teamId(String seasonAndName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(seasonAndName.getBytes(StandardCharsets.UTF_8));
    }

    private static Case consoleCase(String name, String method, String target, String cookie, String body,
                                    Answer answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        int question = target.indexOf('?');
        Map<String, String> query = new LinkedHashMap<>();
        if (question >= 0) {
            query.putAll(FormBody.parse(target.substring(question + 1)));
        }
        return new Case(name, method, question < 0 ? target : target.substring(0, question), headers, query, body,
                false, answer);
    }

    private void admin(List<Case> cases) {
        Map<String, String> key = Map.of("x-api-key", KEY);
        List<String> notNumbers = List.of("abc", "%2B", "+44", "07700", "+44%007700900401", "x".repeat(5000),
                "%F0%9F%98%80");
        for (String tel : notNumbers) {
            cases.add(new Case("admin erase " + abbreviate(tel), "DELETE", "/admin/parents/" + tel, key, Map.of(),
                    null, false, Answer.JSON_4XX));
        }
        // Erasing a number nothing is held for is a documented 200 (README); exporting it is a 404.
        for (String tel : Stream.concat(notNumbers.stream(), Stream.of("+447700900999", "07700 900999",
                "0161 496 0000")).toList()) {
            cases.add(new Case("admin export " + abbreviate(tel), "GET", "/admin/parents/" + tel + "/export", key,
                    Map.of(), null, false, Answer.JSON_4XX));
        }
        for (String id : List.of("0", "-1", "abc", "99999999999999999999", "1e3", "999999")) {
            cases.add(new Case("admin chase " + id, "POST", "/admin/players/" + id + "/chase", key, Map.of(), null,
                    false, Answer.JSON_4XX));
            cases.add(new Case("admin photo " + id, "GET", "/admin/players/" + id + "/photo", key, Map.of(), null,
                    false, Answer.JSON_4XX));
            cases.add(new Case("admin release " + id, "POST", "/admin/conversations/" + id + "/release", key,
                    Map.of(), null, false, Answer.JSON_4XX));
        }
        for (Map<String, String> query : List.of(Map.of("limit", "0"), Map.of("limit", "-1"), Map.of("limit", "1e3"),
                Map.of("limit", "99999"), Map.of("limit", "abc"), Map.of("before", "abc"), Map.of("before", "-1"),
                Map.of("before", "99999999999999999999"), Map.of("limit", "\u0000"))) {
            cases.add(new Case("admin audit " + query, "GET", "/admin/audit", key, query, null, false,
                    Answer.JSON_4XX));
        }
        for (String[] route : List.of(new String[] {"POST", "/admin/run/chasers"}, new String[] {"POST",
                "/admin/run/daily"}, new String[] {"GET", "/admin/audit"}, new String[] {"GET",
                "/admin/parents/+447700900401/export"}, new String[] {"DELETE", "/admin/parents/+447700900401"},
                new String[] {"POST", "/admin/players/" + player + "/chase"},
                new String[] {"GET", "/admin/players/" + player + "/photo"})) {
            for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("x-api-key", "wrong"),
                    Map.of("Cookie", "console=" + session))) {
                cases.add(new Case(route[0] + " " + route[1] + " with " + headers.keySet(), route[0], route[1],
                        headers, Map.of(), null, false, Answer.JSON_4XX));
            }
        }
        for (String path : List.of("/nope", "/console/../admin/audit", "/trigger/1", "//trigger", "/admin",
                "/%00", "/" + "a".repeat(10_000))) {
            cases.add(new Case("route " + abbreviate(path), "GET", path, key, Map.of(), null, false, Answer.JSON_4XX));
        }
    }

    // --- Helpers ---

    private APIGatewayProxyResponseEvent console(String method, String path, String cookie, String body) {
        return api.handleRequest(event(consoleCase(path, method, path, cookie.isEmpty() ? null : "console=" + cookie,
                body, Answer.CONSOLE_PAGE)), null);
    }

    private static String cookie(APIGatewayProxyResponseEvent response) {
        String setCookie = response.getHeaders().get("Set-Cookie");
        assertThat(setCookie).as(response.getBody()).isNotNull();
        return setCookie.substring("console=".length(), setCookie.indexOf(';'));
    }

    private static String csrf(APIGatewayProxyResponseEvent response) {
        Matcher matcher = CSRF.matcher(response.getBody());
        assertThat(matcher.find()).as(response.getBody()).isTrue();
        return matcher.group(1);
    }

    private static APIGatewayProxyRequestEvent event(Case request) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("corpus-" + Math.abs(request.name().hashCode()))
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("192.0.2.9"));
        return new APIGatewayProxyRequestEvent().withHttpMethod(request.method()).withPath(request.path())
                .withHeaders(new LinkedHashMap<>(request.headers())).withQueryStringParameters(request.query())
                .withBody(request.body()).withIsBase64Encoded(request.base64()).withRequestContext(context);
    }

    private List<Long> rowCounts() {
        return harness.database.withConnection(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(countRows)) {
                row.next();
                List<Long> counts = new ArrayList<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    counts.add(row.getLong(i));
                }
                return counts;
            }
        });
    }

    private static String form(Map<String, String> fields) {
        return MessagingHarness.formBody(fields);
    }

    private static String without(String fields, String name) {
        return List.of(fields.split(",")).stream().filter(field -> !field.startsWith("\"" + name + "\""))
                .collect(Collectors.joining(","));
    }

    private static String base64(String before, byte[] bytes, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static byte[] readAll(InputStream resource) {
        try (resource) {
            return resource.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02X", b));
        }
        return text.toString();
    }

    private static String flip(String text) {
        char last = text.charAt(text.length() - 1);
        return text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String abbreviate(String text) {
        String printable = text.chars().mapToObj(c -> c < 0x20 || c == 0x7f || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)).collect(Collectors.joining());
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…(" + text.length() + ")";
    }
}
