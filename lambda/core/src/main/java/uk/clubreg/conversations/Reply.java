package uk.clubreg.conversations;

import java.util.List;

/**
 * What the assistant says to a parent: text, optionally with quick-reply buttons (rendered as a WhatsApp
 * quick-reply template when one is configured, as numbered choices otherwise), and the AI tokens it cost.
 */
public record Reply(String text, List<String> quickReplies, int inputTokens, int outputTokens) {

    public Reply {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of(), 0, 0);
    }

    public static Reply withButtons(String text, List<String> buttons) {
        return new Reply(text, buttons, 0, 0);
    }

    public Reply withUsage(int input, int output) {
        return new Reply(text, quickReplies, input, output);
    }
}
