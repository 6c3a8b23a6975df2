package uk.clubreg.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the simulator shows a WhatsApp Content template: its body with {{n}} placeholders and its quick-reply buttons.
 * The texts follow docs/deploy.md's example templates; the real ones live in the Twilio console.
 */
public record SimulatedTemplate(String body, List<String> buttons) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    public SimulatedTemplate {
        buttons = List.copyOf(buttons);
    }

    /** The invitation: 1 parent, 2 player, 3 team, 4 age group, 5 season, 8 manager. */
    public static SimulatedTemplate invitation() {
        return new SimulatedTemplate("Hello {{1}}, the manager {{8}} of {{3}} {{4}} has invited you to register {{2}} "
                + "for the {{5}} season. Let me know if you are happy to register and we will get that sorted.",
                List.of());
    }

    /** The existing-registration template: the parent already started a registration (decision 0047). */
    public static SimulatedTemplate existingRegistration() {
        return new SimulatedTemplate("Hello {{1}}, we noticed you've already started the registration process for "
                + "{{2}}. Please let us know if you experienced any issues with the previous registration attempt, "
                + "and we'll help you resolve them.", List.of());
    }

    /** The reminder (decision 0062): 1 parent, 2 the children, 3 season, 4 club. */
    public static SimulatedTemplate reminder() {
        return new SimulatedTemplate("Hello {{1}}, just a reminder that the {{3}} registration for {{2}} with {{4}} "
                + "isn't finished yet. Reply to this message to carry on where you left off.", List.of());
    }

    /** A notice to a team manager or club admin (decision 0063): 1 recipient, 2 club, 3 the notice. */
    public static SimulatedTemplate staffNotice() {
        return new SimulatedTemplate("Hello {{1}}, a message from {{2}} registrations: {{3}}", List.of());
    }

    /** The quick-reply template (messaging decision 0034): body {{1}}, button titles {{2}} and {{3}}, e.g. Yes/No. */
    public static SimulatedTemplate quickReply() {
        return new SimulatedTemplate("{{1}}", List.of("{{2}}", "{{3}}"));
    }

    /** The body with the variables filled in; a missing variable shows as its placeholder. */
    public String render(JsonNode variables) {
        return fill(body, variables);
    }

    /** The button titles with the variables filled in. */
    public List<String> renderButtons(JsonNode variables) {
        return buttons.stream().map(button -> fill(button, variables)).toList();
    }

    private static String fill(String text, JsonNode variables) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = variables.path(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    value.isMissingNode() || value.isNull() ? matcher.group() : value.asText()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
