package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.ITaggable;
import software.amazon.awscdk.ITaggableV2;
import software.amazon.awscdk.TagManager;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** `cdk deploy -c stage=dev|prod [-c club=...]`: a separately named, tagged stack per club and stage (decision 0058). */
class StagesTest {

    private static final Map<String, String> PROD_TAGS =
            Map.of("project", "club-registration", "club", "urmston", "stage", "prod");

    private static final Pattern CDK_PROVIDER = Pattern.compile("CustomResourceProvider");

    private static RegistrationStack dev;
    private static RegistrationStack prod;
    private static Template prodTemplate;

    @BeforeAll
    static void synthesise() {
        dev = SynthesisedStack.build(Map.of("stage", "dev"));
        prod = SynthesisedStack.build(Map.of("stage", "prod"));
        prodTemplate = SynthesisedStack.template(prod);
    }

    @Test
    void eachStageIsItsOwnStackWithItsOwnConfigurationPrefix() {
        assertThat(dev.getStackName()).isEqualTo("ClubRegistration-urmston-dev");
        assertThat(prod.getStackName()).isEqualTo("ClubRegistration-urmston-prod");
        assertThat(environment(dev, "WorkerFunction")).containsEntry("CONFIG_SSM_PREFIX", "/urmston/dev");
        assertThat(environment(prod, "WorkerFunction")).containsEntry("CONFIG_SSM_PREFIX", "/urmston/prod");
        SynthesisedStack.template(dev).hasResourceProperties("AWS::ApiGateway::Stage", Map.of("StageName", "dev"));
        prodTemplate.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("StageName", "prod"));
        assertThat(new TemplateQueries(prodTemplate).policiesOfRole("WorkerFunctionRole"))
                .contains("secret:urmston/prod/twilio-??????", "parameter/urmston/prod/openai/model")
                .doesNotContain("urmston/dev");
    }

    @Test
    void anotherClubIsAnotherStackNeverTheSameStackRepointed() {
        RegistrationStack other = SynthesisedStack.build(Map.of("club", "other-club", "stage", "prod",
                "clubName", "Other Club FC"));

        assertThat(other.getStackName()).isEqualTo("ClubRegistration-other-club-prod");
        assertThat(environment(other, "ApiFunction")).containsEntry("CONFIG_SSM_PREFIX", "/other-club/prod")
                .containsEntry("CLUB_NAME", "Other Club FC");
    }

    @Test
    void anUnknownStageFailsTheSynth() {
        assertThatThrownBy(() -> SynthesisedStack.build(Map.of("stage", "staging")))
                .hasMessageContaining("Unknown stage 'staging'");
    }

    @Test
    void onlyProdIsProtectedFromDeletion() {
        assertThat(prod.getTerminationProtection()).isTrue();
        assertThat(dev.getTerminationProtection()).isFalse();
    }

    @Test
    void theStackCarriesTheProjectClubAndStageTags() {
        assertThat(prod.getTags().tagValues()).isEqualTo(PROD_TAGS);
    }

    @Test
    void everyResourceTheCdkCanTagCarriesThem() {
        List<String> untagged = new ArrayList<>();
        int tagged = 0;
        for (IConstruct construct : prod.getNode().findAll()) {
            Map<String, String> tags = TagManager.isTaggable(construct) ? ((ITaggable) construct).getTags().tagValues()
                    : TagManager.isTaggableV2(construct) ? ((ITaggableV2) construct).getCdkTagManager().tagValues()
                    : null;
            if (tags != null) {
                tagged++;
                if (!tags.entrySet().containsAll(PROD_TAGS.entrySet())) {
                    untagged.add(construct.getNode().getPath());
                }
            }
        }

        assertThat(untagged).isEmpty();
        assertThat(tagged).isGreaterThan(30);
        for (String type : List.of("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::SQS::Queue", "AWS::Logs::LogGroup",
                "AWS::SecretsManager::Secret", "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage", "AWS::SNS::Topic")) {
            Map<String, Map<String, Object>> resources = prodTemplate.findResources(type);
            assertThat(resources).as(type).isNotEmpty();
            resources.forEach((id, resource) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
                // The CDK's own custom resource providers (the Trigger's and others) are plain CfnResources it cannot
                // tag: the stack's tags reach them when CloudFormation creates them.
                if (!CDK_PROVIDER.matcher(id).find()) {
                    assertThat(tagsOf(properties)).as(id).containsAllEntriesOf(PROD_TAGS);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tagsOf(Map<String, Object> properties) {
        Map<String, String> tags = new HashMap<>();
        Object list = properties.get("Tags");
        if (list instanceof List<?> entries) {
            entries.forEach(entry -> tags.put(String.valueOf(((Map<String, Object>) entry).get("Key")),
                    String.valueOf(((Map<String, Object>) entry).get("Value"))));
        }
        return tags;
    }

    @Test
    void theAlarmsCountOnlyTheirOwnStagesLogs() {
        for (RegistrationStack stack : List.of(dev, prod)) {
            String namespace = "ClubRegistration/urmston/" + (stack == dev ? "dev" : "prod");
            Template template = SynthesisedStack.template(stack);
            assertThat(template.findResources("AWS::Logs::MetricFilter").values()).isNotEmpty()
                    .allSatisfy(filter -> assertThat(String.valueOf(filter)).contains("MetricNamespace=" + namespace + ","));
        }
    }

    private static Map<String, Object> environment(RegistrationStack stack, String function) {
        return new TemplateQueries(SynthesisedStack.template(stack)).environmentOf(function);
    }
}
