package uk.clubreg.local.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went: each sample goes to the first frame, from the top of its stack, that
 * belongs to a known part (so a socket read inside the JDBC driver counts as JDBC, not as java.net).
 */
final class CpuProfile {

    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("ElasticMQ (the local SQS stand-in: ElasticMQ, Pekko, Scala)",
                List.of("org.elasticmq.", "org.apache.pekko.", "scala.", "spray."));
        PARTS.put("AWS SDK (SQS client)", List.of("software.amazon.awssdk."));
        PARTS.put("PostgreSQL JDBC driver and HikariCP", List.of("org.postgresql.", "com.zaxxer."));
        PARTS.put("Logging (JSON lines)", List.of("org.apache.logging.", "ch.qos.", "org.slf4j."));
        PARTS.put("Jackson", List.of("com.fasterxml."));
        PARTS.put("JDK HTTP server (the local API Gateway)", List.of("sun.net.httpserver.", "com.sun.net.httpserver."));
        PARTS.put("Our code (uk.clubreg)", List.of("uk.clubreg."));
    }

    private CpuProfile() {}

    /** Share of the samples per part, in percent, largest first; "Other" is stacks of JDK code alone. */
    static Map<String, Double> shares(Path recording) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            counts.merge(part(event.getStackTrace().getFrames()), 1, Integer::sum);
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        int samples = total;
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey(), 100.0 * e.getValue() / samples));
        shares.put("(samples)", (double) total);
        return shares;
    }

    private static String part(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
                if (part.getValue().stream().anyMatch(type::startsWith)) {
                    return part.getKey();
                }
            }
        }
        return "Other (JDK code alone)";
    }
}
