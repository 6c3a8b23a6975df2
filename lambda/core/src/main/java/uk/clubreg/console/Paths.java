package uk.clubreg.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The console's URLs as a browser sees them: under the public base URL's path (the API Gateway stage, e.g.
 * {@code /prod}), which the handler's paths do not include.
 */
final class Paths {

    private final String root;

    Paths(String publicBaseUrl) {
        String path = URI.create(publicBaseUrl).getPath();
        this.root = (path == null || path.equals("/") ? "" : path.replaceAll("/$", "")) + "/console";
    }

    String root() {
        return root;
    }

    String teams() {
        return root + "/teams";
    }

    String team(String name, String season) {
        return root + "/team?name=" + encode(name) + "&season=" + encode(season);
    }

    String team(String name, String season, String status) {
        return team(name, season) + "&status=" + encode(status);
    }

    String teamCsv(String name, String season) {
        return root + "/team.csv?name=" + encode(name) + "&season=" + encode(season);
    }

    String invite(String name, String season) {
        return root + "/invite?name=" + encode(name) + "&season=" + encode(season);
    }

    String player(long playerId) {
        return root + "/players/" + playerId;
    }

    String sessions() {
        return root + "/sessions";
    }

    String revokeSession(long sessionId) {
        return sessions() + "/" + sessionId + "/revoke";
    }

    String signOutEverywhere() {
        return root + "/sign-out-everywhere";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
