package io.oncesync.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The text layout keeps every event on one line whatever the message, MDC or exception holds; JSON stays one line. */
class SafeLoggingTest {
    private static final String FORGED = "kate@x.org\r\n2026-11-05T10:00:00.000+0000 INFO  AdminRoutes - admin logged in";

    private static LoggingEvent event(String message, Throwable error) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("test");
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, error, null);
        e.setMDCPropertyMap(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap());
        return e;
    }

    private static String layout(LoggingEvent e) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("safeMsg", SafeMessageConverter::new);
        layout.getInstanceConverterMap().put("safeMdc", SafeMdcConverter::new);
        layout.getInstanceConverterMap().put("safeEx", SafeThrowableConverter::new);
        layout.setPattern("%-5level %logger{0} - %safeMdc%safeMsg%n%safeEx");
        layout.start();
        return layout.doLayout(e);
    }

    @Test
    @DisplayName("CR, LF, other controls, line separators and bidi overrides are escaped; plain text is untouched")
    void escapes() {
        assertThat(SafeText.escape(FORGED)).isEqualTo("kate@x.org\\r\\n2026-11-05T10:00:00.000+0000 INFO  AdminRoutes - admin logged in");
        assertThat(SafeText.escape("a\u0000b\u001bc\u007fd\u0085e\u2028f\u202Eg\tz")).isEqualTo("a\\u0000b\\u001bc\\u007fd\\u0085e\\u2028f\\u202eg\\tz");
        String plain = "Inès Moreau-Lefèvre <ines@client.example> 名前";
        assertThat(SafeText.escape(plain)).isSameAs(plain);
    }

    @Test
    @DisplayName("message, MDC values and exception messages cannot start a new log line")
    void oneLinePerEvent() {
        try (LogContext ignored = LogContext.event("EVNT-1\nforged", "BKNG-1")) {
            String line = layout(event("guest email " + FORGED, null));
            assertThat(line).startsWith("WARN  test - [booking=BKNG-1 event=EVNT-1\\nforged] guest email kate@x.org\\r\\n2026");
            assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        }
        assertThat(MDC.get(LogContext.EVENT)).isNull();
        String withTrace = layout(event("failed", new IllegalStateException("bad input " + FORGED,
                new RuntimeException("cause\n2026-11-05T10:00:00.000+0000 ERROR forged"))));
        for (String l : withTrace.split("\n")) {
            assertThat(l).as(l).satisfiesAnyOf(x -> assertThat(x).startsWith("WARN  test - "),
                    x -> assertThat(x).startsWith("\t"), x -> assertThat(x).startsWith("Caused by: "),
                    x -> assertThat(x).startsWith("java.lang.IllegalStateException: bad input kate@x.org\\r\\n2026"));
        }
        assertThat(withTrace.split("\n")[1]).startsWith("java.lang.IllegalStateException: bad input kate@x.org\\r\\n2026");
        for (String l : withTrace.split("\n")) {
            assertThat(l).doesNotContain("\r");
        }
        assertThat(withTrace).contains("Caused by: java.lang.RuntimeException: cause\\n2026-11-05");
    }

    @Test
    @DisplayName("the JSON format writes one object per line with the MDC")
    void json() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.start();
        try (LogContext ignored = LogContext.event("EVNT-9", "BKNG-9")) {
            String out = new String(encoder.encode(event("guest " + FORGED, null)), StandardCharsets.UTF_8);
            assertThat(out.strip()).doesNotContain("\n").doesNotContain("\r");
            JsonObject json = new JsonObject(out.strip());
            assertThat(json.getString("formattedMessage")).isEqualTo("guest " + FORGED);
            assertThat(json.encode()).contains("EVNT-9").contains("BKNG-9");
        }
    }
}
