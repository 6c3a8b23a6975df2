package uk.clubreg.assistant.openai;

import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.RecordingReplies;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;

/** What each AI conversation test starts from: a fresh database, its fixtures and recorded replies, the OpenAI stub. */
final class AiTestBed implements AutoCloseable {

    private final Database database = TestPostgres.freshDatabase();
    private final ConversationFixtures fixtures = new ConversationFixtures(database);
    private final RecordingReplies replies = new RecordingReplies(database);
    private final OpenAiStub openAi = new OpenAiStub();

    AiTestBed() {
        openAi.conversationCreated("conv_1");
    }

    ConversationFixtures fixtures() {
        return fixtures;
    }

    RecordingReplies replies() {
        return replies;
    }

    OpenAiStub openAi() {
        return openAi;
    }

    @Override
    public void close() {
        openAi.close();
        database.close();
    }
}
