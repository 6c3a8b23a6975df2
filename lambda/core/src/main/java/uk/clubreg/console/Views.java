package uk.clubreg.console;

import java.util.List;

/**
 * What the console's templates (src/main/jte) show: text already worded and formatted, so templates only lay it
 * out, and every value they print is escaped by jte.
 */
public final class Views {

    private Views() {}

    /**
     * Every page's frame: its title, the console's root URL, the CSRF token of its forms, and who is signed in
     * (null: nobody).
     */
    public record Frame(String title, String root, String csrf, String signedInAs) {
        public boolean signedIn() {
            return signedInAs != null;
        }
    }

    public record TeamLink(String name, String season, int players, String href) {}

    public record Filter(String label, String href, boolean current) {}

    /** One player in the roster; {@code parentState} is empty when the parent can be reached as usual. */
    public record RosterRow(String name, String href, String status, String stage, String missing, String lastMessage,
                            String parentState) {}

    public record Roster(String team, String season, List<Filter> filters, List<RosterRow> rows) {}

    public record Detail(String label, String value) {}

    public record Line(String who, String at, String text, boolean fromParent) {}

    public record PlayerPage(String name, String team, String season, String teamHref, List<Detail> details,
                             List<Line> transcript) {}
}
