package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.testserver.GreenMailServer;
import org.junit.jupiter.api.Test;

/**
 * --justfoldersizes against servers without STATUS=SIZE (GreenMail): the bytes come from the
 * messages' RFC822.SIZE, as imapsync sizes folders, not "NA".
 */
class FolderSizesTest {
    @Test
    void sizesWithoutStatusSizeAreTheMessagesSizes() {
        try (GreenMailServer one = GreenMailServer.start();
                GreenMailServer two = GreenMailServer.start()) {
            one.addUser("sizer", "Size-pw-1");
            two.addUser("sizer", "Size-pw-2");
            byte[] first = Cli.message("s1", "First", 1_000);
            byte[] second = Cli.message("s2", "Second", 3_000);
            Instant date = Instant.parse("2020-03-03T10:00:00Z");
            one.deliver("sizer", "INBOX", first, Set.of(), date);
            one.deliver("sizer", "INBOX", second, Set.of("\\Seen"), date);
            one.deliver("sizer", "Archive", Cli.message("s3", "Third", 500), Set.of(), date);
            Cli.Run run = Cli.run(
                            "--host1",
                            one.host(),
                            "--port1",
                            String.valueOf(one.port()),
                            "--user1",
                            "sizer",
                            "--password1",
                            "Size-pw-1",
                            "--nossl1",
                            "--notls1",
                            "--host2",
                            two.host(),
                            "--port2",
                            String.valueOf(two.port()),
                            "--user2",
                            "sizer",
                            "--password2",
                            "Size-pw-2",
                            "--nossl2",
                            "--notls2",
                            "--justfoldersizes",
                            "--nolog",
                            "--no-state",
                            "--no-progress")
                    .assertNeverPrinted("Size-pw-1", "Size-pw-2");
            assertEquals(0, run.code(), run::toString);
            Matcher inbox = Pattern.compile(
                            "^Host1 folder +\\d+/2 \\[INBOX\\] +Size: +(\\d+) Messages: +2$", Pattern.MULTILINE)
                    .matcher(run.out());
            assertTrue(inbox.find(), run::toString);
            long bytes = Long.parseLong(inbox.group(1));
            // The server's RFC822.SIZE: GreenMail leaves some header bytes out, but never the bodies (4,000 bytes).
            assertTrue(
                    bytes >= 4_000 && bytes <= first.length + second.length,
                    () -> bytes + " bytes for " + (first.length + second.length) + " sent\n" + run);
            Matcher archive = Pattern.compile(
                            "^Host1 folder +\\d+/2 \\[Archive\\] +Size: +(\\d+) Messages: +1$", Pattern.MULTILINE)
                    .matcher(run.out());
            assertTrue(archive.find(), run::toString);
            long total = bytes + Long.parseLong(archive.group(1));
            assertTrue(run.out().contains("Host1 Total size: " + total + " bytes ("), run::toString);
            assertTrue(
                    Pattern.compile("^Host2 folder +\\d+/2 \\[INBOX\\] +Size: +0 Messages: +0$", Pattern.MULTILINE)
                            .matcher(run.out())
                            .find(),
                    run::toString);
            assertFalse(run.out().contains("Size: NA") || run.out().contains("Total size: NA"), run::toString);
            assertTrue(
                    run.out().contains("Host2 folder    1/2 [Archive] does not exist")
                            || run.out().contains("Host2 folder    2/2 [Archive] does not exist"),
                    run::toString);
        }
    }
}
