package uk.clubreg.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.clubreg.json.Json;

/**
 * What a tool call did, as the model reads it: {@code {"ok": true, "result": ...}} or {@code {"ok": false,
 * "error": ...}}. Errors are for the model to act on (ask the parent again), never thrown.
 */
public record ToolResult(boolean ok, String message) {

    public static ToolResult done(String message) {
        return new ToolResult(true, message);
    }

    public static ToolResult refused(String error) {
        return new ToolResult(false, error);
    }

    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("ok", ok);
        node.put(ok ? "result" : "error", message);
        return Json.write(node);
    }
}
