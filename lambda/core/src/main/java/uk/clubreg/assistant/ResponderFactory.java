package uk.clubreg.assistant;

/**
 * Makes the responder once, from the assistant's context. Core offers the guided dialogue
 * ({@link Assistant#guided()}); the worker plugs in the AI, which is the only code that needs openai-java.
 */
@FunctionalInterface
public interface ResponderFactory {
    Responder create(ResponderContext context);
}
