package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.Authenticate;
import org.imapferry.protocol.command.Capability;
import org.imapferry.protocol.command.Close;
import org.imapferry.protocol.command.CommandPart;
import org.imapferry.protocol.command.Compress;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.Delete;
import org.imapferry.protocol.command.Enable;
import org.imapferry.protocol.command.Expunge;
import org.imapferry.protocol.command.Id;
import org.imapferry.protocol.command.Idle;
import org.imapferry.protocol.command.IdleDone;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Logout;
import org.imapferry.protocol.command.Lsub;
import org.imapferry.protocol.command.Namespace;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.Notify;
import org.imapferry.protocol.command.Rename;
import org.imapferry.protocol.command.SaslResponse;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.StartTls;
import org.imapferry.protocol.command.Subscribe;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidCopy;
import org.imapferry.protocol.command.UidExpunge;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.command.UidSearch;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.command.Unselect;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImapCommandEncoderTest {
    private static final Tag TAG = new Tag("A1");
    private static final ImapDateTime DATE =
            new ImapDateTime(OffsetDateTime.of(2016, 3, 12, 10, 0, 0, 0, ZoneOffset.ofHours(1)));
    private static final SequenceSet UIDS = SequenceSet.parse("1:3,7,9:*");

    private ImapCommandEncoder encoder;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        encoder = new ImapCommandEncoder();
        channel = new EmbeddedChannel(encoder);
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finish());
    }

    static List<Arguments> commands() {
        MailboxName taipei = MailboxName.of("~peter/mail/台北/日本語");
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", "imapferry");
        id.put("version", "0.1");
        id.put("vendor", null);
        return List.of(
                Arguments.of(new Capability(), "A1 CAPABILITY\r\n"),
                Arguments.of(new Noop(), "A1 NOOP\r\n"),
                Arguments.of(new Logout(), "A1 LOGOUT\r\n"),
                Arguments.of(new StartTls(), "A1 STARTTLS\r\n"),
                Arguments.of(new Namespace(), "A1 NAMESPACE\r\n"),
                Arguments.of(new Expunge(), "A1 EXPUNGE\r\n"),
                Arguments.of(new Close(), "A1 CLOSE\r\n"),
                Arguments.of(new Unselect(), "A1 UNSELECT\r\n"),
                Arguments.of(new Idle(), "A1 IDLE\r\n"),
                Arguments.of(ImapCommands.login("joe", Secret.of("s3cret")), "A1 LOGIN joe s3cret\r\n"),
                Arguments.of(
                        ImapCommands.login("joe@example.com", Secret.of("p w\"\\")),
                        "A1 LOGIN joe@example.com \"p w\\\"\\\\\"\r\n"),
                Arguments.of(ImapCommands.login("", Secret.of("")), "A1 LOGIN \"\" \"\"\r\n"),
                Arguments.of(new Authenticate("PLAIN", null), "A1 AUTHENTICATE PLAIN\r\n"),
                Arguments.of(
                        new Authenticate("PLAIN", Secret.of("AGpvZQBzM2NyZXQ=")),
                        "A1 AUTHENTICATE PLAIN AGpvZQBzM2NyZXQ=\r\n"),
                Arguments.of(new Authenticate("EXTERNAL", Secret.of("")), "A1 AUTHENTICATE EXTERNAL =\r\n"),
                Arguments.of(new Enable(List.of("CONDSTORE", "UTF8=ACCEPT")), "A1 ENABLE CONDSTORE UTF8=ACCEPT\r\n"),
                Arguments.of(new Id(Map.of()), "A1 ID NIL\r\n"),
                Arguments.of(new Id(id), "A1 ID (\"name\" \"imapferry\" \"version\" \"0.1\" \"vendor\" NIL)\r\n"),
                Arguments.of(new Compress("DEFLATE"), "A1 COMPRESS DEFLATE\r\n"),
                Arguments.of(ImapCommands.list("", "*"), "A1 LIST \"\" *\r\n"),
                Arguments.of(
                        new ListMailboxes(
                                List.of("SUBSCRIBED"), "", "%/%", List.of("SPECIAL-USE", "STATUS (MESSAGES UIDNEXT)")),
                        "A1 LIST (SUBSCRIBED) \"\" %/% RETURN (SPECIAL-USE STATUS (MESSAGES UIDNEXT))\r\n"),
                Arguments.of(
                        new ListMailboxes(List.of(), "Other Users", "a b*", List.of()),
                        "A1 LIST \"Other Users\" \"a b*\"\r\n"),
                Arguments.of(new Lsub("", "*"), "A1 LSUB \"\" *\r\n"),
                Arguments.of(new Subscribe(MailboxName.of("Sent Items")), "A1 SUBSCRIBE \"Sent Items\"\r\n"),
                Arguments.of(new Unsubscribe(MailboxName.of("Drafts")), "A1 UNSUBSCRIBE Drafts\r\n"),
                Arguments.of(new Create(taipei, List.of()), "A1 CREATE ~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n"),
                Arguments.of(
                        new Create(MailboxName.of("Sent"), List.of("\\Sent")), "A1 CREATE Sent (USE (\\Sent))\r\n"),
                Arguments.of(new Delete(MailboxName.of("R&D")), "A1 DELETE R&-D\r\n"),
                Arguments.of(
                        new Rename(MailboxName.of("a"), MailboxName.of("b \"c\"")), "A1 RENAME a \"b \\\"c\\\"\"\r\n"),
                Arguments.of(ImapCommands.select(MailboxName.of("inbox")), "A1 SELECT INBOX\r\n"),
                Arguments.of(ImapCommands.examine(MailboxName.INBOX), "A1 EXAMINE INBOX\r\n"),
                Arguments.of(new Select(MailboxName.INBOX, false, true, null), "A1 SELECT INBOX (CONDSTORE)\r\n"),
                Arguments.of(
                        new Select(
                                MailboxName.INBOX,
                                false,
                                false,
                                new Select.Qresync(67890007, 90060115194045000L, null)),
                        "A1 SELECT INBOX (QRESYNC (67890007 90060115194045000))\r\n"),
                Arguments.of(
                        new Select(
                                MailboxName.INBOX,
                                true,
                                true,
                                new Select.Qresync(1, 2, SequenceSet.parse("41,43:211"))),
                        "A1 EXAMINE INBOX (CONDSTORE QRESYNC (1 2 41,43:211))\r\n"),
                Arguments.of(
                        ImapCommands.status(MailboxName.INBOX, "MESSAGES", "UIDNEXT", "UIDVALIDITY"),
                        "A1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)\r\n"),
                Arguments.of(new UidSearch(List.of(), "ALL"), "A1 UID SEARCH ALL\r\n"),
                Arguments.of(
                        new UidSearch(List.of("MIN", "MAX", "COUNT"), "SINCE 1-Feb-1994 NOT FROM \"Smith\""),
                        "A1 UID SEARCH RETURN (MIN MAX COUNT) SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
                Arguments.of(ImapCommands.uidFetch(UIDS, "BODY.PEEK[]"), "A1 UID FETCH 1:3,7,9:* BODY.PEEK[]\r\n"),
                Arguments.of(ImapCommands.uidFetch(SequenceSet.of(5), "FAST"), "A1 UID FETCH 5 FAST\r\n"),
                Arguments.of(
                        ImapCommands.uidFetch(UIDS, "UID", "FLAGS", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"),
                        "A1 UID FETCH 1:3,7,9:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])\r\n"),
                Arguments.of(
                        new UidFetch(SequenceSet.all(), List.of("FLAGS"), 12345L, false),
                        "A1 UID FETCH 1:* FLAGS (CHANGEDSINCE 12345)\r\n"),
                Arguments.of(
                        new UidFetch(SequenceSet.of(300, 500), List.of("UID", "FLAGS"), 12345L, true),
                        "A1 UID FETCH 300:500 (UID FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n"),
                Arguments.of(
                        ImapCommands.uidStore(UIDS, UidStore.Mode.ADD, List.of(Flag.SEEN, new Flag("$Forwarded"))),
                        "A1 UID STORE 1:3,7,9:* +FLAGS.SILENT (\\Seen $Forwarded)\r\n"),
                Arguments.of(
                        new UidStore(SequenceSet.of(4), UidStore.Mode.REMOVE, false, List.of(Flag.DELETED), null),
                        "A1 UID STORE 4 -FLAGS (\\Deleted)\r\n"),
                Arguments.of(
                        new UidStore(SequenceSet.of(4), UidStore.Mode.REPLACE, true, List.of(), 320162338L),
                        "A1 UID STORE 4 (UNCHANGEDSINCE 320162338) FLAGS.SILENT ()\r\n"),
                Arguments.of(new UidExpunge(SequenceSet.parse("3000:3002")), "A1 UID EXPUNGE 3000:3002\r\n"),
                Arguments.of(
                        new UidCopy(SequenceSet.of(2, 4), MailboxName.of("Archive/2016"), false),
                        "A1 UID COPY 2:4 Archive/2016\r\n"),
                Arguments.of(new UidCopy(SequenceSet.of(7), MailboxName.of("Trash"), true), "A1 UID MOVE 7 Trash\r\n"),
                Arguments.of(Notify.none(), "A1 NOTIFY NONE\r\n"),
                Arguments.of(
                        new Notify(
                                true,
                                List.of(new Notify.EventGroup(
                                        Notify.Filter.PERSONAL,
                                        List.of(),
                                        Set.of(
                                                Notify.Event.MAILBOX_NAME,
                                                Notify.Event.FLAG_CHANGE,
                                                Notify.Event.MESSAGE_EXPUNGE,
                                                Notify.Event.MESSAGE_NEW)))),
                        "A1 NOTIFY SET STATUS (personal (MessageNew MessageExpunge FlagChange MailboxName))\r\n"),
                Arguments.of(
                        new Notify(
                                false,
                                List.of(
                                        new Notify.EventGroup(
                                                Notify.Filter.SELECTED,
                                                List.of(),
                                                Set.of(Notify.Event.MESSAGE_NEW, Notify.Event.MESSAGE_EXPUNGE)),
                                        new Notify.EventGroup(
                                                Notify.Filter.SUBTREE,
                                                List.of(MailboxName.of("Lists"), MailboxName.of("Sent Items"), taipei),
                                                Set.of(Notify.Event.MESSAGE_NEW, Notify.Event.MESSAGE_EXPUNGE)),
                                        new Notify.EventGroup(
                                                Notify.Filter.MAILBOXES, List.of(MailboxName.of("Trash")), Set.of()))),
                        "A1 NOTIFY SET (selected (MessageNew MessageExpunge)) (subtree (Lists \"Sent Items\" "
                                + "~peter/mail/&U,BTFw-/&ZeVnLIqe-) (MessageNew MessageExpunge)) "
                                + "(mailboxes (Trash) NONE)\r\n"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void encodesCommand(ImapCommand command, String expected) {
        assertTrue(channel.writeOutbound(new TaggedCommand(TAG, command)));
        assertEquals(expected, readAll());
    }

    @Test
    void encodesUntaggedLines() {
        channel.writeOutbound(new SaslResponse(Secret.of("dXNlcg==")));
        assertEquals("dXNlcg==\r\n", readAll());
        channel.writeOutbound(new SaslResponse(Secret.of("*")));
        assertEquals("*\r\n", readAll());
        channel.writeOutbound(new SaslResponse(Secret.of("")));
        assertEquals("\r\n", readAll());
        channel.writeOutbound(new TaggedCommand(TAG, new Idle()), new IdleDone());
        assertEquals("A1 IDLE\r\nDONE\r\n", readAll());
    }

    @Test
    void appendPassesChunksThroughWithoutCopying() {
        ByteBuf first = Unpooled.copiedBuffer("Subject: hi\r\n", StandardCharsets.US_ASCII);
        ByteBuf last = Unpooled.copiedBuffer("\r\nbody\r\n", StandardCharsets.US_ASCII);
        int length = first.readableBytes() + last.readableBytes();
        channel.writeOutbound(new TaggedCommand(
                TAG,
                ImapCommands.append(
                        MailboxName.of("Sent Items"),
                        List.of(Flag.SEEN),
                        DATE,
                        length,
                        LiteralMode.NON_SYNCHRONIZING)));
        assertEquals("A1 APPEND \"Sent Items\" (\\Seen) \"12-Mar-2016 10:00:00 +0100\" {21+}\r\n", readAll());

        channel.writeOutbound(new LiteralChunk(first));
        ByteBuf out1 = channel.readOutbound();
        assertSame(first, out1, "the chunk's buffer itself goes out");
        assertEquals(
                1, out1.refCnt(), "the encoder retained it once for the write, the chunk's release undid the holder's");
        out1.release();
        assertEquals(0, first.refCnt());

        channel.writeOutbound(new LastLiteralChunk(last));
        ByteBuf out2 = channel.readOutbound();
        assertSame(last, out2);
        out2.release();

        channel.writeOutbound(new AppendEnd());
        assertEquals("\r\n", readAll());
        // the encoder is idle again
        channel.writeOutbound(new TaggedCommand(TAG, new Noop()));
        assertEquals("A1 NOOP\r\n", readAll());
    }

    @Test
    void multiAppendWithEveryLiteralForm() {
        channel.writeOutbound(new TaggedCommand(
                TAG,
                new Append(
                        MailboxName.INBOX, new AppendMessage(List.of(), null, 3, false, LiteralMode.SYNCHRONIZING))));
        assertEquals("A1 APPEND INBOX {3}\r\n", readAll());
        channel.writeOutbound(
                new LiteralChunk(ascii("a")), new LiteralChunk(ascii("b")), new LastLiteralChunk(ascii("c")));
        assertEquals("abc", readAll());

        channel.writeOutbound(new AppendMessage(List.of(Flag.DRAFT), null, 2, true, LiteralMode.SYNCHRONIZING));
        assertEquals(" (\\Draft) ~{2}\r\n", readAll());
        channel.writeOutbound(new LastLiteralChunk(Unpooled.wrappedBuffer(new byte[] {0, 1})));
        ByteBuf binary = channel.readOutbound();
        assertEquals(2, binary.readableBytes());
        binary.release();

        channel.writeOutbound(new AppendMessage(List.of(), DATE, 1, true, LiteralMode.NON_SYNCHRONIZING));
        assertEquals(" \"12-Mar-2016 10:00:00 +0100\" ~{1+}\r\n", readAll());
        channel.writeOutbound(new LiteralChunk(ascii("x")), LastLiteralChunk.empty());
        assertEquals("x", readAll());

        channel.writeOutbound(new AppendMessage(List.of(), null, 0, false, LiteralMode.NON_SYNCHRONIZING));
        assertEquals(" {0+}\r\n", readAll());
        channel.writeOutbound(LastLiteralChunk.empty());
        assertEquals("", readAll());

        channel.writeOutbound(new AppendEnd());
        assertEquals("\r\n", readAll());
    }

    @Test
    void aSynchronizingLiteralRefusedByTheServerLeavesTheEncoderIdle() {
        channel.writeOutbound(new TaggedCommand(
                TAG,
                new Append(
                        MailboxName.INBOX, new AppendMessage(List.of(), null, 3, false, LiteralMode.SYNCHRONIZING))));
        assertEquals("A1 APPEND INBOX {3}\r\n", readAll());
        // The server said "A1 NO [LIMIT] ..." instead of "+": no literal follows.
        assertTrue(encoder.abandonRefusedLiteral());
        channel.writeOutbound(new TaggedCommand(TAG, new Noop()));
        assertEquals("A1 NOOP\r\n", readAll());
        assertFalse(encoder.abandonRefusedLiteral(), "nothing to abandon when idle");
    }

    @Test
    void aLiteralWithBytesOnTheWireCannotBeAbandoned() {
        channel.writeOutbound(new TaggedCommand(
                TAG,
                new Append(
                        MailboxName.INBOX, new AppendMessage(List.of(), null, 3, false, LiteralMode.SYNCHRONIZING))));
        readAll();
        channel.writeOutbound(new LiteralChunk(ascii("a")));
        assertEquals("a", readAll());
        assertFalse(encoder.abandonRefusedLiteral(), "the rest of the literal must follow");
        channel.writeOutbound(new LastLiteralChunk(ascii("bc")));
        channel.writeOutbound(new AppendEnd());
        assertEquals("bc\r\n", readAll());
    }

    @Test
    void chunkWithoutAppendIsRefusedAndReleased() {
        ByteBuf content = ascii("stray");
        EncoderException e =
                assertThrows(EncoderException.class, () -> channel.writeOutbound(new LiteralChunk(content)));
        assertTrue(e.getMessage().contains("no APPEND literal is open"), e.getMessage());
        assertEquals(0, content.refCnt());
        assertNull(channel.readOutbound());
    }

    @Test
    void tooManyBytesAreRefusedBeforeWriting() {
        startAppend(4);
        channel.writeOutbound(new LiteralChunk(ascii("abc")));
        assertEquals("abc", readAll());
        ByteBuf content = ascii("de");
        EncoderException e =
                assertThrows(EncoderException.class, () -> channel.writeOutbound(new LastLiteralChunk(content)));
        assertTrue(e.getMessage().contains("only 1 bytes remain"), e.getMessage());
        assertEquals(0, content.refCnt());
        assertNull(channel.readOutbound());
    }

    @Test
    void lastChunkShortOfTheLengthIsRefused() {
        startAppend(4);
        EncoderException e =
                assertThrows(EncoderException.class, () -> channel.writeOutbound(new LastLiteralChunk(ascii("abc"))));
        assertTrue(e.getMessage().contains("1 bytes short"), e.getMessage());
        assertNull(channel.readOutbound());
    }

    @Test
    void appendEndWhileLiteralOpenIsRefused() {
        startAppend(4);
        channel.writeOutbound(new LiteralChunk(ascii("ab")));
        assertEquals("ab", readAll());
        EncoderException e = assertThrows(EncoderException.class, () -> channel.writeOutbound(new AppendEnd()));
        assertTrue(e.getMessage().contains("2 bytes and a LastLiteralChunk are still expected"), e.getMessage());
        assertNull(channel.readOutbound());
    }

    @Test
    void commandWhileLiteralOpenIsRefused() {
        startAppend(1);
        EncoderException e = assertThrows(
                EncoderException.class,
                () -> channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.login("joe", Secret.of("hunter2")))));
        assertTrue(e.getMessage().startsWith("LOGIN command while an APPEND literal is open"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertNull(channel.readOutbound());
    }

    @Test
    void commandBetweenAppendMessagesIsRefused() {
        startAppend(1);
        channel.writeOutbound(new LastLiteralChunk(ascii("a")));
        assertEquals("a", readAll());
        EncoderException e =
                assertThrows(EncoderException.class, () -> channel.writeOutbound(new TaggedCommand(TAG, new Noop())));
        assertTrue(e.getMessage().contains("an AppendMessage or AppendEnd is expected"), e.getMessage());
        channel.writeOutbound(new AppendEnd());
        assertEquals("\r\n", readAll());
    }

    @Test
    void appendMessageOrEndWithoutAppendIsRefused() {
        assertThrows(EncoderException.class, () -> channel.writeOutbound(new AppendEnd()));
        assertThrows(
                EncoderException.class,
                () -> channel.writeOutbound(
                        new AppendMessage(List.of(), null, 1, false, LiteralMode.NON_SYNCHRONIZING)));
        assertNull(channel.readOutbound());
    }

    @Test
    void stringThatCannotBeQuotedGoesAsNonSynchronizingLiteral() {
        encoder.setLiteralCapabilities(Capabilities.of(List.of("IMAP4rev1", "LITERAL+")));
        channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.login("jörg", Secret.of("a\r\nb"))));
        assertEquals("A1 LOGIN {5+}\r\njörg {4+}\r\na\r\nb\r\n", readAll());
    }

    @Test
    void literalMinusAllowsOnlySmallLiterals() {
        encoder.setLiteralCapabilities(Capabilities.of(List.of("LITERAL-")));
        channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.login("jörg", Secret.of("x"))));
        assertEquals("A1 LOGIN {5+}\r\njörg x\r\n", readAll());
        String big = "é".repeat(2049);
        EncoderException e = assertThrows(
                EncoderException.class,
                () -> channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.login("joe", Secret.of(big)))));
        assertTrue(e.getMessage().contains("synchronizing literal of 4098 bytes"), e.getMessage());
        assertNull(channel.readOutbound());
    }

    @Test
    void withoutNonSynchronizingLiteralsAStringNeedingOneIsRefused() {
        EncoderException e = assertThrows(
                EncoderException.class,
                () -> channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.login("joe", Secret.of("pässwörd")))));
        assertTrue(e.getMessage().startsWith("LOGIN password cannot be quoted"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use AUTHENTICATE PLAIN"), e.getMessage());
        assertFalse(e.getMessage().contains("pässwörd"));
        assertNull(channel.readOutbound());
    }

    @Test
    void nulCannotBeSentInAnyString() {
        encoder.setLiteralCapabilities(Capabilities.of(List.of("LITERAL+")));
        EncoderException e = assertThrows(
                EncoderException.class,
                () -> channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.login("joe", Secret.of("a\0b")))));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void utf8AcceptedSendsMailboxNamesAsQuotedUtf8() {
        encoder.setUtf8Accepted(true);
        assertTrue(encoder.isUtf8Accepted());
        channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.select(MailboxName.of("~peter/mail/台北/日本語"))));
        assertEquals("A1 SELECT \"~peter/mail/台北/日本語\"\r\n", readAll());
        channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.select(MailboxName.of("R&D"))));
        assertEquals("A1 SELECT R&D\r\n", readAll());
        channel.writeOutbound(new TaggedCommand(TAG, ImapCommands.select(MailboxName.of("Entwürfe \"alt\""))));
        assertEquals("A1 SELECT \"Entwürfe \\\"alt\\\"\"\r\n", readAll());
    }

    @Test
    void badSaslTokenIsRefusedWithoutShowingIt() {
        EncoderException e = assertThrows(
                EncoderException.class, () -> channel.writeOutbound(new SaslResponse(Secret.of("not base64 hunter2"))));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        e = assertThrows(
                EncoderException.class,
                () -> channel.writeOutbound(
                        new TaggedCommand(TAG, new Authenticate("PLAIN", Secret.of("hunter2\r\n")))));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void verbatimArgumentsMustStayOnOneLine() {
        EncoderException e = assertThrows(
                EncoderException.class,
                () -> channel.writeOutbound(new TaggedCommand(TAG, new UidSearch(List.of(), "ALL\r\nA2 LOGOUT"))));
        assertTrue(e.getMessage().contains("SEARCH criteria must not contain CR, LF or NUL"), e.getMessage());
    }

    /** What the strict parser of {@code ImapCommandEncoderFuzzTest} could not read back, before the fixes. */
    static List<Arguments> misreadByAStrictServer() {
        ImapDateTime year10000 = new ImapDateTime(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        return List.of(
                Arguments.of(new ListMailboxes(List.of("", ""), "", "*", List.of()), "LIST selection option"),
                Arguments.of(new ListMailboxes(List.of(), "", "*", List.of("\\Sent")), "LIST return option"),
                Arguments.of(new ListMailboxes(List.of(), "", "*", List.of("STATUS (MESSAGES")), "LIST return option"),
                Arguments.of(ImapCommands.status(MailboxName.INBOX, "MESSAGES UNSEEN"), "STATUS item"),
                Arguments.of(new Create(MailboxName.of("Sent"), List.of("Sent")), "CREATE special-use attribute"),
                Arguments.of(
                        ImapCommands.uidStore(UIDS, UidStore.Mode.ADD, List.of(Flag.ANY_KEYWORD)), "STORE flag list"),
                Arguments.of(new UidStore(UIDS, UidStore.Mode.ADD, true, List.of(Flag.SEEN), -1L), "UNCHANGEDSINCE"),
                Arguments.of(
                        new Select(MailboxName.INBOX, false, false, new Select.Qresync(1, -5, null)),
                        "QRESYNC modification sequence"),
                Arguments.of(
                        ImapCommands.append(MailboxName.INBOX, List.of(), year10000, 0, LiteralMode.SYNCHRONIZING),
                        "APPEND date"));
    }

    @ParameterizedTest
    @MethodSource("misreadByAStrictServer")
    void whatAStrictServerWouldMisreadIsRefused(ImapCommand command, String argument) {
        encoder.setLiteralCapabilities(Capabilities.of(List.of("LITERAL+")));
        EncoderException e =
                assertThrows(EncoderException.class, () -> channel.writeOutbound(new TaggedCommand(TAG, command)));
        assertTrue(e.getMessage().startsWith(argument), e.getMessage());
        assertNull(channel.readOutbound());
    }

    @Test
    void secretsNeverShowInToString() {
        List<CommandPart> parts = List.of(
                new TaggedCommand(TAG, ImapCommands.login("joe", Secret.of("hunter2"))),
                new TaggedCommand(TAG, new Authenticate("PLAIN", Secret.of("hunter2"))),
                new SaslResponse(Secret.of("hunter2")));
        for (CommandPart part : parts) {
            assertFalse(part.toString().contains("hunter2"), part.toString());
            assertTrue(part.toString().contains("***"), part.toString());
        }
    }

    @Test
    void otherMessagesPassThrough() {
        ByteBuf raw = ascii("raw");
        channel.writeOutbound(raw);
        ByteBuf out = channel.readOutbound();
        assertSame(raw, out);
        out.release();
    }

    private void startAppend(long length) {
        channel.writeOutbound(new TaggedCommand(
                TAG, ImapCommands.append(MailboxName.INBOX, List.of(), null, length, LiteralMode.NON_SYNCHRONIZING)));
        assertEquals("A1 APPEND INBOX {" + length + "+}\r\n", readAll());
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /** Everything written so far, as UTF-8; every buffer read is released. */
    private String readAll() {
        StringBuilder sb = new StringBuilder();
        for (; ; ) {
            ByteBuf buf = channel.readOutbound();
            if (buf == null) {
                return sb.toString();
            }
            sb.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
    }
}
