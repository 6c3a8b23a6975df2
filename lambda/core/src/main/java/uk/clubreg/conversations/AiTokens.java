package uk.clubreg.conversations;

/** OpenAI tokens, as recorded on the replies they produced. */
public record AiTokens(long input, long output) {

    public static final AiTokens NONE = new AiTokens(0, 0);

    public long total() {
        return input + output;
    }
}
