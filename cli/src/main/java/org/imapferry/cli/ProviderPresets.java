package org.imapferry.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * imapsync's provider presets. Each sets what imapsync's sets, as defaults that explicit options
 * override. Parts that alter messages ({@code --addheader}, {@code --disarmreadreceipts}, line
 * wrapping) are left out: imapferry never alters a message. imapsync's
 * {@code --maxbytesafter} (pace only after N bytes) has no engine equivalent: the byte limit
 * applies from the start.
 */
public final class ProviderPresets {
    @Option(names = "--gmail1", description = "Source is Gmail: imap.gmail.com, TLS, --automap, 40 kB/s, "
            + "no [Gmail] parent folder, Gmail's identity headers.")
    boolean gmail1;
    @Option(names = "--gmail2", description = "Target is Gmail: imap.gmail.com, TLS, --automap, 20 kB/s, "
            + "--expunge1, [Gmail]. prefix stripped, Gmail's identity headers.")
    boolean gmail2;
    @Option(names = "--office1", description = "Source is Office 365: outlook.office365.com, TLS.")
    boolean office1;
    @Option(names = "--office2", description = "Target is Office 365: outlook.office365.com, TLS, "
            + "--maxsize 45000000, 4 messages/s, folder Files renamed.")
    boolean office2;
    @Option(names = "--exchange1", description = "Source is an Exchange server (no setting changes; "
            + "accepted for imapsync command lines).")
    boolean exchange1;
    @Option(names = "--exchange2", description = "Target is an Exchange server: --maxsize 10000000.")
    boolean exchange2;

    /** What the chosen presets set; null or empty where they set nothing. */
    public record Defaults(String host1, String host2, boolean automap, boolean expunge1, List<String> exclude,
                           List<String> regextrans2, List<String> useHeaders, Long maxSize,
                           Long maxBytesPerSecond, Double maxMessagesPerSecond) {
    }

    static final List<String> GMAIL_HEADERS = List.of("X-Gmail-Received", "Message-Id");

    public Defaults defaults() {
        String host1 = null;
        String host2 = null;
        boolean automap = false;
        boolean expunge1 = false;
        List<String> exclude = new ArrayList<>();
        List<String> regextrans2 = new ArrayList<>();
        List<String> useHeaders = List.of();
        Long maxSize = null;
        Long bytesPerSecond = null;
        Double messagesPerSecond = null;
        if (gmail1) {
            host1 = "imap.gmail.com";
            automap = true;
            exclude.add("\\[Gmail\\]$");
            useHeaders = GMAIL_HEADERS;
            bytesPerSecond = 40_000L;
        }
        if (gmail2) {
            host2 = "imap.gmail.com";
            automap = true;
            expunge1 = true;
            exclude.add("\\[Gmail\\]$");
            regextrans2.add("s,\\[Gmail\\].,,");
            useHeaders = GMAIL_HEADERS;
            bytesPerSecond = bytesPerSecond == null ? 20_000L : Math.min(bytesPerSecond, 20_000L);
        }
        if (office1) {
            host1 = "outlook.office365.com";
        }
        if (office2) {
            host2 = "outlook.office365.com";
            maxSize = 45_000_000L;
            messagesPerSecond = 4.0;
            regextrans2.add("s,(/|^) *Files$,$1Files_renamed_by_imapferry,");
        }
        if (exchange2) {
            maxSize = maxSize == null ? 10_000_000L : Math.min(maxSize, 10_000_000L);
        }
        return new Defaults(host1, host2, automap, expunge1, List.copyOf(exclude), List.copyOf(regextrans2),
                useHeaders, maxSize, bytesPerSecond, messagesPerSecond);
    }

    /** Whether a preset says the account is on port 993 with TLS. */
    boolean tls1() {
        return gmail1 || office1;
    }

    boolean tls2() {
        return gmail2 || office2;
    }
}
