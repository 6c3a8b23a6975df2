package uk.clubreg.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.assistant.AiConversations;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.audit.Actor;
import uk.clubreg.audit.AuditAction;
import uk.clubreg.audit.AuditEntry;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.MessageRecords;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.photos.PhotoFiles;
import uk.clubreg.photos.PhotoRepository;
import uk.clubreg.photos.PhotoStore;
import uk.clubreg.photos.StoredPhoto;

/**
 * A parent's right of access and to erasure: {@link #export} gives everything held about them and their children;
 * {@link #erase} removes it from the database and queues the deletion of the processors' copies
 * (docs/decisions/0091-erasure-of-a-parent.md). Both are in the access audit; the API key's routes and the
 * managers' console call the same methods with their own {@link Actor}.
 */
public final class ParentData {

    private final Transactions transactions;
    private final PersonalDataRepository data;
    private final AccessAudit audit;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final PhotoRepository photos;
    private final PhotoFiles photoFiles;
    private final String phoneRegion;

    public ParentData(Transactions transactions, PersonalDataRepository data, AccessAudit audit, Outbox outbox,
                      OutboxRelay relay, PhotoRepository photos, PhotoFiles photoFiles, String phoneRegion) {
        this.transactions = transactions;
        this.data = data;
        this.photos = photos;
        this.photoFiles = photoFiles;
        this.audit = audit;
        this.outbox = outbox;
        this.relay = relay;
        this.phoneRegion = phoneRegion;
    }

    /**
     * Everything held about the parent with this E.164 number, as JSON-ready maps: their row, their children's
     * (details and consents), their photos (what is kept, with the admin route that gives the file), invitations,
     * conversations, the replies decided, every message, and the audit entries about them (this export's own
     * included). Empty when nothing is held.
     */
    public Optional<Map<String, Object>> export(String phone, Actor actor, String requestId) {
        return transactions.inTransaction(() -> {
            Footprint footprint = data.footprint(data.lockParent(phone).orElse(null), phone);
            if (footprint.isEmpty()) {
                return Optional.empty();
            }
            audit.record(actor, AuditAction.EXPORT, footprint.parentIds(), footprint.players(),
                    Map.of("messages", footprint.messages().size()), requestId);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("parent", data.rows("parents", footprint.parentIds()).stream().findFirst().orElse(null));
            json.put("players", data.rows("players", footprint.players()));
            json.put("consents", data.rows("consents", footprint.consents()));
            json.put("photos", photos.ofPlayers(footprint.players()).stream().map(ParentData::photo).toList());
            json.put("invitations", data.rows("invitations", footprint.invitations()));
            json.put("conversations", data.rows("conversations", footprint.conversations()));
            json.put("conversation_turns", data.rows("conversation_turns", footprint.turns()));
            json.put("messages", data.rows("messages", footprint.messages()));
            json.put("audit", audit.about(footprint.parentIds(), footprint.players()).stream()
                    .map(AuditEntry::toJson).toList());
            return Optional.of(json);
        });
    }

    /**
     * Erases the parent with this E.164 number: every row of theirs is deleted in one transaction with its audit
     * entry (which names ids and counts only), and a job deletes the processors' copies. Idempotent: a second call
     * finds nothing and removes nothing, and is audited too.
     */
    public Erasure erase(String phone, Actor actor, String requestId) {
        record Done(Erasure erasure, Optional<Outbox.Pending> job) {}
        Done done = transactions.inTransaction(() -> {
            Footprint footprint = data.footprint(data.lockParent(phone).orElse(null), phone);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("players", footprint.players().size());
            detail.put("conversations", footprint.conversations().size());
            detail.put("messages", footprint.messages().size());
            detail.put("twilio_messages", footprint.messageSids().size());
            detail.put("openai_conversations", footprint.aiConversationIds().size());
            List<String> photoKeys = photos.ofPlayers(footprint.players()).stream().map(StoredPhoto::key).toList();
            detail.put("photos", photoKeys.size());
            long entry = audit.recordForThisTransaction(actor, AuditAction.ERASURE, footprint.parentIds(),
                    footprint.players(), detail, requestId);
            Map<String, Integer> removed = data.delete(footprint);
            removed.putAll(data.deleteByNumber(phone));
            Job.DeleteProcessorCopies copies = new Job.DeleteProcessorCopies("erasure:" + entry, entry,
                    footprint.messageSids(), footprint.aiConversationIds(), photoKeys);
            Optional<Outbox.Pending> job = copies.isEmpty() ? Optional.empty() : outbox.add(copies);
            return new Done(new Erasure(!footprint.isEmpty(), removed, footprint.messageSids().size(),
                    footprint.aiConversationIds().size(), photoKeys.size(), entry), job);
        });
        done.job().ifPresent(relay::publish);
        return done.erasure();
    }

    /** The worker's {@code delete_processor_copies} job. */
    public JobHandler<Job.DeleteProcessorCopies> processorCopiesJob(MessageRecords messageRecords,
                                                                    AiConversations aiConversations,
                                                                    PhotoStore photoStore) {
        return new ProcessorCopiesJob(messageRecords, aiConversations, photoStore);
    }

    /** A photo in the export: what is kept, and the admin route that gives the file itself. */
    private static Map<String, Object> photo(StoredPhoto photo) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("player_id", photo.playerId());
        json.put("content_type", photo.contentType());
        json.put("size_bytes", photo.sizeBytes());
        json.put("sha256", photo.sha256());
        json.put("message_id", photo.messageId());
        json.put("received_at", photo.receivedAt().toString());
        json.put("file", "/admin/players/" + photo.playerId() + "/photo");
        return json;
    }

    /** {@code GET /admin/parents/{tel}/export}, for the club's API key. */
    public Endpoint exportEndpoint() {
        return request -> ParentDataEndpoints.export(this, phoneRegion, request);
    }

    /**
     * {@code GET /admin/players/{player_id}/photo}, for the club's API key: the file an export's {@code photos}
     * names, recorded in the access audit as part of the export.
     */
    public Endpoint photoEndpoint() {
        return request -> request.idParameter("player_id").flatMap(photoFiles::ofPlayer).map(photo -> {
            audit.record(Actor.API_KEY, AuditAction.EXPORT, List.of(photo.parentId()), List.of(photo.playerId()),
                    Map.of("photo", true), request.requestId());
            return photoFiles.serve(photo, request.requestId());
        }).orElseGet(() -> HttpResponse.error(404, "not_found", "No photo is kept for this player",
                request.requestId(), Map.of()));
    }

    /** {@code DELETE /admin/parents/{tel}}, for the club's API key. */
    public Endpoint eraseEndpoint() {
        return request -> ParentDataEndpoints.erase(this, phoneRegion, request);
    }
}
