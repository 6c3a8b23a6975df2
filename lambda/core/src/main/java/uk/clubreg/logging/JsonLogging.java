package uk.clubreg.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import org.slf4j.Logger;

/**
 * Logback's configuration, in code: JSON lines ({@link JsonLineLayout}) on stdout, the root at LOG_LEVEL (INFO
 * when unset), chatty libraries at WARN. Found by logback through META-INF/services, so it skips the XML parser a
 * logback.xml needs, which cost a cold start about a tenth of a second
 * (docs/decisions/0121-api-cold-start-trimmed.md). Setting {@code -Dlogback.configurationFile} still wins.
 */
public final class JsonLogging extends ContextAwareBase implements Configurator {

    /** Lambda ships stdout to CloudWatch; the local stack prints the same lines. */
    static final List<String> QUIET_LIBRARIES = List.of("com.zaxxer.hikari", "org.flywaydb", "software.amazon.awssdk",
            "org.apache.hc", "com.twilio", "org.elasticmq", "org.apache.pekko", "io.zonky", "org.testcontainers",
            "wiremock", "org.eclipse.jetty");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("LOG_LEVEL"), Level.INFO));
        root.addAppender(stdout);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
