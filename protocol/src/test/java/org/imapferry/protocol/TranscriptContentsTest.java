package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.response.CapabilityData;
import org.imapferry.protocol.response.EsearchData;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.MalformedResponse;
import org.imapferry.protocol.response.NamespaceData;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.response.VanishedData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.SequenceSet;
import org.junit.jupiter.api.Test;

/** What specific recorded samples decode to. */
class TranscriptContentsTest {
    private static DecoderRun.Result decode(String file, String title) {
        return DecoderRun.whole(Transcripts.find(file, title).serverBytes());
    }

    @Test
    void dovecotGreetingCarriesCapabilities() {
        UntaggedStatus greeting =
                decode("dovecot.txt", "Greeting with CAPABILITY response code").only(UntaggedStatus.class);
        assertEquals(Status.OK, greeting.status());
        ResponseCode.CapabilityCode code = assertInstanceOf(ResponseCode.CapabilityCode.class, greeting.code());
        assertTrue(code.capabilities().has(Capability.IMAP4REV1));
        assertTrue(code.capabilities().has(Capability.LITERAL_PLUS));
        assertEquals(
                List.of("PLAIN", "DIGEST-MD5", "CRAM-MD5", "NTLM"),
                code.capabilities().authMechanisms());
        assertEquals("Dovecot ready.", greeting.text());
    }

    @Test
    void multiappendGivesAnAppendUidRange() {
        TaggedResponse ok = decode("dovecot.txt", "MULTIAPPEND result").only(TaggedResponse.class);
        assertEquals(new ResponseCode.AppendUid(1436832084L, SequenceSet.of(1, 8)), ok.code());
    }

    @Test
    void reversedAppendUidStillParsesAsNumbers() {
        TaggedResponse ok = decode("other.txt", "DavMail (Exchange gateway)").only(TaggedResponse.class);
        assertEquals(new ResponseCode.AppendUid(7064, SequenceSet.of(1)), ok.code());
    }

    @Test
    void specialUseAttributes() {
        List<ListData> list =
                decode("dovecot.txt", "LIST with SPECIAL-USE attributes").all(ListData.class);
        assertEquals(7, list.size());
        assertEquals(
                new ListData("LIST", List.of("\\HasNoChildren", "\\Junk"), '.', MailboxName.of("Spam"), null),
                list.get(1));
        assertTrue(list.get(5).has("\\drafts"));
        assertTrue(list.get(6).mailbox().isInbox());
    }

    @Test
    void mailboxNamedNilAndStatusInterleaved() {
        DecoderRun.Result r = decode("dovecot.txt", "LIST ... RETURN (STATUS ...)");
        List<ListData> list = r.all(ListData.class);
        assertEquals(MailboxName.of("NIL"), list.get(list.size() - 1).mailbox());
        StatusData inbox = r.all(StatusData.class).stream()
                .filter(s -> s.mailbox().isInbox())
                .findFirst()
                .orElseThrow();
        assertEquals(4, inbox.get("MESSAGES").getAsLong());
        assertEquals(15, inbox.get("HIGHESTMODSEQ").getAsLong());
    }

    @Test
    void oldNameAndNonExistent() {
        List<ListData> list = decode("dovecot.txt", "NOTIFY / IDLE").all(ListData.class);
        assertFalse(list.get(1).isSelectable());
        assertEquals(MailboxName.of("RenameMe"), list.get(2).oldName());
        assertEquals(MailboxName.of("RenamedFolder"), list.get(2).mailbox());
    }

    @Test
    void courierNamespaceAndRootListing() {
        NamespaceData ns = decode("courier.txt", "NAMESPACE with").only(NamespaceData.class);
        assertEquals(List.of(new NamespaceData.Namespace("INBOX.", '.')), ns.personal());
        assertTrue(ns.otherUsers().isEmpty());
        assertEquals(2, ns.shared().size());
        assertEquals(
                750138,
                decode("courier.txt", "NAMESPACE with")
                        .only(StatusData.class)
                        .get("UIDNEXT")
                        .getAsLong());
        ListData root = decode("courier.txt", "Server-side write log")
                .all(ListData.class)
                .get(0);
        assertNull(root.mailbox());
        assertEquals('.', root.delimiter());
    }

    @Test
    void rfcNamespaceShapes() {
        List<NamespaceData> all =
                decode("rfc-examples.txt", "RFC 5255 NAMESPACE").all(NamespaceData.class);
        assertEquals(2, all.size());
        assertEquals(all.get(0), all.get(1));
        assertEquals("Other Users/", all.get(0).otherUsers().get(0).prefix());
        assertEquals(
                4,
                decode("rfc-examples.txt", "RFC 2342 NAMESPACE")
                        .all(NamespaceData.class)
                        .size());
    }

    @Test
    void exchangeStatusWithTrailingSpace() {
        StatusData status =
                decode("office365.txt", "STATUS reply with trailing space").only(StatusData.class);
        assertEquals(MailboxName.INBOX, status.mailbox());
        assertEquals(1, status.get("MESSAGES").getAsLong());
    }

    @Test
    void esearchWithTagCorrelator() {
        EsearchData esearch =
                decode("dovecot.txt", "ESEARCH reply to UID SEARCH").only(EsearchData.class);
        assertEquals("A00000001", esearch.tag());
        assertTrue(esearch.uid());
        assertEquals(SequenceSet.of(1, 14), esearch.all());
    }

    @Test
    void vanished() {
        assertEquals(
                new VanishedData(false, SequenceSet.of(1, 14)),
                decode("dovecot.txt", "EXPUNGE with VANISHED range").only(VanishedData.class));
        DecoderRun.Result qresync = decode("dovecot.txt", "SELECT ... (QRESYNC");
        assertEquals(new VanishedData(true, SequenceSet.of(8)), qresync.only(VanishedData.class));
        assertEquals(4L, qresync.all(FetchData.class).get(0).modSeq());
    }

    @Test
    void uidAfterTheStreamedLiteral() {
        DecoderRun.Result r = decode("dovecot.txt", "FETCH BODY[] where UID comes AFTER");
        List<Object> events = r.events();
        assertEquals(new BodySectionStart(1, "BODY", "", null, 68, false), events.get(0));
        assertEquals(68, ((DecoderRun.Literal) events.get(1)).bytes().length);
        FetchData fetch = (FetchData) events.get(2);
        assertEquals(1L, fetch.uid());
        assertTrue(fetch.sections().isEmpty());
    }

    @Test
    void headerLiteralIsInlineAndUidFollows() {
        FetchData fetch = decode("dovecot.txt", "FETCH BODY[HEADER] literal followed by UID")
                .only(FetchData.class);
        assertEquals(1L, fetch.uid());
        assertEquals(226, fetch.section("HEADER").bytes().length);
        assertTrue(fetch.section("HEADER").text().startsWith("From: Unit Tests"));
    }

    @Test
    void twoLiteralsInOneFetch() {
        DecoderRun.Result r = decode("dovecot.txt", "Two literals in one FETCH");
        List<Object> events = r.events();
        assertEquals(new BodySectionStart(2, "BODY", "1", null, 27, false), events.get(0));
        assertInstanceOf(DecoderRun.Literal.class, events.get(1));
        FetchData fetch = (FetchData) events.get(2);
        assertEquals(43, fetch.section("1.MIME").bytes().length);
        assertEquals(2L, fetch.uid());
    }

    @Test
    void partialOrigin() {
        assertEquals(
                new BodySectionStart(1, "BODY", "", 128L, 64, false),
                decode("dovecot.txt", "Partial fetch BODY[]<128>").events().get(0));
    }

    @Test
    void gmailLabelsKeptRaw() {
        FetchData fetch = decode("gmail.txt", "FETCH with X-GM-THRID").only(FetchData.class);
        assertEquals("(\"\\\\Inbox\" \"\\\\Important\")", fetch.extra().get("X-GM-LABELS"));
        assertEquals("1382927258807439521", fetch.extra().get("X-GM-MSGID"));
        assertEquals(List.of(Flag.SEEN), fetch.flags());
        assertNull(fetch.section("1.1.TEXT").bytes());
        FetchData other = decode("gmail.txt", "FETCH with X-GM-* items").only(FetchData.class);
        assertEquals(227195L, other.uid());
        assertTrue(other.extra().containsKey("BODYSTRUCTURE"));
        assertEquals(21, other.sections().get(0).bytes().length);
    }

    @Test
    void office365ThrottlingText() {
        List<TaggedResponse> no =
                decode("office365.txt", "Throttling on APPEND").all(TaggedResponse.class);
        assertEquals(Status.NO, no.get(0).status());
        assertEquals(
                "Request is throttled. Suggested Backoff Time: 299609 milliseconds",
                no.get(0).text());
        DecoderRun.Result bye = decode("office365.txt", "Throttling as BAD followed");
        assertEquals(Status.BYE, bye.only(UntaggedStatus.class).status());
    }

    @Test
    void gmailCapabilitiesAndThrottledSuffix() {
        DecoderRun.Result r = decode("gmail.txt", "[THROTTLED] appended AFTER");
        assertTrue(r.all(CapabilityData.class).get(1).capabilities().has(Capability.LITERAL_MINUS));
        assertEquals(
                35651584L,
                r.all(CapabilityData.class).get(1).capabilities().appendLimit().orElseThrow());
        assertEquals("Success [THROTTLED]", r.all(TaggedResponse.class).get(2).text());
    }

    @Test
    void bareCopyUidLineIsMalformedAndTheSessionGoesOn() {
        DecoderRun.Result r = decode("office365.txt", "UID MOVE answered with a bare");
        assertEquals("[COPYUID 55 31 6]", r.only(MalformedResponse.class).raw());
    }

    @Test
    void doubleSpaceAfterStar() {
        DecoderRun.Result r = decode("other.txt", "DavMail in front of Office 365");
        assertTrue(r.all(MalformedResponse.class).isEmpty(), () -> r.events().toString());
    }
}
