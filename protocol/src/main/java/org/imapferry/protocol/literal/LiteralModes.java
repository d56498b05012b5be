package org.imapferry.protocol.literal;

import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Capability;

/**
 * The one place that decides how a literal is announced to a given server. The engine asks it
 * for every APPEND message; {@link org.imapferry.protocol.ImapCommandEncoder} asks it for every
 * string argument that has to go as a literal.
 *
 * <pre>
 * literal  = "{" number ["+"] "}" CRLF *CHAR8          (RFC 7888 §3)
 * literal8 = "~{" number ["+"] "}" CRLF *OCTET         (RFC 3516 §4.2, RFC 4466 §2.1)
 * </pre>
 *
 * <ul>
 *   <li>LITERAL+: every literal is non-synchronizing ({@code {n+}}).</li>
 *   <li>LITERAL- (and IMAP4rev2, which includes it, RFC 9051 §7.1): non-synchronizing up to
 *       {@value #LITERAL_MINUS_MAX} bytes; a longer one must wait for the server's "+".</li>
 *   <li>otherwise: synchronizing ({@code {n}}), the last resort, one round trip per literal.</li>
 *   <li>BINARY: a body that may hold NUL bytes goes as a {@code ~{n}} literal8.</li>
 * </ul>
 *
 * <pre>
 * LiteralMode mode = LiteralModes.choose(target.capabilities(), start.length());
 * boolean binary = LiteralModes.literal8(target.capabilities(), start.binary());
 * </pre>
 */
public final class LiteralModes {
    /** The largest literal LITERAL- lets a client send without waiting (RFC 7888 §4). */
    public static final long LITERAL_MINUS_MAX = 4096;

    private LiteralModes() {}

    /** How to announce a literal of {@code length} bytes to a server with {@code capabilities}. */
    public static LiteralMode choose(Capabilities capabilities, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative literal length " + length);
        }
        if (capabilities.has(Capability.LITERAL_PLUS)) {
            return LiteralMode.NON_SYNCHRONIZING;
        }
        boolean literalMinus = capabilities.has(Capability.LITERAL_MINUS) || capabilities.has(Capability.IMAP4REV2);
        if (literalMinus && length <= LITERAL_MINUS_MAX) {
            return LiteralMode.NON_SYNCHRONIZING;
        }
        return LiteralMode.SYNCHRONIZING;
    }

    /**
     * Whether a body goes as a {@code ~{n}} literal8: only when it may hold NUL bytes (the source
     * sent it as literal8) and the server has BINARY. Without BINARY such a body still goes as a
     * plain literal, which the server may refuse (RFC 3501 §9: a literal is CHAR8, no NUL); the
     * engine reports that refusal for the message rather than altering its bytes.
     */
    public static boolean literal8(Capabilities capabilities, boolean mayContainNul) {
        return mayContainNul && capabilities.has(Capability.BINARY);
    }
}
