package uk.clubreg.logging;

import org.slf4j.MDC;

/** Puts the request id and route on every log line written while a request or job is handled. */
public final class RequestContext implements AutoCloseable {

    public static final String REQUEST_ID = "request_id";
    public static final String ROUTE = "route";

    private RequestContext() {}

    public static RequestContext open(String requestId, String route) {
        MDC.clear();
        MDC.put(REQUEST_ID, requestId);
        if (route != null) {
            MDC.put(ROUTE, route);
        }
        return new RequestContext();
    }

    public static String currentRequestId() {
        return MDC.get(REQUEST_ID);
    }

    @Override
    public void close() {
        MDC.clear();
    }
}
