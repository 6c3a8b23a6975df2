package uk.clubreg.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.messaging.MessagingHarness;

/**
 * A browser's part in the console tests, against the router: it keeps the console cookie it is given, sends it
 * back, and reads the CSRF token of the last page's forms.
 */
final class ConsoleBrowser {

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

    String csrf() {
        Matcher matcher = CSRF.matcher(last.body());
        if (!matcher.find()) {
            throw new IllegalStateException("No form with a CSRF token on the last page: " + last.body());
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
