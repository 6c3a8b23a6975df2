package uk.clubreg.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.clubreg.conversations.Reply;

/** A conversation as text, written under target/transcripts for docs/conversation-transcripts.md. */
public final class Transcript {

    private final List<String> lines = new ArrayList<>();

    public void parent(String text) {
        lines.add("Parent: " + text);
    }

    public void assistant(Reply reply) {
        lines.add("Omega:  " + reply.text().replace("\n", "\n        ")
                + (reply.quickReplies().isEmpty() ? "" : "\n        [" + String.join("] [", reply.quickReplies()) + "]")
                + (reply.inputTokens() + reply.outputTokens() == 0 ? ""
                        : "\n        (tokens: " + reply.inputTokens() + " in, " + reply.outputTokens() + " out)"));
    }

    public void write(String name) {
        try {
            Path dir = Path.of("target", "transcripts");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
