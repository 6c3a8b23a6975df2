package uk.clubreg.http;

/** One route's behaviour. Implementations live in their capability's package. */
@FunctionalInterface
public interface Endpoint {
    HttpResponse handle(HttpRequest request);
}
