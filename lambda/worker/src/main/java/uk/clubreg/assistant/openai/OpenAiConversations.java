package uk.clubreg.assistant.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import uk.clubreg.assistant.AiConversations;

/** Deletes conversations with OpenAI's Conversations API (openai-java), which the responder created. */
public final class OpenAiConversations implements AiConversations {

    private final OpenAIClient client;

    public OpenAiConversations(OpenAIClient client) {
        this.client = client;
    }

    @Override
    public boolean delete(String conversationId) {
        try {
            return client.conversations().delete(conversationId).deleted();
        } catch (NotFoundException e) {
            return false;
        }
    }
}
