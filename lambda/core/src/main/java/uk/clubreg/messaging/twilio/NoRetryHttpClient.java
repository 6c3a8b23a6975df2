package uk.clubreg.messaging.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;

/**
 * The SDK's HTTP client with its retries turned off, optionally pointed at a local server.
 *
 * <p>twilio-java's {@code HttpClient.reliableRequest} repeats a request while {@code shouldRetry} says so (any 5xx or
 * no response, up to 3 attempts), and {@code TwilioRestClient} adds one more round on some 401s. A repeated POST to
 * Messages.json can send the same WhatsApp message twice, so every request is made exactly once here; retrying
 * is the job's business, under our idempotency key (decision 0030).
 *
 * <p>With a base URL, {@code https://<product>.twilio.com} is replaced by it (WireMock, a local fake), so tests
 * see exactly the requests the real SDK makes.
 */
final class NoRetryHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    /** @param baseUrl replaces {@code https://api.twilio.com}; null sends to Twilio */
    NoRetryHttpClient(String baseUrl) {
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(baseUrl == null ? request : rebased(request));
    }

    private Request rebased(Request original) {
        String url = original.getUrl().replaceFirst("^https://[a-z0-9.-]+\\.twilio\\.com", baseUrl);
        Request copy = new Request(original.getMethod(), url);
        copyParams(original.getQueryParams(), copy::addQueryParam);
        copyParams(original.getPostParams(), copy::addPostParam);
        copyParams(original.getHeaderParams(), copy::addHeaderParam);
        copy.setFormParameters(original.getFormParameters());
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        return copy;
    }

    private interface ParamSink {
        void add(String name, String value);
    }

    private static void copyParams(Map<String, List<String>> params, ParamSink sink) {
        params.forEach((name, values) -> values.forEach(value -> sink.add(name, value)));
    }
}
