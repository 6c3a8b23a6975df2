package uk.clubreg.assistant;

/**
 * The AI provider's copies of parents' conversations (OpenAI's Conversations API), deleted when a parent's data is
 * erased. Only the worker builds an AI client; elsewhere {@link #UNAVAILABLE} stands in.
 */
public interface AiConversations {

    /**
     * @return true when the provider deleted it, false when it no longer had it
     * @throws RuntimeException when the provider could not be asked or refused: the job is retried
     */
    boolean delete(String conversationId);

    /** Where no AI client is built (the API function): deletions are the worker's job. */
    AiConversations UNAVAILABLE = conversationId -> {
        throw new IllegalStateException("OpenAI conversations are deleted by the worker, which has OPENAI_API_KEY");
    };
}
