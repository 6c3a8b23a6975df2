package uk.clubreg.console;

import java.util.List;
import java.util.Map;

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

    /** A team's roster; {@code csv}: its export; {@code invite}: the page to invite more players. */
    public record Roster(String team, String season, List<Filter> filters, List<RosterRow> rows, String csv,
                         String invite) {}

    public record Detail(String label, String value) {}

    public record Line(String who, String at, String text, boolean fromParent) {}

    /**
     * A player's page; {@code actions}: the URL its buttons post under; {@code notice}: what the last button did
     * (null: nothing); {@code photo}: the URL of the player's photo (null: none kept).
     */
    public record PlayerPage(String name, String team, String season, String teamHref, List<Detail> details,
                             List<Line> transcript, String actions, boolean waitingForPerson, boolean finished,
                             String notice, String photo) {}

    /** A live console session: who (masked), when it signed in and was last used, where to post to revoke it. */
    public record SessionRow(String who, String created, String lastUsed, String revoke, boolean current) {}

    /** The sessions page: the sessions the viewer may revoke, and where "Sign out everywhere" posts. */
    public record SessionsPage(List<SessionRow> rows, boolean clubAdmin, String signOutEverywhere, String notice) {}

    /** The invite page: the form's values and errors by field name (as /trigger names them), and where to post. */
    public record InvitePage(String team, String season, String teamHref, String invite, String preview,
                             Map<String, String> values, Map<String, String> errors) {
        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    /** One line of an uploaded squad list: its line number, who, and what is wrong (empty: nothing). */
    public record PreviewRow(int line, String player, String parentTel, String errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** The preview of an uploaded squad list; {@code squad} is the list again, for the confirming form. */
    public record Preview(String team, String season, String teamHref, String upload, List<PreviewRow> rows,
                          long valid, String squad) {
        public String confirm() {
            return valid == 1 ? "Invite 1 player" : "Invite " + valid + " players";
        }
    }
}
