package uk.clubreg.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;

/**
 * The variables of the reminder and staff-notice templates (docs/deploy.md lists them). As with the invitation,
 * Twilio refuses an empty value, so an absent one gets a fallback (docs/decisions/0033-template-variable-fallbacks.md),
 * and WhatsApp refuses line breaks in a variable, so a notice becomes one line.
 */
final class NoticeVariables {

    /** WhatsApp's limit for a template body is 1,024 characters; the fixed text of the template needs the rest. */
    static final int MAX_NOTICE = 900;

    private NoticeVariables() {}

    /** Reminder: 1 parent first name, 2 the children's first names, 3 season, 4 club. */
    static Map<String, String> reminder(Parent parent, List<Player> children, String clubName) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("1", TemplateVariables.orElse(parent.firstName(), TemplateVariables.PARENT_FALLBACK));
        variables.put("2", TemplateVariables.orElse(Player.firstNames(children), "your child"));
        variables.put("3", TemplateVariables.orElse(children.isEmpty() ? null : children.getFirst().season(), "new"));
        variables.put("4", clubName);
        return variables;
    }

    /** Staff notice: 1 the recipient's name, 2 club, 3 the notice on one line. */
    static Map<String, String> staffNotice(String recipientName, String clubName, String notice) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("1", TemplateVariables.orElse(recipientName, TemplateVariables.PARENT_FALLBACK));
        variables.put("2", clubName);
        variables.put("3", oneLine(notice));
        return variables;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s*\\R+\\s*", " / ").replaceAll(" {4,}", " ").trim();
        return line.length() <= MAX_NOTICE ? line : line.substring(0, MAX_NOTICE - 1) + "…";
    }
}
