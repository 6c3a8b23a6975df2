package uk.clubreg.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import uk.clubreg.logging.JsonLineLayout;

/** Captures every log line as production writes it (JSON, masked), while open. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final JsonLineLayout layout = new JsonLineLayout();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {}

    public static LogCapture capture() {
        LogCapture capture = new LogCapture();
        capture.setContext(root().getLoggerContext());
        capture.start();
        root().addAppender(capture);
        return capture;
    }

    /** Rendered now, in the logging thread, so the line has the request's MDC as it was. */
    @Override
    protected void append(ILoggingEvent event) {
        lines.add(layout.doLayout(event));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
