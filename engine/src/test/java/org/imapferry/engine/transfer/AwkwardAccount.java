package org.imapferry.engine.transfer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.protocol.types.MailboxName;

/**
 * The account every migration test wishes it had not met: nested and special-use folders,
 * non-ASCII and punctuated names, keywords, old dates, a multi-megabyte attachment, bare LF,
 * 8-bit bytes, no Message-ID, a shared Message-ID, exact duplicates, a 100 KB line and body text
 * that looks like IMAP protocol. Folders are given as path segments so each server spells them
 * its own way.
 */
final class AwkwardAccount {
    /** One seeded message; {@code folder} is the list of hierarchy segments, or ["INBOX"]. */
    record Seed(List<String> folder, byte[] bytes, Set<String> flags, Instant date) {}

    static final List<String> INBOX = List.of("INBOX");

    private AwkwardAccount() {}

    static List<Seed> messages() {
        List<Seed> seeds = new ArrayList<>();
        Instant old = Instant.parse("1998-02-03T04:05:06Z");
        Instant recent = Instant.parse("2024-05-06T07:08:09Z");
        seeds.add(seed(
                INBOX,
                crlf("Message-ID: <plain@x>\nDate: Tue, 1 Jul 2003 08:15:00 +0000\nFrom: a@x\n"
                        + "Subject: plain\n\nplain body\n"),
                Set.of("\\Seen"),
                Instant.parse("2003-07-01T08:15:00Z")));
        seeds.add(seed(
                INBOX,
                ascii("Message-ID: <barelf@x>\nDate: Wed, 2 Jul 2003 08:15:00 +0000\nFrom: a@x\n"
                        + "Subject: bare LF\n\nline one\nline two\n"),
                Set.of(),
                old));
        seeds.add(seed(
                INBOX,
                utf8("Message-ID: <8bit@x>\r\nDate: Thu, 3 Jul 2003 09:00:00 +0000\r\nFrom: b@x\r\n"
                        + "Subject: Grüße 8-bit\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln, 日本語のテキスト, ½ € \u00ff\r\n"),
                Set.of("\\Answered"),
                recent));
        seeds.add(seed(
                INBOX,
                crlf("Date: Fri, 4 Jul 2003 10:00:00 +0000\nFrom: c@x\nSubject: no message id\n\n"
                        + "nobody gave me an id\n"),
                Set.of(),
                recent));
        // Two different messages sharing one Message-ID (and Date and From): both must arrive.
        String shared = "Message-ID: <shared@x>\nDate: Sat, 5 Jul 2003 11:00:00 +0000\nFrom: d@x\n";
        seeds.add(seed(INBOX, crlf(shared + "Subject: first of two\n\nfirst body\n"), Set.of("\\Seen"), recent));
        seeds.add(seed(INBOX, crlf(shared + "Subject: second of two\n\nsecond, different body\n"), Set.of(), recent));
        // Exact duplicates: same bytes, flags and date; both must arrive.
        byte[] dup = crlf("Message-ID: <dup@x>\nDate: Sun, 6 Jul 2003 11:00:00 +0000\nFrom: e@x\n"
                + "Subject: duplicate\n\nsame twice\n");
        seeds.add(seed(INBOX, dup, Set.of("\\Flagged"), recent));
        seeds.add(seed(INBOX, dup, Set.of("\\Flagged"), recent));
        // A 100 KB line with no line break, and no CRLF at the very end either.
        StringBuilder longLine = new StringBuilder();
        while (longLine.length() < 100 * 1024) {
            longLine.append("abcdefghijklmnopqrstuvwxyz0123456789");
        }
        seeds.add(seed(
                INBOX,
                ascii("Message-ID: <long@x>\r\nDate: Mon, 7 Jul 2003 11:00:00 +0000\r\nFrom: f@x\r\n"
                        + "Subject: long line\r\n\r\n" + longLine),
                Set.of(),
                recent));
        // Body text an IMAP parser could take for protocol.
        seeds.add(seed(
                INBOX,
                crlf("Message-ID: <imapish@x>\nDate: Tue, 8 Jul 2003 11:00:00 +0000\nFrom: g@x\n"
                        + "Subject: {5}\n\n* OK [ALERT] not a server\nA1 OK LOGIN completed\n"
                        + "* 1 FETCH (BODY[] {123}\n)\n{0}\n+ go ahead\nA2 NO [OVERQUOTA] fake\n)\n"),
                Set.of("\\Seen"),
                recent));
        // Several megabytes of attachment, in a nested folder.
        seeds.add(seed(
                List.of("a", "b", "c"),
                bigAttachment(6 * 1024 * 1024),
                Set.of("\\Seen", "$Forwarded"),
                Instant.parse("2011-11-11T11:11:11Z")));
        seeds.add(seed(
                List.of("a"),
                crlf("Message-ID: <a@x>\nDate: Tue, 8 Jul 2003 11:00:00 +0000\nFrom: g@x\n"
                        + "Subject: in a\n\nparent folder\n"),
                Set.of("$Forwarded", "Projekt-X", "$label1"),
                old));
        seeds.add(seed(
                List.of("Sent"),
                crlf("Message-ID: <sent@x>\nDate: Tue, 8 Jul 2003 11:00:00 +0000\n"
                        + "From: me@x\nSubject: sent\n\nsent mail\n"),
                Set.of("\\Seen"),
                old));
        seeds.add(seed(
                List.of("Drafts"),
                crlf("Message-ID: <draft@x>\nFrom: me@x\nSubject: draft\n\nunfinished\n"),
                Set.of("\\Draft"),
                recent));
        seeds.add(seed(
                List.of("Trash"),
                crlf("Message-ID: <trash@x>\nFrom: me@x\nSubject: trash\n\ngone\n"),
                Set.of("\\Seen", "\\Deleted"),
                recent));
        seeds.add(seed(
                List.of("Junk"), crlf("Message-ID: <junk@x>\nFrom: spam@x\nSubject: junk\n\nbuy\n"), Set.of(), recent));
        seeds.add(seed(
                List.of("Archive"),
                crlf("Message-ID: <arch@x>\nFrom: me@x\nSubject: archived\n\nold\n"),
                Set.of("\\Seen"),
                Instant.parse("1995-01-01T00:00:00Z")));
        int i = 0;
        for (String name : List.of("Réçus", "日本語", "With Spaces  Twice", "Quote\"d", "Tom & Jerry")) {
            seeds.add(seed(
                    List.of(name),
                    utf8("Message-ID: <name" + i + "@x>\r\nFrom: h@x\r\nSubject: in " + name + "\r\n\r\nbody " + i++
                            + "\r\n"),
                    Set.of("\\Seen"),
                    recent));
        }
        seeds.add(seed(
                List.of("Réçus", "日本語 sub"),
                crlf("Message-ID: <nested-utf@x>\nFrom: h@x\n" + "Subject: nested unicode\n\nbody\n"),
                Set.of(),
                recent));
        return seeds;
    }

    static Seed seed(List<String> folder, byte[] bytes, Set<String> flags, Instant date) {
        return new Seed(folder, bytes, new LinkedHashSet<>(flags), date);
    }

    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bigAttachment(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        String b64 = Base64.getMimeEncoder().encodeToString(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b64.length() + 1024);
        out.writeBytes(crlf("Message-ID: <big@x>\nDate: Fri, 11 Nov 2011 11:11:11 +0000\nFrom: big@x\n"
                + "Subject: attachment\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"BOUND\"\n\n"
                + "--BOUND\nContent-Type: text/plain\n\nsee attachment\n--BOUND\n"
                + "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"blob.bin\"\n\n"));
        out.writeBytes(b64.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(crlf("\n--BOUND--\n"));
        return out.toByteArray();
    }

    /** The user-visible name of a folder on a server with this prefix and separator. */
    static String name(List<String> folder, String prefix, char separator) {
        if (folder.equals(INBOX)) {
            return "INBOX";
        }
        return prefix + String.join(String.valueOf(separator), folder);
    }

    /** Seeds a Dovecot account (Maildir files, names in modified UTF-7 as Dovecot keeps them on disk). */
    static void seed(DovecotServer server, String user, List<Seed> seeds) {
        for (Seed s : seeds) {
            List<String> onDisk =
                    s.folder().stream().map(n -> MailboxName.of(n).toWire()).toList();
            server.deliver(user, name(onDisk, server.prefix(), server.separator()), s.bytes(), s.flags(), s.date());
        }
    }

    /** Seeds a GreenMail account (separator '.'; GreenMail keeps names decoded and encodes them on LIST). */
    static void seed(GreenMailServer server, String user, List<Seed> seeds) {
        // GreenMail makes a parent created implicitly \Noselect; create holders of mail first, shallow first.
        seeds.stream()
                .map(Seed::folder)
                .filter(f -> !f.equals(INBOX))
                .distinct()
                .sorted((a, b) -> a.size() - b.size())
                .forEach(f -> server.createFolder(user, name(f, "", '.')));
        for (Seed s : seeds) {
            server.deliver(user, name(s.folder(), "", '.'), s.bytes(), s.flags(), s.date());
        }
    }
}
