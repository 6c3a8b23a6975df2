package uk.clubreg.conversations;

/** One earlier message of the conversation, for rebuilding the AI's memory from the messages table. */
public record HistoryMessage(boolean fromParent, String body) {}
