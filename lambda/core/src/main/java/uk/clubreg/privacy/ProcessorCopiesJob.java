package uk.clubreg.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.AiConversations;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.MessageRecords;
import uk.clubreg.photos.PhotoStore;

/**
 * Deletes the copies outside the database: Twilio's message records, OpenAI's conversations and the players' photo
 * files. Runs in the worker, the one function with an OpenAI client
 * (docs/decisions/0092-processor-copies-deleted-by-the-worker.md); a photo file goes the same way, retried by the
 * queue like the others (docs/decisions/0115-player-photo.md). A copy already gone counts as deleted, so a retried
 * job finishes what an earlier attempt started.
 */
final class ProcessorCopiesJob implements JobHandler<Job.DeleteProcessorCopies> {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorCopiesJob.class);

    private final MessageRecords messageRecords;
    private final AiConversations aiConversations;
    private final PhotoStore photoStore;

    ProcessorCopiesJob(MessageRecords messageRecords, AiConversations aiConversations, PhotoStore photoStore) {
        this.messageRecords = messageRecords;
        this.aiConversations = aiConversations;
        this.photoStore = photoStore;
    }

    @Override
    public void handle(Job.DeleteProcessorCopies job) {
        // The club's own copies first: they do not wait on a processor that is down.
        job.photoKeys().forEach(photoStore::delete);
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
                .addKeyValue("photos_deleted", job.photoKeys().size())
                .log("Processor copies deleted");
    }
}
