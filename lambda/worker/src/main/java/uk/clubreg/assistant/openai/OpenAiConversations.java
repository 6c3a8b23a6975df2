package uk.clubreg.assistant.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import java.util.function.Supplier;
import uk.clubreg.assistant.AiConversations;

/** Deletes conversations with OpenAI's Conversations API (openai-java), which the responder created. */
public final class OpenAiConversations implements AiConversations {

    private final Supplier<OpenAIClient> client;

    /** @param client the current client, read for each deletion so a rotated key is used */
    public OpenAiConversations(Supplier<OpenAIClient> client) {
        this.client = client;
    }

    @Override
    public boolean delete(String conversationId) {
        try {
            return client.get().conversations().delete(conversationId).deleted();
        } catch (NotFoundException e) {
            return false;
        }
    }
}
