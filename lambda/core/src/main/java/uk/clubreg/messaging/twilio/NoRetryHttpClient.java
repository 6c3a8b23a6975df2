package uk.clubreg.messaging.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;

/**
 * The SDK's HTTP client with its retries turned off, optionally pointed at a local server.
 *
 * <p>Two layers retry a POST by default: twilio-java's {@code HttpClient.reliableRequest} (up to 3 attempts on
 * any 5xx, via {@code shouldRetry}) and, under it, Apache HttpClient 5's {@code DefaultHttpRequestRetryStrategy}
 * (one more attempt on 429 and 503, POST included): up to 6 POSTs to Messages.json, each possibly a WhatsApp
 * message. Both are off here, so every request is made exactly once; retrying is the job's business, under our
 * idempotency key (decision 0030).
 *
 * <p>With a base URL, {@code https://<product>.twilio.com} is replaced by it (WireMock, a local fake), so tests
 * see exactly the requests the real SDK makes.
 */
final class NoRetryHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    /** @param baseUrl replaces {@code https://api.twilio.com}; null sends to Twilio */
    NoRetryHttpClient(String baseUrl) {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(HttpClient.DEFAULT_SOCKET_CONFIG)
                        .build())
                .setDefaultRequestConfig(HttpClient.DEFAULT_REQUEST_CONFIG));
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
    }

    /** Closes the connection pool of a client replaced after a rotation. */
    void close() {
        client.close(CloseMode.GRACEFUL);
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
