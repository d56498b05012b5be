package org.imapferry.cli;

import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;

/**
 * A small but realistic mailbox for the demo: nested and non-ASCII folders, read and unread,
 * flagged and answered messages, keywords, dates going back years, a message without a
 * Message-ID, and one with an attachment of several MB.
 */
final class DemoAccount {
    private static final List<String> FOLDERS = List.of(
            "Sent",
            "Drafts",
            "Archive",
            "Archive/2019",
            "Archive/2020",
            "Projects",
            "Projects/Étoile & Co",
            "Reçus",
            "Trash");
    private static final String[] SENDERS = {
        "Ada Lovelace <ada@example.org>",
        "Grace Hopper <grace@example.net>",
        "Émile Zola <emile@example.fr>",
        "Linus <linus@example.com>"
    };
    private static final String[] SUBJECTS = {
        "Quarterly figures",
        "Lunch on Friday?",
        "Re: the migration plan",
        "Photos from the trip",
        "Invoice 2019-42",
        "Ordre du jour — réunion",
        "Build is green again"
    };

    private final Random random = new Random(20261125L);
    private int messages;
    private long bytes;

    /** Fills the user's mailbox; returns a one-line description. */
    String fill(ImapHostManager store, GreenMailUser user, int attachmentMiB) {
        try {
            MailFolder inbox = store.getInbox(user);
            add(inbox, 12, 0);
            addWithoutMessageId(inbox);
            addWithAttachment(inbox, attachmentMiB);
            for (String name : FOLDERS) {
                MailFolder folder = store.createMailbox(user, name);
                add(folder, 3 + random.nextInt(6), name.startsWith("Archive/") ? 4 : 1);
            }
            return messages + " messages (" + StatisticsPrinter.bytesDisplay(bytes) + ") in " + (FOLDERS.size() + 1)
                    + " folders";
        } catch (FolderException | MessagingException | AuthorizationException e) {
            throw new IllegalStateException("cannot fill the demo account: " + e.getMessage(), e);
        }
    }

    private void add(MailFolder folder, int count, int yearsBack) throws MessagingException {
        for (int i = 0; i < count; i++) {
            String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            String body = ("Hello,\r\n\r\nthis is message " + (messages + 1) + " of the demo account.\r\n"
                            + "Regards,\r\n")
                    .repeat(1 + random.nextInt(20));
            String raw = header(subject, "<demo-" + (messages + 1) + "@imapferry.example>", yearsBack)
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body;
            Flags flags = new Flags();
            if (random.nextInt(3) > 0) {
                flags.add(Flags.Flag.SEEN);
            }
            if (random.nextInt(5) == 0) {
                flags.add(Flags.Flag.FLAGGED);
            }
            if (random.nextInt(4) == 0) {
                flags.add(Flags.Flag.ANSWERED);
            }
            if (random.nextInt(4) == 0) {
                flags.add("$Forwarded");
            }
            if (random.nextInt(6) == 0) {
                flags.add("Project-X");
            }
            append(folder, raw, flags, yearsBack);
        }
    }

    private void addWithoutMessageId(MailFolder inbox) throws MessagingException {
        String raw = "From: " + SENDERS[0] + "\r\nTo: demo@imapferry.example\r\nSubject: A note without a Message-ID"
                + "\r\nDate: Tue, 3 Mar 2015 09:15:00 +0100\r\n\r\nSome servers and scripts drop Message-ID.\r\n";
        append(inbox, raw, new Flags(Flags.Flag.SEEN), 9);
    }

    private void addWithAttachment(MailFolder inbox, int mib) throws MessagingException {
        byte[] payload = new byte[mib * 1024 * 1024];
        random.nextBytes(payload);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(payload);
        String raw = header("The scans you asked for", "<demo-attachment@imapferry.example>", 2)
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHere they are.\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=\"scans.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--b1--\r\n";
        append(inbox, raw, new Flags(Flags.Flag.SEEN), 2);
    }

    private String header(String subject, String messageId, int yearsBack) {
        return "From: " + SENDERS[random.nextInt(SENDERS.length)] + "\r\nTo: demo@imapferry.example\r\n"
                + "Subject: " + subject + "\r\nMessage-ID: " + messageId + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date(yearsBack)) + "\r\n";
    }

    private ZonedDateTime date(int yearsBack) {
        // Never at 12:xx: GreenMail reads an APPEND date's hour on a 12-hour clock, so 12:30
        // would arrive as 00:30 on an embedded target.
        int hour = 1 + random.nextInt(11) + (random.nextBoolean() ? 12 : 0);
        return ZonedDateTime.of(
                2025 - yearsBack,
                1 + random.nextInt(12),
                1 + random.nextInt(28),
                hour,
                random.nextInt(60),
                random.nextInt(60),
                0,
                ZoneOffset.UTC);
    }

    private void append(MailFolder folder, String raw, Flags flags, int yearsBack) throws MessagingException {
        byte[] bytesOf = raw.getBytes(StandardCharsets.UTF_8);
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(bytesOf));
        folder.appendMessage(message, flags, Date.from(date(yearsBack).toInstant()));
        messages++;
        bytes += bytesOf.length;
    }
}
