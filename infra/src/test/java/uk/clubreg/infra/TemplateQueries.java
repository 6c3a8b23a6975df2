package uk.clubreg.infra;

import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import software.amazon.awscdk.assertions.Template;

/** Reads a synthesised template as plain maps, for assertions that relate two resources to each other. */
final class TemplateQueries {

    private final Map<String, Object> resources;

    @SuppressWarnings("unchecked")
    TemplateQueries(Template template) {
        this.resources = (Map<String, Object>) template.toJSON().get("Resources");
    }

    /** The logical id of the one resource of {@code type} whose id starts with {@code idPrefix}. */
    String logicalId(String type, String idPrefix) {
        List<String> ids = resources.entrySet().stream()
                .filter(e -> e.getKey().startsWith(idPrefix) && type.equals(resource(e.getKey()).get("Type")))
                .map(Entry::getKey)
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("Expected one " + type + " starting with " + idPrefix + ", found " + ids);
        }
        return ids.getFirst();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resource(String logicalId) {
        return (Map<String, Object>) resources.get(logicalId);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) resource(logicalId).get("Properties");
    }

    @SuppressWarnings("unchecked")
    List<String> dependsOn(String logicalId) {
        Object dependsOn = resource(logicalId).get("DependsOn");
        return dependsOn == null ? List.of() : (List<String>) dependsOn;
    }

    /** The policy documents attached to the role whose logical id starts with {@code roleIdPrefix}, as text. */
    String policiesOfRole(String roleIdPrefix) {
        String roleId = logicalId("AWS::IAM::Role", roleIdPrefix);
        StringBuilder text = new StringBuilder();
        resources.forEach((id, value) -> {
            Map<String, Object> resource = resource(id);
            if ("AWS::IAM::Policy".equals(resource.get("Type"))
                    && String.valueOf(properties(id).get("Roles")).contains("Ref=" + roleId)) {
                text.append(properties(id).get("PolicyDocument"));
            }
        });
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> environmentOf(String functionIdPrefix) {
        Map<String, Object> environment = (Map<String, Object>) properties(
                logicalId("AWS::Lambda::Function", functionIdPrefix)).get("Environment");
        return (Map<String, Object>) environment.get("Variables");
    }
}
