package uk.clubreg.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * What Lambda tells the worker about one invocation, locally: only the remaining time is real, counted down from
 * the poll that received the batch, so a turn gets the deadline it would get in AWS
 * (docs/decisions/0083-turn-deadline.md).
 */
final class LocalInvocation implements Context {

    private final long endsAtNanos;
    private final String requestId = UUID.randomUUID().toString();

    LocalInvocation(Duration timeout) {
        this.endsAtNanos = System.nanoTime() + timeout.toNanos();
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (endsAtNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public String getAwsRequestId() { return requestId; }

    @Override
    public String getLogGroupName() { return "local"; }

    @Override
    public String getLogStreamName() { return "local-worker"; }

    @Override
    public String getFunctionName() { return "local-worker"; }

    @Override
    public String getFunctionVersion() { return "$LATEST"; }

    @Override
    public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:local-worker"; }

    @Override
    public CognitoIdentity getIdentity() { return null; }

    @Override
    public ClientContext getClientContext() { return null; }

    @Override
    public int getMemoryLimitInMB() { return (int) (Runtime.getRuntime().maxMemory() >> 20); }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {}

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
