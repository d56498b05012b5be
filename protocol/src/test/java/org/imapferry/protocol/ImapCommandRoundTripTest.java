package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.Authenticate;
import org.imapferry.protocol.command.Capability;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.Delete;
import org.imapferry.protocol.command.Enable;
import org.imapferry.protocol.command.Id;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Login;
import org.imapferry.protocol.command.Lsub;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.Rename;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.command.Subscribe;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidCopy;
import org.imapferry.protocol.command.UidExpunge;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.command.Unsubscribe;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.imapferry.protocol.types.SequenceSet;
import org.imapferry.protocol.types.Tag;

/**
 * Encode arbitrary commands, parse the bytes back with the test-only {@link ImapCommandParser},
 * and get the same commands: the quoting, literal and mailbox-name decisions lose nothing.
 */
class ImapCommandRoundTripTest {
    private static final Capabilities LITERAL_PLUS = Capabilities.of(List.of("IMAP4rev1", "LITERAL+"));

    @Property(tries = 2000)
    void commandsSurviveEncodeAndParse(@ForAll("commands") ImapCommand command, @ForAll boolean utf8) {
        TaggedCommand tagged = new TaggedCommand(new Tag("A" + (command.hashCode() & 0xffff)), command);
        List<Object> parsed = roundTrip(utf8, List.of(tagged));
        assertEquals(List.of(tagged), parsed.subList(0, 1));
        assertEquals(1, parsed.size());
    }

    @Property(tries = 500)
    void appendsSurviveEncodeAndParse(
            @ForAll("mailboxes") MailboxName mailbox,
            @ForAll("appendMessages") List<AppendMessage> messages,
            @ForAll boolean utf8) {
        List<Object> written = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            AppendMessage message = messages.get(i);
            Object header = i == 0 ? new TaggedCommand(new Tag("A1"), new Append(mailbox, message)) : message;
            written.add(header);
            expected.add(header);
            byte[] body = new byte[(int) message.length()];
            for (int b = 0; b < body.length; b++) {
                body[b] = (byte) (message.binary() ? b : 'a' + b % 26);
            }
            // split the body into up to three chunks, the last one a LastLiteralChunk (maybe empty)
            int cut1 = body.length / 3;
            int cut2 = 2 * body.length / 3;
            written.add(new LiteralChunk(Unpooled.wrappedBuffer(Arrays.copyOfRange(body, 0, cut1))));
            written.add(new LiteralChunk(Unpooled.wrappedBuffer(Arrays.copyOfRange(body, cut1, cut2))));
            written.add(new LastLiteralChunk(Unpooled.wrappedBuffer(Arrays.copyOfRange(body, cut2, body.length))));
            expected.add(body);
        }
        written.add(new AppendEnd());
        expected.add(new AppendEnd());
        List<Object> parsed = roundTrip(utf8, written);
        assertEquals(expected.size(), parsed.size());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof byte[] body) {
                assertEquals(Arrays.toString(body), Arrays.toString((byte[]) parsed.get(i)));
            } else {
                assertEquals(expected.get(i), parsed.get(i));
            }
        }
    }

    private static List<Object> roundTrip(boolean utf8, List<Object> parts) {
        ImapCommandEncoder encoder = new ImapCommandEncoder();
        encoder.setUtf8Accepted(utf8);
        encoder.setLiteralCapabilities(LITERAL_PLUS);
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        for (Object part : parts) {
            channel.writeOutbound(part);
        }
        ByteBuf all = Unpooled.buffer();
        for (; ; ) {
            ByteBuf buf = channel.readOutbound();
            if (buf == null) {
                break;
            }
            all.writeBytes(buf);
            buf.release();
        }
        assertFalse(channel.finish());
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return new ImapCommandParser(bytes, utf8).parse();
    }

    @Provide
    Arbitrary<ImapCommand> commands() {
        Arbitrary<MailboxName> mailbox = mailboxes();
        Arbitrary<String> text = strings();
        Arbitrary<SequenceSet> uids = sequenceSets();
        Arbitrary<List<String>> options = Arbitraries.of(
                        "SUBSCRIBED",
                        "REMOTE",
                        "SPECIAL-USE",
                        "CHILDREN",
                        "MESSAGES",
                        "UIDNEXT",
                        "STATUS (MESSAGES UIDNEXT)")
                .list()
                .ofMaxSize(3);
        return Arbitraries.oneOf(
                Combinators.combine(text, text.map(Secret::of)).as(Login::new),
                Combinators.combine(
                                Arbitraries.of("PLAIN", "XOAUTH2", "EXTERNAL"),
                                Arbitraries.bytes()
                                        .array(byte[].class)
                                        .ofMaxSize(20)
                                        .map(b -> Secret.of(
                                                java.util.Base64.getEncoder().encodeToString(b)))
                                        .injectNull(0.3))
                        .as(Authenticate::new),
                Arbitraries.of("CONDSTORE", "QRESYNC", "UTF8=ACCEPT")
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(Enable::new),
                Arbitraries.maps(text, text.injectNull(0.2)).ofMaxSize(4).map(m -> new Id(new LinkedHashMap<>(m))),
                Combinators.combine(options, text, text, options).as(ListMailboxes::new),
                Combinators.combine(text, text).as(Lsub::new),
                mailbox.map(Subscribe::new),
                mailbox.map(Unsubscribe::new),
                mailbox.map(Delete::new),
                Combinators.combine(
                                mailbox,
                                Arbitraries.of("\\Sent", "\\Drafts", "\\Junk")
                                        .list()
                                        .ofMaxSize(2))
                        .as(Create::new),
                Combinators.combine(mailbox, mailbox).as(Rename::new),
                Combinators.combine(mailbox, Arbitraries.of(true, false), Arbitraries.of(true, false), qresync())
                        .as(Select::new),
                Combinators.combine(
                                mailbox,
                                Arbitraries.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ")
                                        .list()
                                        .ofMinSize(1)
                                        .ofMaxSize(5))
                        .as(Status::new),
                uids.map(UidExpunge::new),
                Combinators.combine(uids, mailbox, Arbitraries.of(true, false)).as(UidCopy::new),
                Combinators.combine(
                                uids,
                                Arbitraries.of(UidStore.Mode.class),
                                Arbitraries.of(true, false),
                                flags(),
                                Arbitraries.longs()
                                        .between(0, Long.MAX_VALUE / 2)
                                        .injectNull(0.5))
                        .as(UidStore::new),
                Arbitraries.of(new Capability(), new Noop()));
    }

    @Provide
    Arbitrary<MailboxName> mailboxes() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                                "INBOX",
                                "inbox",
                                "Sent Items",
                                "~peter/mail/台北/日本語",
                                "R&D",
                                "&-",
                                "a\"b\\c",
                                "Entwürfe",
                                "[Gmail]/Sent Mail",
                                "\uD83D\uDCE7 mail")
                        .map(MailboxName::of),
                strings()
                        .filter(s -> !s.isEmpty() && s.indexOf('\r') < 0 && s.indexOf('\n') < 0)
                        .map(MailboxName::of));
    }

    @Provide
    Arbitrary<List<AppendMessage>> appendMessages() {
        Arbitrary<ImapDateTime> date = dates().injectNull(0.3);
        Arbitrary<AppendMessage> message = Combinators.combine(
                        flags(),
                        date,
                        Arbitraries.integers().between(0, 300),
                        Arbitraries.of(true, false),
                        Arbitraries.of(LiteralMode.class))
                .as((f, d, n, binary, mode) -> new AppendMessage(f, d, n, binary, mode));
        return message.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Strings that need every form: atoms, quoting (SP, quotes, backslash), literals (CR, LF, 8-bit). */
    private static Arbitrary<String> strings() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of(
                        " ",
                        "\"",
                        "\\",
                        "&",
                        "%",
                        "*",
                        "]",
                        "(",
                        "{",
                        "\r\n",
                        "\n",
                        "\t",
                        "\u007f",
                        "é",
                        "台北",
                        "\uD83D\uDE00",
                        "&-",
                        "NIL",
                        ""),
                Arbitraries.strings().withCharRange('\u00a0', '\u3000').ofMaxLength(3));
        return piece.list().ofMaxSize(6).map(p -> String.join("", p));
    }

    private static Arbitrary<List<Flag>> flags() {
        return Arbitraries.oneOf(
                        Arbitraries.of(Flag.SEEN, Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED, Flag.DRAFT),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withChars("$_-.")
                                .ofMinLength(1)
                                .ofMaxLength(10)
                                .map(Flag::new))
                .list()
                .ofMaxSize(4)
                .uniqueElements();
    }

    private static Arbitrary<ImapDateTime> dates() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 4_102_444_800L),
                        Arbitraries.integers().between(-12 * 60, 14 * 60))
                .as((seconds, offsetMinutes) -> new ImapDateTime(OffsetDateTime.ofInstant(
                        java.time.Instant.ofEpochSecond(seconds), ZoneOffset.ofTotalSeconds(offsetMinutes * 60))));
    }

    private static Arbitrary<SequenceSet> sequenceSets() {
        Arbitrary<SequenceSet.Range> range = Combinators.combine(
                        Arbitraries.longs().between(1, 1_000_000),
                        Arbitraries.longs().between(0, 1000),
                        Arbitraries.integers().between(0, 9))
                .as((first, span, star) -> new SequenceSet.Range(first, star == 0 ? SequenceSet.STAR : first + span));
        return range.list().ofMinSize(1).ofMaxSize(5).map(SequenceSet::new);
    }

    private static Arbitrary<Select.Qresync> qresync() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 4_294_967_295L),
                        Arbitraries.longs().between(1, Long.MAX_VALUE / 2),
                        sequenceSets().injectNull(0.5))
                .as(Select.Qresync::new)
                .injectNull(0.5);
    }
}
