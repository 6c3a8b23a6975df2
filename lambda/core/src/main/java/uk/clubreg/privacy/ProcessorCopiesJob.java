package uk.clubreg.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.AiConversations;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.MessageRecords;

/**
 * Deletes the processors' copies: Twilio's message records and OpenAI's conversations. Runs in the worker, the one
 * function with an OpenAI client (docs/decisions/0092-processor-copies-deleted-by-the-worker.md). A copy already
 * gone counts as deleted, so a retried job finishes what an earlier attempt started.
 */
final class ProcessorCopiesJob implements JobHandler<Job.DeleteProcessorCopies> {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorCopiesJob.class);

    private final MessageRecords messageRecords;
    private final AiConversations aiConversations;

    ProcessorCopiesJob(MessageRecords messageRecords, AiConversations aiConversations) {
        this.messageRecords = messageRecords;
        this.aiConversations = aiConversations;
    }

    @Override
    public void handle(Job.DeleteProcessorCopies job) {
        int messages = 0;
        for (String sid : job.messageSids()) {
            messages += messageRecords.delete(sid) ? 1 : 0;
        }
        int conversations = 0;
        for (String id : job.aiConversationIds()) {
            conversations += aiConversations.delete(id) ? 1 : 0;
        }
        LOG.atInfo().addKeyValue("audit_entry_id", job.auditEntryId())
                .addKeyValue("twilio_messages_deleted", messages)
                .addKeyValue("twilio_messages_already_gone", job.messageSids().size() - messages)
                .addKeyValue("openai_conversations_deleted", conversations)
                .addKeyValue("openai_conversations_already_gone", job.aiConversationIds().size() - conversations)
                .log("Processor copies deleted");
    }
}
