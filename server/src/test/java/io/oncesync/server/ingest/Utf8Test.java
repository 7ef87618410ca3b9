package io.oncesync.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8Test {

    /** The JDK's strict decoder, which the hand-written check must agree with: -1 or the offset it stops at. */
    private static int jdkFirstInvalidOffset(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(64);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
        } while (result.isOverflow());
        return -1;
    }

    @Test
    @DisplayName("agrees with the JDK's strict decoder on every one- and two-byte input and on edge sequences")
    void agreesWithTheJdkOnShortAndEdgeInputs() {
        for (int a = 0; a < 256; a++) {
            byte[] one = {(byte) a};
            assertEquals(jdkFirstInvalidOffset(one), Utf8.firstInvalidOffset(one), "byte " + a);
            for (int b = 0; b < 256; b++) {
                byte[] two = {(byte) 'x', (byte) a, (byte) b};
                assertEquals(jdkFirstInvalidOffset(two), Utf8.firstInvalidOffset(two), a + " " + b);
            }
        }
        int[][] edges = {{0xE0, 0x9F, 0x80}, {0xE0, 0xA0, 0x80}, {0xED, 0x9F, 0xBF}, {0xED, 0xA0, 0x80},
                {0xF0, 0x8F, 0x80, 0x80}, {0xF0, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80},
                {0xF5, 0x80, 0x80, 0x80}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xC0, 0x80}, {0xEF, 0xBF, 0xBF}};
        for (int[] edge : edges) {
            byte[] bytes = new byte[edge.length + 2];
            bytes[0] = '{';
            for (int i = 0; i < edge.length; i++) {
                bytes[i + 1] = (byte) edge[i];
            }
            bytes[bytes.length - 1] = '}';
            assertEquals(jdkFirstInvalidOffset(bytes), Utf8.firstInvalidOffset(bytes), java.util.Arrays.toString(edge));
            byte[] atEnd = java.util.Arrays.copyOf(bytes, bytes.length - 1);
            assertEquals(jdkFirstInvalidOffset(atEnd), Utf8.firstInvalidOffset(atEnd), "at end " + java.util.Arrays.toString(edge));
        }
    }

    @Test
    @DisplayName("agrees with the JDK's strict decoder on random text with occasional damage")
    void agreesWithTheJdkOnRandomText() {
        Random random = new Random(20261127L);
        String[] pieces = {"a", "{\"id\":", "é", "€", "😀", "\u07FF", "\uFFFD", " "};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(20);
            for (int p = 0; p < parts; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            assertEquals(jdkFirstInvalidOffset(bytes), Utf8.firstInvalidOffset(bytes), text.toString());
        }
    }

    @Test
    @DisplayName("names the byte offset of the first invalid sequence in its message")
    void namesTheOffset() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertEquals("the body is not valid UTF-8: invalid byte sequence at byte offset 6", Utf8.firstError(body).orElseThrow());
        assertEquals(java.util.Optional.empty(), Utf8.firstError("{\"a\":\"é😀\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
