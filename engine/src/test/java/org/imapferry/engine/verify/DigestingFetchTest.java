package org.imapferry.engine.verify;

import static org.imapferry.engine.verify.VerifyFixtures.DATE;
import static org.imapferry.engine.verify.VerifyFixtures.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.verify.VerifyFixtures.Server;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.SectionData;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** The digest is computed over the chunks as they pass: a 30 MB message is never held. */
class DigestingFetchTest {
    private static final int CHUNK = 64 * 1024;
    private static final int SIZE = 30 * 1024 * 1024;
    private static final byte[] HEADER = ("From: Alice <alice@example.com>\r\nSubject: big one\r\n"
                    + "Message-ID: <big@verify.example>\r\nDate: Thu, 04 Mar 2021 09:15:00 +0000\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** Chunk {@code i} of the big test message: the header, then lines that differ per chunk. */
    private static byte[] chunk(int i, byte[] into) {
        for (int p = 0; p < into.length; p++) {
            into[p] = (byte) ('a' + (p + i) % 26);
        }
        for (int p = 78; p < into.length; p += 80) {
            into[p] = '\r';
            into[p + 1] = '\n';
        }
        if (i == 0) {
            System.arraycopy(HEADER, 0, into, 0, HEADER.length);
        }
        return into;
    }

    @Test
    void thirtyMegabytesAreHashedChunkByChunkAndEveryChunkIsReleased() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MessageDigest independent = MessageDigest.getInstance("SHA-256");
        DigestingFetch fetch = new DigestingFetch(List.of("Message-ID", "Date", "From"));
        byte[] block = new byte[CHUNK];
        long allocatedInOffer = 0;
        List<LiteralChunk> offered = new ArrayList<>();

        assertTrue(fetch.offer(new BodySectionStart(1, "BODY", "", null, SIZE, false)));
        for (int i = 0; i < SIZE / CHUNK; i++) {
            independent.update(chunk(i, block));
            ByteBuf content = Unpooled.wrappedBuffer(block);
            LiteralChunk c = i == SIZE / CHUNK - 1 ? new LastLiteralChunk(content) : new LiteralChunk(content);
            offered.add(c);
            long before = threads.getCurrentThreadAllocatedBytes();
            assertTrue(fetch.offer(c));
            if (i > 0) {
                // The first offer loads and initializes classes; from then on only small objects may be allocated.
                allocatedInOffer += threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertEquals(0, c.refCnt(), "chunk " + i + " was released, not kept");
        }
        SectionData header = new SectionData("BODY", "HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)", null, HEADER);
        assertTrue(fetch.offer(
                new FetchData(1, 42L, List.of(Flag.SEEN, Flag.RECENT), null, null, null, List.of(header), Map.of())));

        List<Fingerprint> prints = fetch.fingerprints();
        assertEquals(1, prints.size());
        Fingerprint f = prints.get(0);
        assertEquals(HexFormat.of().formatHex(independent.digest()), f.sha256());
        assertEquals(SIZE, f.size());
        assertEquals(42, f.uid());
        assertEquals(Set.of(Flag.SEEN), f.flags(), "\\Recent is left out");
        assertEquals("big one", f.subject());
        assertTrue(offered.stream().allMatch(c -> c.refCnt() == 0));
        // Copying even one chunk in eight would allocate over 3.5 MB; passing them through costs bytes per chunk.
        assertTrue(
                allocatedInOffer < SIZE / 100,
                "hashing 30 MB allocated " + allocatedInOffer
                        + " bytes on the heap: something copies or aggregates the chunks");
    }

    @DovecotTest
    @Test
    void aThirtyMegabyteMessageOnDovecotHashesToItsIndependentSha256AndVerifiesClean() throws Exception {
        DovecotServer.assumeAvailable();
        byte[] message = new byte[SIZE];
        byte[] block = new byte[CHUNK];
        for (int i = 0; i < SIZE / CHUNK; i++) {
            System.arraycopy(chunk(i, block), 0, message, i * CHUNK, CHUNK);
        }
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
        try (DovecotServer d1 = DovecotServer.start();
                DovecotServer d2 = DovecotServer.start()) {
            Server source = Server.of(d1).withAccounts(1);
            Server target = Server.of(d2).withAccounts(1);
            String from = source.newUser();
            String to = target.newUser();
            source.deliver(from, "INBOX", message, Set.of(), DATE);
            target.deliver(to, "INBOX", message, Set.of(), DATE);
            message = null;

            Transport transport = Transport.best();
            EventLoopGroup group = transport.newGroup(1);
            try (ImapSession session = new ImapConnector(group, transport)
                    .connect(Endpoint.plain(source.host(), source.port(), from, Secret.of(PASSWORD)))) {
                long exists =
                        session.run(new Select(MailboxName.INBOX, true, false, null)).all(ExistsData.class).stream()
                                .mapToLong(ExistsData::count)
                                .max()
                                .orElse(0);
                List<Fingerprint> prints = DigestingFetch.run(session, exists, List.of("Message-ID"));
                assertEquals(1, prints.size());
                assertEquals(expected, prints.get(0).sha256());
                assertEquals(SIZE, prints.get(0).size());
                assertEquals("big one", prints.get(0).subject());
            } finally {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
            }

            VerifyReport report =
                    VerifyFixtures.verify(VerifyFixtures.options(source, from, target, to), VerifyOptions.strict());
            assertTrue(report.clean(), report.toString());
            assertEquals(1, report.identical());
        }
    }
}
