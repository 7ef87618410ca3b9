package io.oncesync.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code %safeMdc}: the MDC as {@code [event=EVNT-1 booking=BKNG-9] } (escaped, keys sorted), or nothing when it is
 * empty, so lines outside an event keep their old shape.
 */
public final class SafeMdcConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("[");
        new TreeMap<>(mdc).forEach((k, v) -> b.append(b.length() > 1 ? " " : "").append(SafeText.escape(k)).append('=')
                .append(SafeText.escape(v)));
        return b.append("] ").toString();
    }
}
