package uk.clubreg.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;

/**
 * A browser's part in the console tests, against the router: it keeps the console cookie it is given, sends it
 * back, and reads the CSRF token of the last page's forms.
 */
final class ConsoleBrowser {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    private final RegistrationSystem system;
    private final String sourceIp;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    String cookie = "";
    HttpResponse last;

    ConsoleBrowser(RegistrationSystem system, String sourceIp) {
        this.system = system;
        this.sourceIp = sourceIp;
    }

    ConsoleBrowser header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    HttpResponse get(String path, Map<String, String> query) {
        return send(new HttpRequest("GET", path, headers(null), query, "", "test", sourceIp));
    }

    HttpResponse get(String path) {
        return get(path, Map.of());
    }

    /** Posts {@code form} with the CSRF token of the last page. */
    HttpResponse submit(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("csrf", csrf());
        return post(path, withToken);
    }

    HttpResponse post(String path, Map<String, String> form) {
        return send(new HttpRequest("POST", path, headers("application/x-www-form-urlencoded"), Map.of(),
                MessagingHarness.formBody(form), "test", sourceIp));
    }

    /** Posts a multipart form, as a browser posts a file input, with the CSRF token of the last page. */
    HttpResponse upload(String path, Map<String, String> fields, String fileField, String fileContent) {
        String boundary = "----ConsoleTestBoundary7MA4YWxkTrZu0gW";
        StringBuilder body = new StringBuilder();
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf", csrf());
        withToken.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileField)
                .append("\"; filename=\"squad.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                .append(fileContent).append("\r\n--").append(boundary).append("--\r\n");
        return send(new HttpRequest("POST", path, headers("multipart/form-data; boundary=" + boundary), Map.of(),
                body.toString(), "test", sourceIp));
    }

    String csrf() {
        Matcher matcher = CSRF.matcher(last.body());
        if (!matcher.find()) {
            throw new IllegalStateException("No form with a CSRF token on the last page: " + last.body());
        }
        return matcher.group(1);
    }

    /** Asks for a code for {@code phone}: the sign-in page, then its form. */
    ConsoleBrowser askForCode(String phone) {
        get("/console");
        submit("/console/sign-in/code", Map.of("phone", phone));
        return this;
    }

    /** Signs in as {@code phone} with the code the Twilio stub received for it. */
    ConsoleBrowser signIn(MessagingHarness harness, String phone) {
        askForCode(phone);
        HttpResponse signedIn = submit("/console/sign-in", Map.of("phone", phone, "code", lastCode(harness, phone)));
        if (signedIn.status() != 303) {
            throw new IllegalStateException("Sign-in answered " + signedIn.status() + ": " + signedIn.body());
        }
        return this;
    }

    /** Invites a player through {@code /trigger}, naming {@code managerTel} as the team's manager; the player's id. */
    static long invite(RegistrationSystem system, String first, String last, String parentTel, String team,
                       String managerTel) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "%s", "player_last_name": "%s", "parent_tel": "%s", "parent_first_name": "Alex",
                 "team_name": "%s", "age_group": "U11", "team_manager_1_full_name": "Jo Manager",
                 "team_manager_1_tel": "%s"}""".formatted(first, last, parentTel, team, managerTel));
        if (response.status() != 201) {
            throw new IllegalStateException("/trigger answered " + response.status() + ": " + response.body());
        }
        return Json.read(response.body()).path("player_id").asLong();
    }

    /** The 6-digit code of the last free-form message the Twilio stub received for {@code phone}. */
    static String lastCode(MessagingHarness harness, String phone) {
        Matcher matcher = CODE.matcher(harness.sentTo(phone).getLast().get("Body"));
        if (!matcher.find()) {
            throw new IllegalStateException("No code in the last message to " + phone);
        }
        return matcher.group(1);
    }

    private Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (!cookie.isEmpty()) {
            headers.put("Cookie", "other=1; " + Sessions.COOKIE + "=" + cookie);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private HttpResponse send(HttpRequest request) {
        last = system.router().dispatch(request);
        String setCookie = last.headers().get("Set-Cookie");
        if (setCookie != null) {
            cookie = setCookie.substring((Sessions.COOKIE + "=").length(), setCookie.indexOf(';'));
        }
        return last;
    }
}
