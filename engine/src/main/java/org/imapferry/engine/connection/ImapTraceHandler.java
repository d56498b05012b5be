package org.imapferry.engine.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an IMAP conversation one protocol line at a time ({@code C: } what the client sent,
 * {@code S: } what the server sent), for --debug style tracing. Place it where it sees the clear
 * bytes: after the SslHandler (and after COMPRESS's inflater/deflater) on the socket side of the
 * codec.
 *
 * <p>It reads the buffers in place and passes them on untouched; it keeps at most one line's head
 * per direction, so tracing a 50 MB message costs no copy. A literal ({@code {n}}, {@code {n+}},
 * {@code ~{n}}, RFC 3501 §4.3, RFC 7888, RFC 3516) is shown by its length only, and the logical
 * line it belongs to is logged when the line ends after it: {@code S: * 1 FETCH (BODY[] {52113} <52113 bytes>)}.
 *
 * <p>Credentials never reach the log: LOGIN's password (and everything after the user name),
 * AUTHENTICATE's initial response and every client line while an AUTHENTICATE is in progress
 * (until the server's tagged answer to it) are replaced by {@code <redacted>}.
 *
 * <p>Limitation: if a server refuses a synchronizing literal, the client does not send it, and
 * the trace would then count the following client bytes as that literal.
 */
public final class ImapTraceHandler extends ChannelDuplexHandler {
    /** The logger used by {@link #toLog(String)}. */
    public static final String LOGGER_NAME = "org.imapferry.trace";

    static final String REDACTED = "<redacted>";
    /** Longer lines are cut in the log; a UID set or a FETCH answer line can be kilobytes. */
    static final int MAX_SHOWN = 1000;

    private final Consumer<String> sink;
    private final Direction client = new Direction("C: ", true);
    private final Direction server = new Direction("S: ", false);
    /** The tag of the AUTHENTICATE in progress, or null. */
    private String authenticateTag;

    public ImapTraceHandler(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Traces to the {@value #LOGGER_NAME} logger at INFO, each line prefixed by {@code label} (e.g. "host1"). */
    public static ImapTraceHandler toLog(String label) {
        Logger log = LoggerFactory.getLogger(LOGGER_NAME);
        return new ImapTraceHandler(line -> log.info("{} {}", label, line));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = bytesOf(msg);
        if (bytes != null) {
            server.scan(bytes);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ByteBuf bytes = bytesOf(msg);
        if (bytes != null) {
            client.scan(bytes);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.flushUnfinished();
        server.flushUnfinished();
        ctx.fireChannelInactive();
    }

    private static ByteBuf bytesOf(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf;
        }
        return msg instanceof ByteBufHolder holder ? holder.content() : null;
    }

    /** The line and literal state of one direction. */
    private final class Direction {
        private final String prefix;
        private final boolean fromClient;
        /** The head of the current fragment: the bytes since the line start or the last literal. */
        private final byte[] head = new byte[MAX_SHOWN];
        /** The last bytes of the current fragment, where a literal's "{n}" is looked for. */
        private final byte[] tail = new byte[24];

        private long fragmentLength;
        /** Earlier fragments of the logical line, already rendered. */
        private final StringBuilder line = new StringBuilder();

        private boolean lineStarted;
        /** Whether the rest of the logical line is hidden. */
        private boolean redactRest;

        private long literalRemaining;
        private long literalLength;

        Direction(String prefix, boolean fromClient) {
            this.prefix = prefix;
            this.fromClient = fromClient;
        }

        void scan(ByteBuf buf) {
            int index = buf.readerIndex();
            int end = buf.writerIndex();
            while (index < end) {
                if (literalRemaining > 0) {
                    int skip = (int) Math.min(literalRemaining, end - index);
                    literalRemaining -= skip;
                    index += skip;
                    continue;
                }
                byte b = buf.getByte(index++);
                if (b == '\n') {
                    endFragment();
                } else {
                    if (fragmentLength < head.length) {
                        head[(int) fragmentLength] = b;
                    }
                    tail[(int) (fragmentLength % tail.length)] = b;
                    fragmentLength++;
                }
            }
        }

        private void endFragment() {
            long length = fragmentLength;
            if (length > 0 && tailByte(length - 1) == '\r') {
                length--;
            }
            long literal = literalAtEnd(length);
            String text = render(length);
            fragmentLength = 0;
            if (!lineStarted && fromClient) {
                text = redactCommand(text);
            } else if (!lineStarted && authenticateTag != null && text.startsWith(authenticateTag + " ")) {
                authenticateTag = null;
            }
            lineStarted = true;
            if (!redactRest) {
                line.append(text);
            }
            if (literal >= 0) {
                if (!redactRest) {
                    line.append(" <").append(literal).append(" bytes>");
                }
                literalRemaining = literal;
                literalLength = literal;
                return;
            }
            sink.accept(prefix + line);
            line.setLength(0);
            lineStarted = false;
            redactRest = false;
        }

        /** The length n of a literal announced at the end of the fragment, or -1. */
        private long literalAtEnd(long length) {
            if (length < 3 || tailByte(length - 1) != '}') {
                return -1;
            }
            long i = length - 2;
            if (tailByte(i) == '+' || tailByte(i) == '-') {
                i--;
            }
            long digitsEnd = i;
            long n = 0;
            long scale = 1;
            while (i >= 0 && digitsEnd - i < 20 && Character.isDigit(tailByte(i))) {
                n += (tailByte(i) - '0') * scale;
                scale *= 10;
                i--;
            }
            if (i == digitsEnd || i < 0 || tailByte(i) != '{' || digitsEnd - i > 19) {
                return -1;
            }
            return n;
        }

        private byte tailByte(long index) {
            return tail[(int) (index % tail.length)];
        }

        private String render(long length) {
            int shown = (int) Math.min(length, head.length);
            String text = new String(head, 0, shown, StandardCharsets.UTF_8);
            if (length <= head.length) {
                return text;
            }
            // Keep the end visible too when it announces a literal.
            StringBuilder end = new StringBuilder();
            for (long i = Math.max(length - tail.length + 1, head.length); i < length; i++) {
                end.append((char) tailByte(i));
            }
            int brace = end.lastIndexOf("{");
            String marker = brace >= 0 && literalAtEnd(length) >= 0 ? " " + end.substring(brace) : "";
            return text + "... <" + (length - shown) + " more bytes>" + marker;
        }

        /** Hides the credentials of the first fragment of a client line, and starts hiding the rest. */
        private String redactCommand(String text) {
            if (authenticateTag != null) {
                redactRest = true;
                line.append(REDACTED);
                return "";
            }
            String[] words = text.split(" ", 4);
            if (words.length < 2) {
                return text;
            }
            String command = words[1].toUpperCase(Locale.ROOT);
            if (command.equals("LOGIN")) {
                String user = words.length > 2 && !words[2].startsWith("{") ? words[2] + " " : "";
                redactRest = true;
                line.append(words[0]).append(" LOGIN ").append(user).append(REDACTED);
                return "";
            }
            if (command.equals("AUTHENTICATE") && words.length > 2) {
                authenticateTag = words[0];
                redactRest = true;
                line.append(words[0]).append(' ').append(words[1]).append(' ').append(words[2]);
                if (words.length > 3) {
                    line.append(' ').append(REDACTED);
                }
                return "";
            }
            return text;
        }

        /** Logs a line cut short by the connection closing. */
        void flushUnfinished() {
            if (!lineStarted && fragmentLength == 0 && literalRemaining == 0) {
                return;
            }
            String unfinished = render(fragmentLength);
            if (!lineStarted && fromClient) {
                unfinished = redactCommand(unfinished);
            }
            if (redactRest) {
                unfinished = "";
            }
            String state = literalRemaining > 0
                    ? " <closed after " + (literalLength - literalRemaining) + " of " + literalLength
                            + " literal bytes>"
                    : " <closed before the end of the line>";
            sink.accept(prefix + line + unfinished + state);
            line.setLength(0);
            fragmentLength = 0;
            literalRemaining = 0;
            lineStarted = false;
            redactRest = false;
        }
    }
}
