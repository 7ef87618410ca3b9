package io.oncesync.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeEx}: the stack trace as usual, except that a line break inside an exception's message (which may quote
 * guest input) is escaped: every line of the result is a stack frame, a "Caused by:" / "Suppressed:" line or the first
 * line, never something that looks like a log line of its own.
 */
public final class SafeThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String trace = super.convert(event);
        if (trace == null || trace.isEmpty()) {
            return trace;
        }
        StringBuilder out = new StringBuilder(trace.length());
        String[] lines = trace.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean structural = i == 0 || line.isEmpty() || line.startsWith("\t") || line.startsWith("Caused by: ")
                    || line.startsWith("Suppressed: ") || line.startsWith("Wrapped by: ");
            if (!structural) {
                out.append("\\n");
            } else if (i > 0) {
                out.append('\n');
            }
            out.append(escapeExceptTabs(line));
        }
        return out.toString();
    }

    private static String escapeExceptTabs(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == '\t') {
            indent++;
        }
        return line.substring(0, indent) + SafeText.escape(line.substring(indent));
    }
}
