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
    @Option(
            names = "--gmail1",
            description = "Source is Gmail: imap.gmail.com, TLS, --automap, 40 kB/s, "
                    + "no [Gmail] parent folder, Gmail's identity headers.")
    boolean gmail1;

    @Option(
            names = "--gmail2",
            description = "Target is Gmail: imap.gmail.com, TLS, --automap, 20 kB/s, "
                    + "--expunge1, [Gmail]. prefix stripped, Gmail's identity headers.")
    boolean gmail2;

    @Option(names = "--office1", description = "Source is Office 365: outlook.office365.com, TLS.")
    boolean office1;

    @Option(
            names = "--office2",
            description = "Target is Office 365: outlook.office365.com, TLS, "
                    + "--maxsize 45000000, 4 messages/s, folder Files renamed.")
    boolean office2;

    @Option(
            names = "--exchange1",
            description =
                    "Source is an Exchange server (no setting changes; " + "accepted for imapsync command lines).")
    boolean exchange1;

    @Option(names = "--exchange2", description = "Target is an Exchange server: --maxsize 10000000.")
    boolean exchange2;

    /** What the chosen presets set, null or empty where they set nothing, and one line per preset saying so. */
    public record Defaults(
            String host1,
            String host2,
            boolean automap,
            boolean expunge1,
            List<String> exclude,
            List<String> regextrans2,
            List<String> useHeaders,
            Long maxSize,
            Long maxBytesPerSecond,
            Double maxMessagesPerSecond,
            List<String> effects) {}

    static final List<String> GMAIL_HEADERS = List.of("X-Gmail-Received", "Message-Id");

    /** Records what one preset sets, in the options' own words, as it sets it. */
    private static final class Said {
        private final String preset;
        private final List<String> settings = new ArrayList<>();

        Said(String preset) {
            this.preset = preset;
        }

        <T> T value(String option, T value) {
            settings.add(option + " " + (value instanceof String t && !t.matches("[\\w.@-]+") ? "'" + t + "'" : value));
            return value;
        }

        boolean flag(String option) {
            settings.add(option);
            return true;
        }

        String line() {
            return preset + (settings.isEmpty() ? " sets nothing" : " sets " + String.join(", ", settings))
                    + " (options given explicitly win)";
        }
    }

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
        List<String> effects = new ArrayList<>();
        if (gmail1) {
            Said s = new Said("--gmail1");
            host1 = s.value("--host1", "imap.gmail.com");
            automap = s.flag("--automap");
            exclude.add(s.value("--exclude", "\\[Gmail\\]$"));
            for (String h : GMAIL_HEADERS) {
                s.value("--useheader", h);
            }
            useHeaders = GMAIL_HEADERS;
            bytesPerSecond = s.value("--maxbytespersecond", 40_000L);
            effects.add(s.line());
        }
        if (gmail2) {
            Said s = new Said("--gmail2");
            host2 = s.value("--host2", "imap.gmail.com");
            automap = s.flag("--automap");
            expunge1 = s.flag("--expunge1");
            exclude.add(s.value("--exclude", "\\[Gmail\\]$"));
            regextrans2.add(s.value("--regextrans2", "s,\\[Gmail\\].,,"));
            for (String h : GMAIL_HEADERS) {
                s.value("--useheader", h);
            }
            useHeaders = GMAIL_HEADERS;
            bytesPerSecond = s.value(
                    "--maxbytespersecond", bytesPerSecond == null ? 20_000L : Math.min(bytesPerSecond, 20_000L));
            effects.add(s.line());
        }
        if (office1) {
            Said s = new Said("--office1");
            host1 = s.value("--host1", "outlook.office365.com");
            effects.add(s.line());
        }
        if (office2) {
            Said s = new Said("--office2");
            host2 = s.value("--host2", "outlook.office365.com");
            maxSize = s.value("--maxsize", 45_000_000L);
            messagesPerSecond = s.value("--maxmessagespersecond", 4.0);
            regextrans2.add(s.value("--regextrans2", "s,(/|^) *Files$,$1Files_renamed_by_imapferry,"));
            effects.add(s.line());
        }
        if (exchange1) {
            effects.add(new Said("--exchange1").line());
        }
        if (exchange2) {
            Said s = new Said("--exchange2");
            maxSize = s.value("--maxsize", maxSize == null ? 10_000_000L : Math.min(maxSize, 10_000_000L));
            effects.add(s.line());
        }
        return new Defaults(
                host1,
                host2,
                automap,
                expunge1,
                List.copyOf(exclude),
                List.copyOf(regextrans2),
                useHeaders,
                maxSize,
                bytesPerSecond,
                messagesPerSecond,
                List.copyOf(effects));
    }
}
