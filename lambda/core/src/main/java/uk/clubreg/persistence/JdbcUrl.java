package uk.clubreg.persistence;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepts Neon's {@code postgresql://user:pass@host/db?sslmode=verify-full} as well as a JDBC URL.
 *
 * <p>PgJDBC verifies a certificate against {@code ~/.postgresql/root.crt} unless told otherwise, and Lambda has no
 * such file; nor does PgJDBC know libpq's {@code sslrootcert=system}. So a {@code postgresql://} URL that verifies
 * the server ({@code verify-full} or {@code verify-ca}) without a root certificate file, or with
 * {@code sslrootcert=system}, gets PgJDBC's {@code DefaultJavaSSLFactory}: the JVM's trusted CAs, which include
 * Neon's (docs/deploy.md, section 4). PgJDBC checks the host name itself in {@code verify-full}.
 */
public record JdbcUrl(String jdbcUrl, String user, String password) {

    static final String SYSTEM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

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
        return new JdbcUrl("jdbc:postgresql://" + hostPort + uri.getRawPath() + query(uri.getRawQuery()), user, password);
    }

    private static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] keyValue = pair.split("=", 2);
            parameters.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
        }
        String mode = parameters.get("sslmode");
        boolean systemRoots = "system".equals(parameters.get("sslrootcert"));
        if (systemRoots) {
            // As libpq: the system's CAs make verify-full the default, and a weaker mode an error.
            if (mode == null) {
                mode = "verify-full";
                parameters.put("sslmode", mode);
            } else if (!mode.equals("verify-full")) {
                throw new IllegalArgumentException("DATABASE_URL: sslrootcert=system needs sslmode=verify-full");
            }
            parameters.remove("sslrootcert");
        }
        boolean verifies = "verify-full".equals(mode) || "verify-ca".equals(mode);
        if (verifies && !parameters.containsKey("sslrootcert") && !parameters.containsKey("sslfactory")) {
            parameters.put("sslfactory", SYSTEM_TRUST_FACTORY);
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((key, value) -> pairs.add(key + "=" + value));
        return "?" + String.join("&", pairs);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
