package uk.clubreg.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JsonLoggingTest {

    @Test
    void logbackFindsTheConfigurationInCodeAndNoXml() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(JsonLogging.class);
        assertThat(getClass().getResource("/logback.xml")).isNull();
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT").getAppender("STDOUT"))
                .isNotNull();
    }

    @Test
    void jsonLinesOnStdoutWithTheRootAtInfoAndChattyLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        JsonLogging logging = new JsonLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger("ROOT");
        assertThat(root.getLevel()).isEqualTo(System.getenv("LOG_LEVEL") == null ? Level.INFO
                : Level.toLevel(System.getenv("LOG_LEVEL")));
        ConsoleAppender<ILoggingEvent> stdout = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
        assertThat(stdout.isStarted()).isTrue();
        assertThat(stdout.getTarget()).isEqualTo("System.out");
        assertThat(((LayoutWrappingEncoder<ILoggingEvent>) stdout.getEncoder()).getLayout())
                .isInstanceOf(JsonLineLayout.class);
        assertThat(context.getLogger("software.amazon.awssdk").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("uk.clubreg").getLevel()).isNull();
    }
}
