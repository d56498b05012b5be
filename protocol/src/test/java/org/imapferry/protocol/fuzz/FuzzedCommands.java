package org.imapferry.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.Authenticate;
import org.imapferry.protocol.command.Close;
import org.imapferry.protocol.command.Compress;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.Delete;
import org.imapferry.protocol.command.Enable;
import org.imapferry.protocol.command.Expunge;
import org.imapferry.protocol.command.Id;
import org.imapferry.protocol.command.Idle;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Lsub;
import org.imapferry.protocol.command.Namespace;
import org.imapferry.protocol.command.Rename;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.StartTls;
import org.imapferry.protocol.command.Subscribe;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidCopy;
import org.imapferry.protocol.command.UidExpunge;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.command.Unselect;
import org.imapferry.protocol.command.Unsubscribe;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.imapferry.protocol.types.SequenceSet;
import org.imapferry.protocol.types.Tag;

/**
 * Builds one command from fuzz data, through the {@link ImapCommands} factories where there is one
 * and the command records otherwise, as the parts written to the encoder and the parts a parser
 * should read back. Values the records refuse (an empty mailbox name, a flag with a space) throw
 * {@link IllegalArgumentException}: such an input has nothing to encode.
 *
 * @param written  what goes to the encoder: the command, and for an APPEND its chunks, further
 *                 messages and the {@link AppendEnd}
 * @param expected what {@code ImapCommandParser} should return: the same, each message body as a
 *                 {@link Body} instead of its chunks
 */
record FuzzedCommands(List<Object> written, List<Object> expected) {
    private static final int MAX_STRING = 24;
    private static final long MILLION_YEARS = 1_000_000L * 366 * 24 * 3600;

    /** The bytes of one APPEND message, compared by value. */
    record Body(String latin1) {}

    static FuzzedCommands next(FuzzedDataProvider data) {
        Tag tag = new Tag(data.consumeAsciiString(8));
        if (data.consumeInt(0, 9) == 0) {
            return append(tag, data);
        }
        TaggedCommand command = new TaggedCommand(tag, command(data));
        return new FuzzedCommands(List.of(command), List.of(command));
    }

    private static ImapCommand command(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 20)) {
            case 0:
                return ImapCommands.login(string(data), Secret.of(string(data)));
            case 1:
                return new Authenticate(data.consumeAsciiString(12), initialResponse(data));
            case 2:
                return new Enable(strings(data, 1, 3));
            case 3:
                return new Id(idParameters(data));
            case 4:
                return new Compress(data.consumeAsciiString(10));
            case 5:
                return ImapCommands.list(string(data), string(data));
            case 6:
                return new ListMailboxes(strings(data, 0, 2), string(data), string(data), strings(data, 0, 2));
            case 7:
                return new Lsub(string(data), string(data));
            case 8:
                return new Subscribe(mailbox(data));
            case 9:
                return new Unsubscribe(mailbox(data));
            case 10:
                return new Delete(mailbox(data));
            case 11:
                return new Create(mailbox(data), strings(data, 0, 2));
            case 12:
                return new Rename(mailbox(data), mailbox(data));
            case 13:
                return data.consumeBoolean() ? ImapCommands.select(mailbox(data)) : ImapCommands.examine(mailbox(data));
            case 14:
                return new Select(mailbox(data), data.consumeBoolean(), data.consumeBoolean(), qresync(data));
            case 15:
                return ImapCommands.status(mailbox(data), strings(data, 1, 3).toArray(new String[0]));
            case 16:
                return new UidExpunge(sequenceSet(data));
            case 17:
                return new UidCopy(sequenceSet(data), mailbox(data), data.consumeBoolean());
            case 18:
                return ImapCommands.uidStore(sequenceSet(data), data.pickValue(UidStore.Mode.values()), flags(data));
            case 19:
                return new UidStore(
                        sequenceSet(data),
                        data.pickValue(UidStore.Mode.values()),
                        data.consumeBoolean(),
                        flags(data),
                        data.consumeBoolean() ? null : data.consumeLong());
            default:
                return data.pickValue(List.of(
                        ImapCommands.capability(),
                        ImapCommands.noop(),
                        ImapCommands.logout(),
                        new StartTls(),
                        new Namespace(),
                        new Expunge(),
                        new Close(),
                        new Unselect(),
                        new Idle()));
        }
    }

    /**
     * APPEND, and up to two more messages (MULTIAPPEND, RFC 3502), each with its body in two chunks.
     * The chunks are made last, once no record can refuse a value, so no buffer is left unreleased.
     */
    private static FuzzedCommands append(Tag tag, FuzzedDataProvider data) {
        MailboxName mailbox = data.consumeBoolean() ? MailboxName.INBOX : mailbox(data);
        List<Object> headers = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> cuts = new ArrayList<>();
        int messages = data.consumeInt(1, 3);
        for (int i = 0; i < messages; i++) {
            AppendMessage message;
            if (i == 0 && data.consumeBoolean()) {
                message = ImapCommands.append(
                                mailbox,
                                flags(data),
                                date(data),
                                data.consumeInt(0, 64),
                                data.pickValue(LiteralMode.values()))
                        .first();
            } else {
                message = new AppendMessage(
                        flags(data),
                        date(data),
                        data.consumeInt(0, 64),
                        data.consumeBoolean(),
                        data.pickValue(LiteralMode.values()));
            }
            headers.add(i == 0 ? new TaggedCommand(tag, new Append(mailbox, message)) : message);
            byte[] body = new byte[(int) message.length()];
            byte[] given = data.consumeBytes(body.length);
            System.arraycopy(given, 0, body, 0, given.length);
            bodies.add(body);
            cuts.add(data.consumeInt(0, body.length));
        }
        List<Object> written = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            byte[] body = bodies.get(i);
            int cut = cuts.get(i);
            written.add(headers.get(i));
            written.add(new LiteralChunk(Unpooled.wrappedBuffer(body, 0, cut)));
            written.add(new LastLiteralChunk(Unpooled.wrappedBuffer(body, cut, body.length - cut)));
            expected.add(headers.get(i));
            expected.add(body(body));
        }
        written.add(new AppendEnd());
        expected.add(new AppendEnd());
        return new FuzzedCommands(written, expected);
    }

    static Body body(byte[] bytes) {
        return new Body(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static String string(FuzzedDataProvider data) {
        return data.consumeString(MAX_STRING);
    }

    private static List<String> strings(FuzzedDataProvider data, int min, int max) {
        int n = data.consumeInt(min, max);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(string(data));
        }
        return out;
    }

    private static MailboxName mailbox(FuzzedDataProvider data) {
        return MailboxName.of(string(data));
    }

    private static Map<String, String> idParameters(FuzzedDataProvider data) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            parameters.put(string(data), data.consumeBoolean() ? null : string(data));
        }
        return parameters;
    }

    /** Null (wait for a challenge), the base64 of some bytes, or any text at all. */
    private static Secret initialResponse(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 2)) {
            case 0:
                return null;
            case 1:
                return Secret.of(Base64.getEncoder().encodeToString(data.consumeBytes(MAX_STRING)));
            default:
                return Secret.of(string(data));
        }
    }

    private static List<Flag> flags(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 3);
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Flag flag = new Flag(string(data));
            if (!flags.contains(flag)) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /**
     * Null, or an instant within a million years of 1970 with a whole-minute offset (the wire form
     * has no seconds: "+0100"; Java's own date range ends near a billion years).
     */
    private static ImapDateTime date(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return null;
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * data.consumeInt(-18 * 60, 18 * 60));
        Instant instant = Instant.ofEpochSecond(data.consumeLong(-MILLION_YEARS, MILLION_YEARS));
        return new ImapDateTime(OffsetDateTime.ofInstant(instant, offset));
    }

    private static SequenceSet sequenceSet(FuzzedDataProvider data) {
        int n = data.consumeInt(1, 4);
        List<SequenceSet.Range> ranges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long first = data.consumeLong(1, 4_294_967_295L);
            long last = data.consumeBoolean() ? SequenceSet.STAR : first + data.consumeLong(0, 1_000_000);
            ranges.add(new SequenceSet.Range(first, last));
        }
        return new SequenceSet(ranges);
    }

    private static Select.Qresync qresync(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return null;
        }
        return new Select.Qresync(
                data.consumeLong(), data.consumeLong(), data.consumeBoolean() ? null : sequenceSet(data));
    }
}
