package uk.clubreg.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The players' photos (PLAYER_PHOTO_REQUIRED; docs/decisions/0115-player-photo.md): a private bucket, encrypted by
 * S3, public access blocked, TLS only, kept when the stack is deleted like the key that opens the collected details.
 * Retention and erasure delete each photo (the worker's job); the lifecycle rule is a backstop for a file whose row
 * is gone. The worker writes and deletes photos, the API only reads them (its presigned links), under
 * {@link #PREFIX} only.
 */
public final class PhotoBucket extends Construct {

    /** Every photo's key starts so (players/{id}/photo): the only objects the functions may touch. */
    static final String PREFIX = "players/";
    /**
     * Longer than a photo is ever kept (DETAILS_RETENTION_SEASONS of 1: its season and the next, about two years),
     * so the rule removes only what retention or an erasure missed.
     */
    static final int EXPIRE_AFTER_DAYS = 1095;
    static final String ENVIRONMENT = "PHOTO_BUCKET";

    private final Bucket bucket;

    public PhotoBucket(Construct scope, String id) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(false)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("PhotosExpireAsABackstop")
                        .expiration(Duration.days(EXPIRE_AFTER_DAYS))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .build();
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("Every view of a photo is through the API, which writes the access audit (who, which "
                        + "player, when: docs/decisions/0090-access-audit.md); server access logs would be a second "
                        + "bucket of request logs naming the same keys.")
                .build()), true);
    }

    /** The worker: keeps a parent's photo and deletes it for retention or an erasure. */
    void storedAndDeletedBy(JavaFunction worker) {
        grant(worker, List.of("s3:PutObject", "s3:DeleteObject"));
    }

    /** The API: the console's and the export's presigned links are signed with its role, so it may read. */
    void readBy(JavaFunction api) {
        grant(api, List.of("s3:GetObject"));
    }

    Bucket bucket() {
        return bucket;
    }

    private void grant(JavaFunction function, List<String> actions) {
        function.function().addEnvironment(ENVIRONMENT, bucket.getBucketName());
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(bucket.arnForObjects(PREFIX + "*")))
                .build());
        NagSuppressions.addResourceSuppressions(function.role(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The photos' objects: one key per player under " + PREFIX + " in this bucket, no other.")
                .appliesTo(List.of("Resource::<" + Stack.of(this).getLogicalId(
                        (CfnElement) bucket.getNode().getDefaultChild()) + ".Arn>/" + PREFIX + "*"))
                .build()), true);
    }
}
