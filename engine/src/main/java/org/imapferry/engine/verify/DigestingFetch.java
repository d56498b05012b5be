package org.imapferry.engine.verify;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.CommandPipeline;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.engine.identity.HeaderFields;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.SectionData;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;

/**
 * Fingerprints every message of the selected folder with one pipelined, read-only
 * {@code UID FETCH 1:* (UID FLAGS INTERNALDATE BODY.PEEK[HEADER.FIELDS (...)] BODY.PEEK[])}:
 * each body chunk goes through SHA-256 and is released at once, so no message is ever held.
 * The UID may follow the body (RFC 3501 §7.4.2 fixes no order), so results are keyed by sequence
 * number until the FETCH response ends.
 */
final class DigestingFetch implements ResponseHandler {
    private final List<String> identityHeaders;
    private final Map<Long, String> digests = new HashMap<>();
    private final Map<Long, Long> sizes = new HashMap<>();
    private final List<Fingerprint> fingerprints = new ArrayList<>();
    private final CompletableFuture<List<Fingerprint>> done = new CompletableFuture<>();
    private final Set<String> skipLeadingHeaders;
    private MessageDigester digest;
    private long currentSeq = -1;
    private long currentSize;

    DigestingFetch(List<String> identityHeaders) {
        this(identityHeaders, List.of());
    }

    /** @param skipLeadingHeaders leading header fields left out of the digest (see {@link MessageDigester}) */
    DigestingFetch(List<String> identityHeaders, List<String> skipLeadingHeaders) {
        this.identityHeaders = identityHeaders;
        this.skipLeadingHeaders = MessageDigester.names(skipLeadingHeaders);
    }

    static List<Fingerprint> run(ImapSession session, long exists, List<String> identityHeaders) {
        return run(session, exists, identityHeaders, List.of());
    }

    static List<Fingerprint> run(
            ImapSession session, long exists, List<String> identityHeaders, List<String> skipLeadingHeaders) {
        if (exists == 0) {
            return List.of();
        }
        DigestingFetch handler = new DigestingFetch(identityHeaders, skipLeadingHeaders);
        List<String> names = new ArrayList<>(identityHeaders);
        if (!names.contains("Subject")) {
            names.add("Subject");
        }
        if (!names.contains("Message-ID")) {
            names.add("Message-ID");
        }
        UidFetch fetch = ImapCommands.uidFetch(
                SequenceSet.all(),
                "UID",
                "FLAGS",
                "INTERNALDATE",
                "BODY.PEEK[HEADER.FIELDS (" + String.join(" ", names).toUpperCase(Locale.ROOT) + ")]",
                "BODY.PEEK[]");
        session.eventLoop().execute(() -> {
            CommandPipeline.Pending pending = session.pipeline().begin(fetch, handler);
            pending.completion().whenComplete((ok, error) -> {
                if (error != null) {
                    handler.done.completeExceptionally(error);
                } else {
                    handler.done.complete(handler.fingerprints);
                }
            });
            session.channel().writeAndFlush(new TaggedCommand(pending.tag(), fetch));
        });
        return session.await(handler.done, "UID FETCH (verification)");
    }

    private static byte[] inlineBody(FetchData data) {
        return data.sections().stream()
                .filter(x -> x.section().isEmpty() && x.item().startsWith("BODY"))
                .map(SectionData::bytes)
                .findFirst()
                .orElse(null);
    }

    /** The messages fingerprinted so far. */
    List<Fingerprint> fingerprints() {
        return List.copyOf(fingerprints);
    }

    @Override
    public boolean offer(Object event) {
        if (event instanceof ConnectionClosedException) {
            return false;
        }
        if (event instanceof BodySectionStart start) {
            currentSeq = start.section().isEmpty() ? start.sequenceNumber() : -1;
            currentSize = 0;
            digest = new MessageDigester(skipLeadingHeaders);
            return true;
        }
        if (event instanceof LiteralChunk chunk) {
            try {
                ByteBuf content = chunk.content();
                currentSize += content.readableBytes();
                digest.update(content);
                if (chunk instanceof LastLiteralChunk && currentSeq > 0) {
                    digests.put(currentSeq, digest.finish());
                    sizes.put(currentSeq, currentSize);
                }
            } finally {
                ReferenceCountUtil.release(chunk);
            }
            return true;
        }
        if (event instanceof FetchData data) {
            String sha = digests.remove(data.sequenceNumber());
            Long size = sizes.remove(data.sequenceNumber());
            if (data.uid() != null) {
                if (sha == null) {
                    // BODY[] came as a quoted string or NIL rather than a literal: small enough to
                    // be inline, and the message must still be counted, never left out.
                    byte[] inline = inlineBody(data);
                    MessageDigester inlineDigest = new MessageDigester(skipLeadingHeaders);
                    inlineDigest.update(Unpooled.wrappedBuffer(inline == null ? new byte[0] : inline));
                    sha = inline == null ? "no body returned" : inlineDigest.finish();
                    size = inline == null ? 0L : inline.length;
                }
                SectionData header = data.sections().stream()
                        .filter(x -> x.section().startsWith("HEADER"))
                        .findFirst()
                        .orElse(null);
                Map<String, String> fields = HeaderFields.parse(header == null ? null : header.text());
                Set<Flag> flags = new LinkedHashSet<>(data.flags() == null ? List.of() : data.flags());
                flags.remove(Flag.RECENT);
                fingerprints.add(new Fingerprint(
                        data.uid(),
                        sha,
                        size,
                        flags,
                        data.internalDate(),
                        MessageKey.of(fields, identityHeaders, size, false),
                        fields.getOrDefault("subject", "")));
            }
            return true;
        }
        return false;
    }
}
