package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.testserver.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --watch --watch-until}: the real command relays a message that arrives after its first pass. */
class WatchEndToEndTest {
    static final String P1 = "Watch-src-4471";
    static final String P2 = "Watch-dst-9032";

    @TempDir
    Path dir;

    @Test
    void aWatchRelaysWhatArrivesAndEndsInStepAtItsDeadline() throws Exception {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("olga", P1);
            server.addUser("olga.new", P2);
            Instant date = Instant.parse("2026-11-02T10:00:00Z");
            server.deliver("olga", "INBOX", Cli.message("o-1", "before", 200), Set.of("\\Seen"), date);
            Path report = dir.resolve("watch.json");
            List<String> args = List.of("--host1", server.host(), "--port1", String.valueOf(server.port()),
                    "--user1", "olga", "--password1", P1, "--host2", server.host(), "--port2",
                    String.valueOf(server.port()), "--user2", "olga.new", "--password2", P2, "--nolog",
                    "--no-progress", "--state", dir.resolve("olga.sqlite").toString(), "--report", report.toString(),
                    "--watch", "--watch-until", "6s", "--watch-interval", "1");
            CompletableFuture<Cli.Run> running = CompletableFuture.supplyAsync(
                    () -> Cli.run(args.toArray(String[]::new)));
            Thread.sleep(2500);
            server.deliver("olga", "INBOX", Cli.message("o-2", "during the watch", 200), Set.of(), date);
            Cli.Run run = running.get(60, TimeUnit.SECONDS).assertNeverPrinted(P1, P2);

            assertEquals(0, run.code(), run::toString);
            assertTrue(run.out().contains("Watching host1 (IDLE+STATUS): 1 message relayed"), run::toString);
            assertTrue(run.out().contains("in step at the stop"), run::toString);
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertEquals(2, json.at("/totals/copied").asLong(), json::toString);
            assertEquals("IDLE+STATUS", json.at("/watch/mechanism").asText(), json::toString);
            assertEquals(1, json.at("/watch/messagesRelayed").asLong(), json::toString);
            assertTrue(json.at("/watch/inStep").asBoolean(), json::toString);
            assertTrue(json.at("/watch/lagMaxSeconds").asDouble() <= 5, json::toString);
            assertTrue(Cli.verify(args.toArray(String[]::new)).clean());
        }
    }
}
