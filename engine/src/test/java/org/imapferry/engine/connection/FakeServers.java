package org.imapferry.engine.connection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.imapferry.engine.testserver.ImapScript;

/** Script pieces shared by the tests against {@link org.imapferry.engine.testserver.FakeImapServer}. */
final class FakeServers {
    static final String CAPS = "IMAP4rev1";

    private FakeServers() {}

    /** Greeting with capabilities, then LOGIN alice accepted (as A1). */
    static ImapScript loggedIn() {
        return new ImapScript()
                .send("* OK [CAPABILITY " + CAPS + "] fake ready")
                .expectLine("A1 LOGIN alice \\S+")
                .send("{tag} OK [CAPABILITY " + CAPS + "] logged in");
    }

    /** Answers the LOGOUT that closing a session sends. */
    static ImapScript loggedOut(ImapScript script) {
        return script.expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
    }

    /** The client lines the server received. */
    static List<String> lines(String received) {
        return List.of(received.split("\r\n"));
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
