package org.imapferry.engine.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a {@link FakeImapServer} does on one connection, step by step. {@code {tag}} in sent
 * text stands for the tag of the last command line matched by {@link #expectLine(String)}
 * (its first word; continuation lines after a literal keep the command's tag).
 */
public final class ImapScript {
    sealed interface Step permits Send, ExpectLine, ExpectLiteral, Pause, StartTls, Close {}

    record Send(byte[] raw, boolean substitute) implements Step {
        /** A line sent as "{tag} ...": the tagged answer that completes the command. */
        boolean completesCommand() {
            return substitute && new String(raw, StandardCharsets.UTF_8).startsWith("{tag} ");
        }

        byte[] bytes(String tag) {
            return substitute
                    ? new String(raw, StandardCharsets.UTF_8)
                            .replace("{tag}", tag)
                            .getBytes(StandardCharsets.UTF_8)
                    : raw;
        }
    }

    record ExpectLine(Pattern pattern) implements Step {}

    record ExpectLiteral(int length) implements Step {}

    record Pause(Duration duration) implements Step {}

    record StartTls(TestCertificates certificates) implements Step {}

    record Close() implements Step {}

    private final List<Step> steps = new ArrayList<>();

    /** Sends one line; CRLF is added and {@code {tag}} replaced. */
    public ImapScript send(String line) {
        steps.add(new Send((line + "\r\n").getBytes(StandardCharsets.UTF_8), true));
        return this;
    }

    /** Sends bytes exactly as given: partial lines, literal payloads, garbage. */
    public ImapScript sendRaw(byte[] bytes) {
        steps.add(new Send(bytes.clone(), false));
        return this;
    }

    /** Waits for one line (without its CRLF) that matches the whole regex. */
    public ImapScript expectLine(String regex) {
        steps.add(new ExpectLine(Pattern.compile(regex)));
        return this;
    }

    /** Consumes exactly {@code length} bytes, a literal's payload. */
    public ImapScript expectLiteral(int length) {
        steps.add(new ExpectLiteral(length));
        return this;
    }

    public ImapScript pause(Duration duration) {
        steps.add(new Pause(duration));
        return this;
    }

    /**
     * Starts TLS as a server with the certificate here: first in a script, that is implicit TLS
     * (port 993); after the tagged OK of a STARTTLS, it is what RFC 3501 §6.2.1 asks. Everything
     * sent and expected afterwards is the plain text inside TLS.
     */
    public ImapScript startTls(TestCertificates certificates) {
        steps.add(new StartTls(certificates));
        return this;
    }

    /** Drops the connection here; the script ends. */
    public ImapScript close() {
        steps.add(new Close());
        return this;
    }

    int size() {
        return steps.size();
    }

    Step step(int index) {
        return steps.get(index);
    }

    String describe(int index) {
        if (index >= steps.size()) {
            return "the end of the script";
        }
        Step step = steps.get(index);
        String what;
        if (step instanceof Send send) {
            what = "send " + new String(send.raw(), StandardCharsets.UTF_8).strip();
        } else if (step instanceof ExpectLine expect) {
            what = "expectLine(" + expect.pattern() + ")";
        } else if (step instanceof ExpectLiteral expect) {
            what = "expectLiteral(" + expect.length() + ")";
        } else if (step instanceof Pause pause) {
            what = "pause(" + pause.duration() + ")";
        } else if (step instanceof StartTls) {
            what = "startTls()";
        } else {
            what = "close()";
        }
        return "step " + (index + 1) + " " + what;
    }
}
