package uk.clubreg.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import uk.clubreg.json.Json;

/**
 * The one place jobs are written to and read from queue messages: the body is {@code {"type": ..., ...fields}};
 * the group and deduplication ids travel as FIFO message attributes (and outbox columns).
 */
public final class JobCodec {

    static final String SEND_INVITATION = "send_invitation";
    static final String INBOUND_MESSAGE = "inbound_message";
    static final String RESEND_AS_TEMPLATE = "resend_as_template";
    static final String SEND_REMINDER = "send_reminder";
    static final String HAND_OFF_NOTICE = "hand_off_notice";
    static final String RESUME_CONVERSATION = "resume_conversation";
    static final String COMPLETION_NOTICE = "completion_notice";
    static final String TEAM_SUMMARY = "team_summary";
    static final String DELETE_PROCESSOR_COPIES = "delete_processor_copies";
    static final String SEND_SIGN_IN_CODE = "send_sign_in_code";
    /** Written by API Gateway's mapping template too (infra's RegistrationApi): keep the two in step. */
    public static final String FALLBACK_WEBHOOK = "fallback_webhook";

    private JobCodec() {}

    /** The wire name of the job's type, e.g. {@code send_invitation}. */
    public static String type(Job job) {
        return switch (job) {
            case Job.SendInvitation ignored -> SEND_INVITATION;
            case Job.InboundMessage ignored -> INBOUND_MESSAGE;
            case Job.ResendAsTemplate ignored -> RESEND_AS_TEMPLATE;
            case Job.SendReminder ignored -> SEND_REMINDER;
            case Job.HandOffNotice ignored -> HAND_OFF_NOTICE;
            case Job.ResumeConversation ignored -> RESUME_CONVERSATION;
            case Job.CompletionNotice ignored -> COMPLETION_NOTICE;
            case Job.TeamSummary ignored -> TEAM_SUMMARY;
            case Job.DeleteProcessorCopies ignored -> DELETE_PROCESSOR_COPIES;
            case Job.SendSignInCode ignored -> SEND_SIGN_IN_CODE;
            case Job.FallbackWebhook ignored -> FALLBACK_WEBHOOK;
        };
    }

    public static String body(Job job) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        switch (job) {
            case Job.SendInvitation send -> {
                body.put("invitation_id", send.invitationId());
                if (send.round() > 0) {
                    body.put("round", send.round());
                }
            }
            case Job.InboundMessage inbound -> {
                body.put("message_id", inbound.messageId());
                if (inbound.conversationId() != null) {
                    body.put("conversation_id", inbound.conversationId());
                }
            }
            case Job.ResendAsTemplate resend -> body.put("message_id", resend.messageId());
            case Job.SendReminder reminder -> {
                body.put("conversation_id", reminder.conversationId());
                reminder.playerIds().forEach(body.putArray("player_ids")::add);
                body.put("day", reminder.day().toString());
            }
            case Job.HandOffNotice notice -> {
                body.put("conversation_id", notice.conversationId());
                body.put("hand_off_since", notice.handOffSince());
                body.put("escalation", notice.escalation());
            }
            case Job.ResumeConversation resume -> {
                body.put("conversation_id", resume.conversationId());
                body.put("released_at", resume.releasedAt());
            }
            case Job.CompletionNotice completed -> body.put("player_id", completed.playerId());
            case Job.TeamSummary summary -> {
                body.put("team_name", summary.teamName());
                body.put("season", summary.season());
                body.put("day", summary.day().toString());
            }
            case Job.DeleteProcessorCopies copies -> {
                body.put("audit_entry_id", copies.auditEntryId());
                copies.messageSids().forEach(body.putArray("message_sids")::add);
                copies.aiConversationIds().forEach(body.putArray("ai_conversation_ids")::add);
                copies.photoKeys().forEach(body.putArray("photo_keys")::add);
            }
            case Job.SendSignInCode code -> body.put("code_id", code.codeId());
            case Job.FallbackWebhook fallback -> {
                body.put("signature_base64", Base64.getEncoder().encodeToString(
                        fallback.signature().getBytes(StandardCharsets.UTF_8)));
                body.put("form_base64", Base64.getEncoder().encodeToString(
                        fallback.form().getBytes(StandardCharsets.UTF_8)));
            }
        }
        body.put("type", type(job));
        return Json.write(body);
    }

    /** @throws IllegalArgumentException when the body is not a job this version knows */
    public static Job read(String body, String groupId, String deduplicationId) {
        JsonNode node = Json.read(body);
        String type = node.path("type").asText();
        return switch (type) {
            case SEND_INVITATION -> new Job.SendInvitation(groupId, id(node, type, "invitation_id"),
                    node.path("round").asInt(0));
            case INBOUND_MESSAGE -> new Job.InboundMessage(groupId, deduplicationId, id(node, type, "message_id"),
                    node.path("conversation_id").canConvertToLong() ? node.path("conversation_id").asLong() : null);
            case RESEND_AS_TEMPLATE -> new Job.ResendAsTemplate(groupId, id(node, type, "message_id"));
            case SEND_REMINDER -> new Job.SendReminder(groupId, id(node, type, "conversation_id"),
                    ids(node, type, "player_ids"), day(node, type));
            case HAND_OFF_NOTICE -> new Job.HandOffNotice(groupId, id(node, type, "conversation_id"),
                    id(node, type, "hand_off_since"), node.path("escalation").asBoolean(false));
            case RESUME_CONVERSATION -> new Job.ResumeConversation(groupId, id(node, type, "conversation_id"),
                    id(node, type, "released_at"));
            case COMPLETION_NOTICE -> new Job.CompletionNotice(groupId, id(node, type, "player_id"));
            case TEAM_SUMMARY -> new Job.TeamSummary(groupId, text(node, type, "team_name"),
                    text(node, type, "season"), day(node, type));
            case DELETE_PROCESSOR_COPIES -> new Job.DeleteProcessorCopies(groupId, id(node, type, "audit_entry_id"),
                    texts(node, type, "message_sids"), texts(node, type, "ai_conversation_ids"),
                    texts(node, type, "photo_keys"));
            case SEND_SIGN_IN_CODE -> new Job.SendSignInCode(groupId, id(node, type, "code_id"));
            case FALLBACK_WEBHOOK -> new Job.FallbackWebhook(groupId, deduplicationId,
                    base64(node, type, "signature_base64"), base64(node, type, "form_base64"));
            default -> throw new IllegalArgumentException("Unknown job type: " + type);
        };
    }

    private static long id(JsonNode node, String type, String field) {
        if (!node.path(field).canConvertToLong()) {
            throw new IllegalArgumentException("Job " + type + " has no " + field);
        }
        return node.path(field).asLong();
    }

    private static List<Long> ids(JsonNode node, String type, String field) {
        if (!node.path(field).isArray() || node.path(field).isEmpty()) {
            throw new IllegalArgumentException("Job " + type + " has no " + field);
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : node.path(field)) {
            if (!id.canConvertToLong()) {
                throw new IllegalArgumentException("Job " + type + " has a bad " + field);
            }
            ids.add(id.asLong());
        }
        return ids;
    }

    /** An array of non-blank strings, possibly empty. */
    private static List<String> texts(JsonNode node, String type, String field) {
        List<String> texts = new ArrayList<>();
        for (JsonNode text : node.path(field)) {
            if (!text.isTextual() || text.asText().isBlank()) {
                throw new IllegalArgumentException("Job " + type + " has a bad " + field);
            }
            texts.add(text.asText());
        }
        return texts;
    }

    /** Base64 keeps the JSON that API Gateway's mapping template writes valid whatever a caller sends. */
    private static String base64(JsonNode node, String type, String field) {
        return new String(Base64.getDecoder().decode(text(node, type, field)), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String type, String field) {
        if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
            throw new IllegalArgumentException("Job " + type + " has no " + field);
        }
        return node.path(field).asText();
    }

    private static LocalDate day(JsonNode node, String type) {
        try {
            return LocalDate.parse(text(node, type, "day"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Job " + type + " has a bad day", e);
        }
    }
}
