package io.oncesync.server.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 checking that reports where the first bad byte is. */
final class Utf8 {
    private Utf8() {
    }

    /** Empty when the bytes are valid UTF-8, else a message naming the byte offset of the first invalid sequence. */
    static Optional<String> firstError(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                return Optional.of("the body is not valid UTF-8: invalid byte sequence at byte offset " + in.position());
            }
        } while (result.isOverflow());
        return Optional.empty();
    }
}
