package org.imapferry.engine.testserver;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * GreenMail's IMAP server in this JVM on 127.0.0.1 and a free port, for the common paths.
 * Messages are placed through GreenMail's store (no IMAP round trip), with flags and an
 * internal date. Its hierarchy separator is '.'.
 *
 * <p>Exactness: GreenMail keeps a parsed {@link MimeMessage} and serves {@code BODY[]} by writing
 * it out again; for a well-formed CRLF message the bytes come back as delivered (checked by
 * {@code GreenMailServerTest}), but bare LF line ends or malformed headers may not survive.
 * GreenMail 2.1.5 also reports {@code RFC822.SIZE} as the size of the body alone, not of the
 * whole message. Byte-exact and size-based tests belong on {@link DovecotServer}.
 */
public final class GreenMailServer implements AutoCloseable {
    private final GreenMail greenMail;
    private final int port;
    private final Map<String, GreenMailUser> users = new HashMap<>();

    private GreenMailServer(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    /** Starts IMAP on a free loopback port, trying other ports when another process took the chosen one. */
    public static GreenMailServer start() {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePorts.next();
            GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
            try {
                greenMail.start();
                return new GreenMailServer(greenMail, port);
            } catch (RuntimeException e) {
                greenMail.stop();
                failure = e;
            }
        }
        throw failure;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The GreenMail instance, for what this class does not cover. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** Adds an account whose login is {@code name} (its address is name@localhost). */
    public synchronized void addUser(String name, String password) {
        users.put(name, greenMail.setUser(name + "@localhost", name, password));
    }

    /** Creates a folder; {@code name} uses '.' as separator ("Archive.2016"). */
    public synchronized void createFolder(String user, String name) {
        try {
            hostManager().createMailbox(user(user), name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name + " for " + user + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a message in a folder (created when missing) with flags (system flags as "\Seen",
     * anything else a keyword) and an internal date; returns its UID.
     */
    public synchronized long deliver(
            String user, String folder, byte[] message, Set<String> flags, Instant internalDate) {
        try {
            MailFolder target = hostManager().getFolder(user(user), folder);
            if (target == null) {
                target = hostManager().createMailbox(user(user), folder);
            }
            MimeMessage mime =
                    new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
            return target.appendMessage(mime, toFlags(flags), Date.from(internalDate));
        } catch (MessagingException | FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException("cannot deliver into " + folder + " of " + user + ": " + e.getMessage(), e);
        }
    }

    private static Flags toFlags(Set<String> names) {
        Flags flags = new Flags();
        for (String name : names) {
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "\\seen" -> flags.add(Flags.Flag.SEEN);
                case "\\answered" -> flags.add(Flags.Flag.ANSWERED);
                case "\\flagged" -> flags.add(Flags.Flag.FLAGGED);
                case "\\deleted" -> flags.add(Flags.Flag.DELETED);
                case "\\draft" -> flags.add(Flags.Flag.DRAFT);
                default -> {
                    if (name.startsWith("\\")) {
                        throw new IllegalArgumentException("unknown system flag " + name);
                    }
                    flags.add(name);
                }
            }
        }
        return flags;
    }

    private GreenMailUser user(String name) {
        GreenMailUser user = users.get(name);
        if (user == null) {
            throw new IllegalArgumentException("no user " + name + "; call addUser first");
        }
        return user;
    }

    private ImapHostManager hostManager() {
        return greenMail.getManagers().getImapHostManager();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
