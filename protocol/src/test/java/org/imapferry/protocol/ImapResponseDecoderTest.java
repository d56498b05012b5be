package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.CapabilityData;
import org.imapferry.protocol.response.ContinuationRequest;
import org.imapferry.protocol.response.EnabledData;
import org.imapferry.protocol.response.EsearchData;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.ExpungeData;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.FlagsData;
import org.imapferry.protocol.response.IdData;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.MalformedResponse;
import org.imapferry.protocol.response.NamespaceData;
import org.imapferry.protocol.response.RecentData;
import org.imapferry.protocol.response.SearchData;
import org.imapferry.protocol.response.SectionData;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.response.UnknownData;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.response.VanishedData;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.SequenceSet;
import org.imapferry.protocol.types.Tag;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImapResponseDecoderTest {
    private static final ImapDecoderLimits SMALL = new ImapDecoderLimits(64, 16, 32, 256);

    /** Decodes one response, checking it decodes the same fed byte by byte. */
    private static ImapResponse one(String line) {
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        DecoderRun.Result result = DecoderRun.whole(bytes);
        assertEquals(result, DecoderRun.bytewise(bytes));
        assertNull(result.failure());
        assertEquals(1, result.events().size(), () -> result.events().toString());
        return (ImapResponse) result.events().get(0);
    }

    private static ImapFramingException framingError(String input, ImapDecoderLimits limits) {
        DecoderRun.Result result = DecoderRun.whole(input, limits);
        assertNotNull(result.failure(), () -> "no framing error, got " + result.events());
        return result.failure();
    }

    @Nested
    class StatusResponses {
        @Test
        void continuationRequests() {
            assertEquals(new ContinuationRequest("Ready for literal"), one("+ Ready for literal"));
            assertEquals(new ContinuationRequest(""), one("+"));
            assertEquals(new ContinuationRequest(""), one("+ "));
            assertEquals(new ContinuationRequest("\"\""), one("+ \"\""));
        }

        @Test
        void taggedWithAndWithoutCode() {
            assertEquals(new TaggedResponse(new Tag("a1"), Status.OK, null, "done"), one("a1 ok done"));
            assertEquals(
                    new TaggedResponse(new Tag("A2"), Status.NO, new ResponseCode.TryCreate(), ""),
                    one("A2 NO [TRYCREATE]"));
            assertEquals(new TaggedResponse(new Tag("A3"), Status.BAD, null, ""), one("A3 BAD"));
        }

        @Test
        void untaggedGreetingsAndBye() {
            assertEquals(new UntaggedStatus(Status.PREAUTH, null, "welcome"), one("* PREAUTH welcome"));
            assertEquals(new UntaggedStatus(Status.BYE, null, ""), one("* BYE"));
            assertEquals(new UntaggedStatus(Status.OK, new ResponseCode.Closed(), ""), one("* OK [CLOSED]"));
        }

        @Test
        void everyResponseCode() {
            Map<String, ResponseCode> codes = Map.ofEntries(
                    Map.entry("ALERT", new ResponseCode.Alert()),
                    Map.entry("PARSE", new ResponseCode.Parse()),
                    Map.entry("READ-ONLY", new ResponseCode.ReadOnly()),
                    Map.entry("read-write", new ResponseCode.ReadWrite()),
                    Map.entry("TRYCREATE", new ResponseCode.TryCreate()),
                    Map.entry("ALREADYEXISTS", new ResponseCode.AlreadyExists()),
                    Map.entry("OVERQUOTA", new ResponseCode.OverQuota()),
                    Map.entry("LIMIT", new ResponseCode.Limit()),
                    Map.entry("THROTTLED", new ResponseCode.Throttled()),
                    Map.entry("AUTHENTICATIONFAILED", new ResponseCode.AuthenticationFailed()),
                    Map.entry("UNAVAILABLE", new ResponseCode.Unavailable()),
                    Map.entry("NOMODSEQ", new ResponseCode.NoModSeq()),
                    Map.entry("CLOSED", new ResponseCode.Closed()),
                    Map.entry(
                            "CAPABILITY IMAP4rev1 AUTH=PLAIN",
                            new ResponseCode.CapabilityCode(Capabilities.of(List.of("IMAP4rev1", "AUTH=PLAIN")))),
                    Map.entry(
                            "PERMANENTFLAGS (\\Seen $Junk \\*)",
                            new ResponseCode.PermanentFlags(List.of(Flag.SEEN, new Flag("$Junk"), Flag.ANY_KEYWORD))),
                    Map.entry("PERMANENTFLAGS ()", new ResponseCode.PermanentFlags(List.of())),
                    Map.entry("UIDVALIDITY 3857529045", new ResponseCode.UidValidity(3857529045L)),
                    Map.entry("UIDVALIDITY 1436832128000", new ResponseCode.UidValidity(1436832128000L)),
                    Map.entry("UIDNEXT 15", new ResponseCode.UidNext(15)),
                    Map.entry("UNSEEN 3", new ResponseCode.Unseen(3)),
                    Map.entry(
                            "HIGHESTMODSEQ 1234567890123456789", new ResponseCode.HighestModSeq(1234567890123456789L)),
                    Map.entry("APPENDUID 38505 3955", new ResponseCode.AppendUid(38505, SequenceSet.of(3955))),
                    Map.entry(
                            "COPYUID 38505 304,319:320 3956:3958",
                            new ResponseCode.CopyUid(
                                    38505, SequenceSet.of(List.of(304L, 319L, 320L)), SequenceSet.of(3956, 3958))),
                    Map.entry("UIDVALIDITY 0", new ResponseCode.Other("UIDVALIDITY", "0")),
                    Map.entry("MODIFIED 7,9", new ResponseCode.Other("MODIFIED", "7,9")),
                    Map.entry(
                            "WEBALERT https://x.example/?a=b",
                            new ResponseCode.Other("WEBALERT", "https://x.example/?a=b")),
                    Map.entry("NONEXISTENT", new ResponseCode.Other("NONEXISTENT", "")));
            codes.forEach((wire, code) ->
                    assertEquals(new UntaggedStatus(Status.OK, code, "text"), one("* OK [" + wire + "] text"), wire));
        }

        @Test
        void unclosedBracketIsText() {
            assertEquals(new UntaggedStatus(Status.NO, null, "[oops no close"), one("* NO [oops no close"));
        }
    }

    @Nested
    class ServerData {
        @Test
        void capabilityWithTrailingSpaceAndLowerCase() {
            CapabilityData data = (CapabilityData) one("* capability imap4rev1 CONDSTORE ");
            assertEquals(Capabilities.of(List.of("IMAP4REV1", "CONDSTORE")), data.capabilities());
        }

        @Test
        void enabled() {
            assertEquals(new EnabledData(List.of("CONDSTORE", "QRESYNC")), one("* ENABLED CONDSTORE QRESYNC"));
            assertEquals(new EnabledData(List.of()), one("* ENABLED"));
        }

        @Test
        void id() {
            IdData id = (IdData) one("* ID (\"name\"  \"Dovecot\" \"version\" NIL)");
            assertEquals("Dovecot", id.parameters().get("name"));
            assertTrue(id.parameters().containsKey("version"));
            assertNull(id.parameters().get("version"));
            assertTrue(((IdData) one("* ID NIL")).parameters().isEmpty());
            assertTrue(((IdData) one("* ID ( )")).parameters().isEmpty());
        }

        @Test
        void listVariants() {
            assertEquals(
                    new ListData("LIST", List.of("\\Noselect"), '/', MailboxName.of("[Gmail]"), null),
                    one("* LIST (\\Noselect) \"/\" \"[Gmail]\""));
            assertEquals(
                    new ListData("LIST", List.of(), null, MailboxName.of("INBOX"), null), one("* LIST () NIL inbox"));
            assertEquals(
                    new ListData("LIST", List.of(), null, MailboxName.of("Flat"), null), one("* LIST () \"\" Flat"));
            assertEquals(
                    new ListData("LIST", List.of(), '\\', MailboxName.of("Mail\\Sub"), null),
                    one("* LIST () \"\\\\\" \"Mail\\\\Sub\""));
            assertEquals(
                    new ListData("XLIST", List.of("\\Sent"), '/', MailboxName.of("[Gmail]/Enviados"), null),
                    one("* XLIST (\\Sent) \"/\" \"[Gmail]/Enviados\""));
            assertEquals(
                    new ListData("LSUB", List.of(), '.', MailboxName.of("Entwürfe"), null),
                    one("* LSUB () \".\" Entw&APw-rfe"));
            assertEquals(
                    new ListData("LIST", List.of("\\Subscribed"), '/', MailboxName.of("Foo"), MailboxName.of("Bar")),
                    one("* LIST (\\Subscribed) \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\") " + "\"OLDNAME\" (\"Bar\"))"));
            assertEquals(
                    new ListData("LIST", List.of("\\HasNoChildren"), '/', MailboxName.of("ab\"cd"), null),
                    one("* LIST (\\HasNoChildren) \"/\" \"ab\"cd\""));
        }

        @Test
        void listWithALiteralName() {
            DecoderRun.Result r =
                    DecoderRun.whole("* LIST () \"/\" {8}\r\nA folder\r\n* STATUS {3}\r\nA b (MESSAGES 2)\r\n");
            assertEquals(
                    new ListData("LIST", List.of(), '/', MailboxName.of("A folder"), null),
                    r.events().get(0));
            assertEquals(
                    new StatusData(MailboxName.of("A b"), Map.of("MESSAGES", 2L)),
                    r.events().get(1));
        }

        /**
         * RFC 5465 §5: a change in a mailbox that is not selected comes as an ordinary STATUS
         * response; a deleted or renamed mailbox as LIST with \NonExistent, or with OLDNAME.
         */
        @Test
        void notifyEvents() {
            assertEquals(
                    new StatusData(
                            MailboxName.of("Lists/imap"),
                            Map.of(
                                    "MESSAGES",
                                    7L,
                                    "UIDNEXT",
                                    42L,
                                    "UIDVALIDITY",
                                    1736L,
                                    "HIGHESTMODSEQ",
                                    90060115194045001L)),
                    one("* STATUS Lists/imap (MESSAGES 7 UIDNEXT 42 UIDVALIDITY 1736 "
                            + "HIGHESTMODSEQ 90060115194045001)"));
            ListData gone = (ListData) one("* LIST (\\NonExistent) \"/\" \"Old Folder\"");
            assertEquals(MailboxName.of("Old Folder"), gone.mailbox());
            assertFalse(gone.isSelectable());
            assertEquals(
                    new ListData(
                            "LIST",
                            List.of("\\HasNoChildren"),
                            '.',
                            MailboxName.of("New.Name"),
                            MailboxName.of("Old.Name")),
                    one("* LIST (\\HasNoChildren) \".\" New.Name (\"OLDNAME\" (Old.Name))"));
        }

        @Test
        void namespace() {
            assertEquals(
                    new NamespaceData(List.of(new NamespaceData.Namespace("", null)), List.of(), List.of()),
                    one("* NAMESPACE ((\"\" NIL)) NIL NIL"));
        }

        @Test
        void statusSearchEsearch() {
            assertEquals(new StatusData(MailboxName.INBOX, Map.of()), one("* STATUS INBOX ()"));
            assertEquals(new SearchData(List.of(), null), one("* SEARCH"));
            assertEquals(new SearchData(List.of(2L, 84L), null), one("* SEARCH 2 84 "));
            assertEquals(new SearchData(List.of(2L, 5L), 917162500L), one("* SEARCH 2 5 (MODSEQ 917162500)"));
            assertEquals(
                    new EsearchData(null, true, 1L, 9L, null, 3L, 12L),
                    one("* ESEARCH UID MIN 1 MAX 9 COUNT 3 MODSEQ 12 X-EXT (a b)"));
            assertEquals(new EsearchData("A3", false, null, null, null, null, null), one("* ESEARCH (TAG \"A3\")"));
        }

        @Test
        void mailboxSizeAndMessageNumbers() {
            assertEquals(new FlagsData(List.of(Flag.SEEN, new Flag("$Forwarded"))), one("* FLAGS (\\Seen $Forwarded)"));
            assertEquals(new FlagsData(List.of()), one("* FLAGS NIL"));
            assertEquals(new ExistsData(633), one("*  633 EXISTS"));
            assertEquals(new RecentData(0), one("* 0 recent"));
            assertEquals(new ExpungeData(44), one("* 44 EXPUNGE"));
            assertEquals(
                    new VanishedData(true, SequenceSet.parse("41,43:116,118")),
                    one("* VANISHED (EARLIER) 41,43:116,118"));
        }

        @Test
        void unknownData() {
            assertEquals(
                    new UnknownData("QUOTA", "* QUOTA \"\" (STORAGE 10 512)"), one("* QUOTA \"\" (STORAGE 10 512)"));
            assertEquals(new UnknownData("XFOO", "* 3 XFOO bar"), one("* 3 XFOO bar"));
        }

        @Test
        void eightBitQuotedString() {
            StatusData s = (StatusData) one("* STATUS \"Gel\u00f6scht\" (MESSAGES 1)");
            assertEquals(MailboxName.of("Gelöscht"), s.mailbox());
        }
    }

    @Nested
    class Fetch {
        @Test
        void attributesInAnyOrder() {
            FetchData f = (FetchData) one("* 12 FETCH (FLAGS (\\Seen \\Recent) UID 4711 INTERNALDATE "
                    + "\" 2-Mar-2016 10:00:00 +0100\" RFC822.SIZE 52113 MODSEQ (0) X-GM-MSGID 1278455344230334865 "
                    + "BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" -1 0) BINARY.SIZE[1] 12)");
            assertEquals(12, f.sequenceNumber());
            assertEquals(4711L, f.uid());
            assertEquals(List.of(Flag.SEEN, Flag.RECENT), f.flags());
            assertEquals(ImapDateTime.parse("02-Mar-2016 10:00:00 +0100"), f.internalDate());
            assertEquals(52113L, f.rfc822Size());
            assertEquals(0L, f.modSeq());
            assertEquals(
                    Map.of(
                            "X-GM-MSGID",
                            "1278455344230334865",
                            "BODYSTRUCTURE",
                            "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" -1 0)",
                            "BINARY.SIZE[1]",
                            "12"),
                    f.extra());
        }

        @Test
        void oddModSeqAndDateKeptRaw() {
            FetchData f = (FetchData) one("* 1 FETCH (MODSEQ (-1) INTERNALDATE \"yesterday\" UID 3)");
            assertNull(f.modSeq());
            assertNull(f.internalDate());
            assertEquals(Map.of("MODSEQ", "(-1)", "INTERNALDATE", "\"yesterday\""), f.extra());
        }

        @Test
        void streamedBodyThenUid() {
            DecoderRun.Result r = DecoderRun.whole("* 3 FETCH (BODY[] {5}\r\nhello UID 9)\r\n");
            assertEquals(
                    new BodySectionStart(3, "BODY", "", null, 5, false),
                    r.events().get(0));
            assertEquals("hello", ((DecoderRun.Literal) r.events().get(1)).text());
            assertEquals(
                    new FetchData(3, 9L, null, null, null, null, List.of(), Map.of()),
                    r.events().get(2));
        }

        @Test
        void rfc822AndBinaryAreStreamed() {
            DecoderRun.Result r = DecoderRun.whole("* 1 FETCH (RFC822 {2}\r\nab RFC822.TEXT {1}\r\nc "
                    + "BINARY[2] ~{3}\r\n\0\1\2 BODY.PEEK[TEXT]<0> {0}\r\n)\r\n");
            assertEquals(
                    List.of(
                            new BodySectionStart(1, "RFC822", "", null, 2, false),
                            new DecoderRun.Literal("ab".getBytes()),
                            new BodySectionStart(1, "RFC822.TEXT", "", null, 1, false),
                            new DecoderRun.Literal("c".getBytes()),
                            new BodySectionStart(1, "BINARY", "2", null, 3, true),
                            new DecoderRun.Literal(new byte[] {0, 1, 2}),
                            new BodySectionStart(1, "BODY", "TEXT", 0L, 0, false),
                            new DecoderRun.Literal(new byte[0]),
                            new FetchData(1, null, null, null, null, null, List.of(), Map.of())),
                    r.events());
        }

        @Test
        void headerSectionsInline() {
            FetchData f = (FetchData) DecoderRun.whole("* 1 FETCH (RFC822.HEADER {4}\r\nA: b BODY[1.MIME] "
                            + "\"x\" BODY[HEADER.FIELDS (DATE)] {0}\r\n BODY[] \"inline\" BODY[2] NIL)\r\n")
                    .events()
                    .get(0);
            assertEquals(
                    List.of(
                            new SectionData("RFC822.HEADER", "", null, "A: b".getBytes()),
                            new SectionData("BODY", "1.MIME", null, "x".getBytes()),
                            new SectionData("BODY", "HEADER.FIELDS (DATE)", null, new byte[0]),
                            new SectionData("BODY", "", null, "inline".getBytes()),
                            new SectionData("BODY", "2", null, null)),
                    f.sections());
        }

        @Test
        void headerLargerThanInlineLimitIsStreamed() {
            String header = "X".repeat(40);
            DecoderRun.Result r = DecoderRun.whole("* 1 FETCH (BODY[HEADER] {40}\r\n" + header + ")\r\n", SMALL);
            assertEquals(
                    new BodySectionStart(1, "BODY", "HEADER", null, 40, false),
                    r.events().get(0));
            assertEquals(header, ((DecoderRun.Literal) r.events().get(1)).text());
        }

        @Test
        void literalInsideAnotherItemIsInlineAndKeptRaw() {
            FetchData f = (FetchData) DecoderRun.whole("* 1 FETCH (X-GM-LABELS (\\Inbox {6}\r\nBODY[]) UID 2)\r\n")
                    .events()
                    .get(0);
            assertEquals("(\\Inbox {6}\r\nBODY[])", f.extra().get("X-GM-LABELS"));
            assertEquals(2L, f.uid());
        }

        @Test
        void chunksAreEmittedAsBytesArriveAndAreSlicesOfTheInput() {
            EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder(SMALL));
            channel.writeInbound(
                    Unpooled.copiedBuffer("* 7 FETCH (BODY[] {40}\r\n0123456789", StandardCharsets.US_ASCII));
            assertInstanceOf(BodySectionStart.class, channel.readInbound());
            LiteralChunk first = channel.readInbound();
            assertEquals("0123456789", first.content().toString(StandardCharsets.US_ASCII));
            assertFalse(first instanceof LastLiteralChunk);
            first.release();
            assertNull(channel.readInbound());
            channel.writeInbound(Unpooled.copiedBuffer("x".repeat(30) + " UID 1)\r\n", StandardCharsets.US_ASCII));
            LiteralChunk second = channel.readInbound();
            LiteralChunk third = channel.readInbound();
            assertEquals(16, second.content().readableBytes());
            assertInstanceOf(LastLiteralChunk.class, third);
            assertEquals(14, third.content().readableBytes());
            second.release();
            third.release();
            assertEquals(1L, ((FetchData) channel.readInbound()).uid());
            assertFalse(channel.finish());
        }

        @Test
        void malformedAfterAStreamedLiteralFinishesTheLiteralFirst() {
            DecoderRun.Result r = DecoderRun.whole("* 2 FETCH (BODY[] {3}\r\nabc UID x)\r\n* 3 EXISTS\r\n");
            assertInstanceOf(BodySectionStart.class, r.events().get(0));
            assertEquals("abc", ((DecoderRun.Literal) r.events().get(1)).text());
            MalformedResponse bad = (MalformedResponse) r.events().get(2);
            assertEquals("* 2 FETCH (BODY[] {3}\r\n UID x)", bad.raw());
            assertTrue(bad.reason().contains("expected a number"), bad.reason());
            assertEquals(new ExistsData(3), r.events().get(3));
        }

        @Test
        void flattensExtraParenthesesAndAcceptsYandexEmptySection() {
            FetchData f = (FetchData) one("* 2 FETCH (UID 5 (ENVELOPE (NIL)) BODY[2] )");
            assertEquals(5L, f.uid());
            assertEquals("(NIL)", f.extra().get("ENVELOPE"));
            assertNull(f.section("2").bytes());
        }
    }

    @Nested
    class Framing {
        @Test
        void bareLfEndsALine() {
            DecoderRun.Result r = DecoderRun.whole("* 1 EXISTS\n* 2 FETCH (BODY[] {2}\nab)\nA1 OK done\n");
            assertEquals(new ExistsData(1), r.events().get(0));
            assertEquals("ab", ((DecoderRun.Literal) r.events().get(2)).text());
            assertInstanceOf(TaggedResponse.class, r.events().get(4));
        }

        @Test
        void malformedResponseDoesNotStopDecoding() {
            DecoderRun.Result r =
                    DecoderRun.whole("* 1 FETCH (UID)\r\n\r\nA1 FOO bar\r\n\u0001\u00ff\u0000junk\r\n* 4 EXISTS\r\n");
            assertEquals(4, r.all(MalformedResponse.class).size());
            assertEquals(new ExistsData(4), r.events().get(4));
        }

        @Test
        void lineTooLong() {
            ImapFramingException e = framingError("* OK " + "x".repeat(100) + "\r\n", SMALL);
            assertTrue(e.getMessage().contains("line"), e.getMessage());
            assertEquals(0, e.streamOffset());
            // also when no LF has arrived yet, and at the right offset
            e = framingError("* 1 EXISTS\r\n* OK " + "x".repeat(100), SMALL);
            assertEquals(12, e.streamOffset());
        }

        @Test
        void responseTooLarge() {
            String literal = "y".repeat(30);
            StringBuilder in = new StringBuilder("* LIST () \"/\" (");
            for (int i = 0; i < 10; i++) {
                in.append("\"X\" {30}\r\n").append(literal).append(' ');
            }
            ImapFramingException e = framingError(in + ")\r\n", SMALL);
            assertTrue(e.getMessage().contains("response larger than 256"), e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{abc}", "{-1}", "{}", "{+}", "{1 2}", "{99999999999999999999}", "~{12x}"})
        void badLiteralLength(String announcement) {
            ImapFramingException e =
                    framingError("* 1 FETCH (BODY[] " + announcement + "\r\nabc)\r\n", ImapDecoderLimits.DEFAULT);
            assertTrue(e.getMessage().contains("literal"), e.getMessage());
            assertEquals(18 + announcement.indexOf('{'), e.streamOffset(), e.getMessage());
        }

        @Test
        void statusAndContinuationTextMayEndInABrace() {
            assertEquals(
                    new UntaggedStatus(Status.OK, new ResponseCode.Alert(), "quota {full}"),
                    one("* OK [ALERT] quota {full}"));
            assertEquals(new ContinuationRequest("{\"status\":\"400\"}"), one("+ {\"status\":\"400\"}"));
            assertEquals(new TaggedResponse(new Tag("A1"), Status.NO, null, "{5}"), one("A1 NO {5}"));
        }

        @Test
        void nonBodyLiteralOverTheInlineLimit() {
            ImapFramingException e = framingError("* LIST () \"/\" {33}\r\n" + "z".repeat(33) + "\r\n", SMALL);
            assertTrue(e.getMessage().contains("larger than 32"), e.getMessage());
        }

        @Test
        void afterAFramingErrorEverythingIsDiscarded() {
            EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder(SMALL));
            ByteBuf bad = Unpooled.copiedBuffer(
                    "* 1 EXISTS\r\n* 2 FETCH (BODY[] {x}\r\n* 3 EXISTS\r\n", StandardCharsets.US_ASCII);
            assertThrows(ImapFramingException.class, () -> channel.writeInbound(bad));
            assertEquals(new ExistsData(1), channel.readInbound());
            assertNull(channel.readInbound());
            assertFalse(channel.writeInbound(Unpooled.copiedBuffer("* 4 EXISTS\r\n", StandardCharsets.US_ASCII)));
            assertNull(channel.readInbound());
            assertFalse(channel.finish());
        }

        @Test
        void incompleteResponseAtCloseEmitsNothing() {
            EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder());
            assertFalse(channel.writeInbound(
                    Unpooled.copiedBuffer("* 1 LIST () \"/\" {10}\r\nabc", StandardCharsets.US_ASCII)));
            assertFalse(channel.finish());
        }
    }
}
