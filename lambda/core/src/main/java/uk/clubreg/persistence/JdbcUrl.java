package uk.clubreg.persistence;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Accepts Neon's {@code postgresql://user:pass@host/db?sslmode=require} as well as a JDBC URL. */
public record JdbcUrl(String jdbcUrl, String user, String password) {

    public static JdbcUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        if (url.startsWith("jdbc:")) {
            return new JdbcUrl(url, null, null);
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql:// or jdbc:postgresql://");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String hostPort = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new JdbcUrl("jdbc:postgresql://" + hostPort + uri.getRawPath() + query, user, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
