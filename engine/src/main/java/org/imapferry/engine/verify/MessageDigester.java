package org.imapferry.engine.verify;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * SHA-256 of one message fed chunk by chunk, optionally from the first header line after the
 * leading header fields a server adds on delivery ({@code Received}, {@code Return-Path}, ...).
 * Skipping is a small state machine over the bytes, so a header line may straddle chunks; it
 * holds at most one field name ({@value #MAX_NAME} bytes), never the message. Only the leading
 * run of such fields is skipped, with their folded continuation lines: from the first other line
 * on, every byte counts.
 *
 * <pre>
 * MessageDigester d = new MessageDigester(Set.of("Received"));
 * d.update(chunk1); d.update(chunk2);
 * String hex = d.finish();
 * </pre>
 */
final class MessageDigester {
    /** A longer field name is not one of the names to skip: from there on everything counts. */
    static final int MAX_NAME = 128;

    private enum State {
        LINE_START,
        NAME,
        SKIP_LINE,
        PASS
    }

    private final MessageDigest digest = sha256();
    private final Set<String> skip;
    private final byte[] name = new byte[MAX_NAME + 1];
    private int nameLength;
    private State state;

    /** @param skipLeadingHeaders field names, case-insensitive; empty to hash every byte */
    MessageDigester(Set<String> skipLeadingHeaders) {
        this.skip = skipLeadingHeaders;
        this.state = skipLeadingHeaders.isEmpty() ? State.PASS : State.LINE_START;
    }

    /** Lower-cased, for {@link #MessageDigester(Set)}. */
    static Set<String> names(Collection<String> headers) {
        Set<String> out = new TreeSet<>();
        for (String h : headers) {
            out.add(h.strip().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Hashes the readable bytes of {@code content} without moving its reader index. */
    void update(ByteBuf content) {
        int i = content.readerIndex();
        int end = content.writerIndex();
        while (state != State.PASS && i < end) {
            step(content.getByte(i++));
        }
        if (i < end) {
            for (ByteBuffer b : content.nioBuffers(i, end - i)) {
                digest.update(b);
            }
        }
    }

    private void step(byte b) {
        switch (state) {
            case LINE_START -> {
                if (b == ' ' || b == '\t') {
                    // A folded continuation of the field just skipped.
                    state = State.SKIP_LINE;
                } else {
                    nameLength = 0;
                    state = State.NAME;
                    name(b);
                }
            }
            case NAME -> name(b);
            case SKIP_LINE -> {
                if (b == '\n') {
                    state = State.LINE_START;
                }
            }
            default -> digest.update(b);
        }
    }

    private void name(byte b) {
        name[nameLength++] = b;
        if (b == ':') {
            String field = new String(name, 0, nameLength - 1, StandardCharsets.ISO_8859_1)
                    .strip()
                    .toLowerCase(Locale.ROOT);
            if (skip.contains(field)) {
                state = State.SKIP_LINE;
                return;
            }
        } else if (b != '\r' && b != '\n' && nameLength <= MAX_NAME) {
            return;
        }
        // Not a field to skip (another field, the blank line, or no field at all): it counts.
        digest.update(name, 0, nameLength);
        state = State.PASS;
    }

    /** The hex digest; bytes held back while deciding about a field name count. */
    String finish() {
        if (state == State.NAME) {
            digest.update(name, 0, nameLength);
        }
        state = State.PASS;
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
