package uk.clubreg.local.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import uk.clubreg.local.LocalStack;

/**
 * The worker in a JVM of its own, as a Lambda instance is: the local stack with only its worker doing anything.
 * {@link #kill()} is SIGKILL, so a turn it was in the middle of stops where it was: its open transaction is rolled
 * back by PostgreSQL and its queue message comes back after the visibility timeout, as when Lambda kills a function.
 * Its log lines are copied to this process's output as they are.
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;

    private WorkerProcess(Process process) {
        this.process = process;
    }

    static WorkerProcess start(Map<String, String> environment, PrintStream log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LocalStack.class.getName()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CountDownLatch started = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("worker-process-log").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("{")) {
                        log.println(line);
                    }
                    if (line.contains("local stack is running")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        if (!started.await(Duration.ofSeconds(90).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The worker process did not start within 90 s");
        }
        return new WorkerProcess(process);
    }

    /** SIGKILL: no shutdown hook, no cleanup, as when Lambda ends a function. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
