package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.Tag;
import org.junit.jupiter.api.Test;

/** A refused or lost APPEND becomes a typed failure that keeps the server's words. */
class FailureTest {
    static Failure refusal(ResponseCode code, String text) {
        return Failure.of(new ImapCommandException("APPEND", new TaggedResponse(new Tag("A1"), Status.NO, code, text)));
    }

    @Test
    void responseCodesDecideTheKind() {
        assertEquals(
                Failure.Kind.OVER_QUOTA,
                refusal(new ResponseCode.OverQuota(), "Mailbox is full").kind());
        assertEquals(
                Failure.Kind.TOO_BIG,
                refusal(new ResponseCode.Limit(), "Message too large").kind());
        assertEquals(
                Failure.Kind.THROTTLED,
                refusal(new ResponseCode.Throttled(), "Too many requests").kind());
        assertEquals(
                Failure.Kind.THROTTLED,
                refusal(new ResponseCode.Unavailable(), "Try later").kind());
        assertEquals(
                Failure.Kind.TRY_CREATE,
                refusal(new ResponseCode.TryCreate(), "No such mailbox").kind());
        // A code that says nothing of the reason leaves it to the words, or to a plain refusal.
        assertEquals(
                Failure.Kind.REFUSED,
                refusal(new ResponseCode.Other("UNKNOWN-CTE", ""), "NUL").kind());
        assertEquals(Failure.Kind.REFUSED, refusal(null, "Message rejected").kind());
    }

    @Test
    void serversWithoutCodesAreUnderstoodFromTheirWords() {
        assertEquals(
                Failure.Kind.THROTTLED,
                refusal(null, "Request is throttled. Suggested Backoff Time: 242 milliseconds")
                        .kind());
        assertEquals(
                Failure.Kind.OVER_QUOTA,
                refusal(null, "Quota exceeded (mailbox for user is full)").kind());
        assertEquals(Failure.Kind.TOO_BIG, refusal(null, "Message is too big").kind());
    }

    @Test
    void theTextIsTheServersAndTheCodeIsKept() {
        Failure f = refusal(new ResponseCode.OverQuota(), "Quota exceeded (mailbox for user is full)");
        assertEquals("APPEND failed: NO [OVERQUOTA] Quota exceeded (mailbox for user is full)", f.text());
        assertEquals(new ResponseCode.OverQuota(), f.code());
    }

    @Test
    void aLostConnectionAndAStopAreNotRefusals() {
        Failure lost = Failure.of(new ConnectionClosedException("the connection was closed", null));
        assertEquals(Failure.Kind.CONNECTION_LOST, lost.kind());
        assertEquals("not copied: the connection was closed", lost.text());
        assertNull(lost.code());
        assertEquals(Failure.Kind.STOPPED, Failure.stopped().kind());
    }
}
