package uk.clubreg.local.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import uk.clubreg.local.LocalStack;

/**
 * The local stack whose jobs go nowhere: the invitation benchmark's run against a no-op queue, which shows what our
 * own path (HTTP, handler, PostgreSQL transaction with its outbox row) does without the SQS stand-in.
 */
public final class NoQueueStack {

    private NoQueueStack() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("LOCAL_WORKER_ENABLED", "false");
        LocalStack stack = LocalStack.startWithQueue(environment, job -> { });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }));
        System.out.println("No-queue stack on " + stack.baseUrl());
        stopped.await();
    }
}
