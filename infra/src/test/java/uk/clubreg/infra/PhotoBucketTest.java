package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The players' photos' bucket (issue 15, docs/decisions/0115-player-photo.md) as the prod stack deploys it. */
class PhotoBucketTest {

    private static Template template;
    private static TemplateQueries queries;
    private static String bucket;

    @BeforeAll
    static void synthesise() {
        template = SynthesisedStack.template(SynthesisedStack.build(Map.of("stage", "prod")));
        queries = new TemplateQueries(template);
        bucket = queries.logicalId("AWS::S3::Bucket", "PhotosBucket");
    }

    @Test
    void theBucketIsPrivateEncryptedAndKeptWhenTheStackIsDeleted() {
        template.resourceCountIs("AWS::S3::Bucket", 1);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))));
        assertThat(queries.resource(bucket)).containsEntry("DeletionPolicy", "Retain")
                .containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(queries.properties(bucket)).doesNotContainKey("WebsiteConfiguration")
                .doesNotContainKey("VersioningConfiguration");
    }

    @Test
    void onlyTlsRequestsAreAllowed() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", bucket),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Action", "s3:*", "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void aLifecycleRuleExpiresWhatRetentionMissedAfterThreeYears() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
                List.of(Map.of("Id", "PhotosExpireAsABackstop", "Status", "Enabled",
                        "ExpirationInDays", PhotoBucket.EXPIRE_AFTER_DAYS,
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))))));
        assertThat(PhotoBucket.EXPIRE_AFTER_DAYS).isGreaterThan(2 * 366);
    }

    @Test
    void theWorkerWritesAndDeletesPhotosOnlyAndTheApiOnlyReadsThem() {
        String worker = queries.policiesOfRole("WorkerFunctionRole");
        String api = queries.policiesOfRole("ApiFunctionRole");

        String objects = bucket + ", Arn]}, /players/*";
        assertThat(worker).contains("s3:PutObject", "s3:DeleteObject", objects)
                .doesNotContain("s3:GetObject", "s3:*", "s3:List", "s3:GetBucket");
        assertThat(api).contains("s3:GetObject", objects)
                .doesNotContain("s3:PutObject", "s3:DeleteObject", "s3:*", "s3:List");
        for (String other : List.of("DailyRunFunctionRole", "OutboxSweeperFunctionRole", "MigrationFunctionRole")) {
            assertThat(queries.policiesOfRole(other)).as(other).doesNotContain("s3:");
        }
    }

    @Test
    void theApiAndTheWorkerAreToldTheBucketAndTheClubsChoice() {
        for (String function : List.of("ApiFunction", "WorkerFunction")) {
            assertThat(queries.environmentOf(function)).as(function)
                    .containsEntry("PHOTO_BUCKET", Map.of("Ref", bucket))
                    .containsEntry("PLAYER_PHOTO_REQUIRED", "false");
        }
    }

    @Test
    void aClubThatRequiresPhotosSaysSoInCdkJson() {
        TemplateQueries club = new TemplateQueries(SynthesisedStack.template(SynthesisedStack.build(
                Map.of("playerPhotoRequired", "true"))));

        assertThat(club.environmentOf("WorkerFunction")).containsEntry("PLAYER_PHOTO_REQUIRED", "true");
    }
}
