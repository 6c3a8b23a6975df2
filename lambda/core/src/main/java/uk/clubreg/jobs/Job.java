package uk.clubreg.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.clubreg.json.Json;

/**
 * A unit of work for the worker. {@code groupId} orders jobs (FIFO MessageGroupId: the parent's E.164 number);
 * {@code deduplicationId} makes a repeated publish a no-op. The body is {@code {"type": ..., ...payload}}.
 */
public record Job(JobType type, String groupId, String deduplicationId, ObjectNode payload) {

    public static Job of(JobType type, String groupId, String deduplicationId) {
        return new Job(type, groupId, deduplicationId, Json.MAPPER.createObjectNode());
    }

    public Job with(String field, long value) {
        ObjectNode copy = payload.deepCopy();
        copy.put(field, value);
        return new Job(type, groupId, deduplicationId, copy);
    }

    public Job with(String field, String value) {
        ObjectNode copy = payload.deepCopy();
        copy.put(field, value);
        return new Job(type, groupId, deduplicationId, copy);
    }

    /** The queue message body. */
    public String body() {
        ObjectNode body = payload.deepCopy();
        body.put("type", type.wireName());
        return Json.write(body);
    }

    public static Job fromBody(String body, String groupId, String deduplicationId) {
        ObjectNode node = (ObjectNode) Json.read(body);
        JobType type = JobType.fromWireName(node.path("type").asText());
        node.remove("type");
        return new Job(type, groupId, deduplicationId, node);
    }
}
