package uk.clubreg.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A text file from the classpath served as it is, read once when the route is built. */
public final class StaticResource {

    private StaticResource() {}

    /** @param resource an absolute classpath name, e.g. {@code /openapi.json} */
    public static Endpoint of(String resource, String contentType) {
        String body;
        try (InputStream in = StaticResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + resource + " on the classpath");
            }
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse response = new HttpResponse(200, Map.of("Content-Type", contentType), body);
        return request -> response;
    }
}
