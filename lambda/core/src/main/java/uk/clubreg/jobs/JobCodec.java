package uk.clubreg.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.clubreg.json.Json;

/**
 * The one place jobs are written to and read from queue messages: the body is {@code {"type": ..., ...fields}};
 * the group and deduplication ids travel as FIFO message attributes (and outbox columns).
 */
public final class JobCodec {

    static final String SEND_INVITATION = "send_invitation";
    static final String INBOUND_MESSAGE = "inbound_message";
    static final String RESEND_AS_TEMPLATE = "resend_as_template";

    private JobCodec() {}

    /** The wire name of the job's type, e.g. {@code send_invitation}. */
    public static String type(Job job) {
        return switch (job) {
            case Job.SendInvitation ignored -> SEND_INVITATION;
            case Job.InboundMessage ignored -> INBOUND_MESSAGE;
            case Job.ResendAsTemplate ignored -> RESEND_AS_TEMPLATE;
        };
    }

    public static String body(Job job) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        switch (job) {
            case Job.SendInvitation send -> body.put("invitation_id", send.invitationId());
            case Job.InboundMessage inbound -> {
                body.put("message_id", inbound.messageId());
                if (inbound.conversationId() != null) {
                    body.put("conversation_id", inbound.conversationId());
                }
            }
            case Job.ResendAsTemplate resend -> body.put("message_id", resend.messageId());
        }
        body.put("type", type(job));
        return Json.write(body);
    }

    /** @throws IllegalArgumentException when the body is not a job this version knows */
    public static Job read(String body, String groupId, String deduplicationId) {
        JsonNode node = Json.read(body);
        String type = node.path("type").asText();
        return switch (type) {
            case SEND_INVITATION -> new Job.SendInvitation(groupId, id(node, type, "invitation_id"));
            case INBOUND_MESSAGE -> new Job.InboundMessage(groupId, deduplicationId, id(node, type, "message_id"),
                    node.path("conversation_id").canConvertToLong() ? node.path("conversation_id").asLong() : null);
            case RESEND_AS_TEMPLATE -> new Job.ResendAsTemplate(groupId, id(node, type, "message_id"));
            default -> throw new IllegalArgumentException("Unknown job type: " + type);
        };
    }

    private static long id(JsonNode node, String type, String field) {
        if (!node.path(field).canConvertToLong()) {
            throw new IllegalArgumentException("Job " + type + " has no " + field);
        }
        return node.path(field).asLong();
    }
}
