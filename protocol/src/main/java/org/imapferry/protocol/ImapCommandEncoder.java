package org.imapferry.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import java.util.Map;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.Authenticate;
import org.imapferry.protocol.command.CommandPart;
import org.imapferry.protocol.command.Compress;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.Delete;
import org.imapferry.protocol.command.Enable;
import org.imapferry.protocol.command.Id;
import org.imapferry.protocol.command.IdleDone;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Login;
import org.imapferry.protocol.command.Lsub;
import org.imapferry.protocol.command.Notify;
import org.imapferry.protocol.command.Rename;
import org.imapferry.protocol.command.SaslResponse;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.command.Subscribe;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidCopy;
import org.imapferry.protocol.command.UidExpunge;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.command.UidSearch;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.command.Unsubscribe;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Secret;

/**
 * Writes the client's side of the protocol: {@link CommandPart}s become command lines, and the
 * {@link LiteralChunk}s of an APPEND pass through untouched (their buffers are handed on, never
 * copied), so a message streamed from the source goes to the target without being held.
 *
 * <pre>
 * pipeline.addLast("codec", new {@link ImapClientCodec}());        // or, on its own:
 * pipeline.addLast("encoder", new ImapCommandEncoder());
 *
 * channel.write(new TaggedCommand(tag,
 *         ImapCommands.append(INBOX, List.of(Flag.SEEN), date, 52113, NON_SYNCHRONIZING)));
 *     // A7 APPEND INBOX (\Seen) "12-Mar-2016 10:00:00 +0100" {52113+}\r\n
 * channel.write(new LiteralChunk(slice1));  ...  channel.write(new LastLiteralChunk(sliceN));
 * channel.write(new AppendMessage(...));      //  (\Seen) "13-Mar-2016 09:00:00 +0000" {812+}\r\n   (MULTIAPPEND)
 * ... chunks ...
 * channel.writeAndFlush(new AppendEnd());     // \r\n
 * </pre>
 *
 * <p>The encoder does not wait for anything: with a synchronizing literal ({@code {n}},
 * {@link org.imapferry.protocol.literal.LiteralMode#SYNCHRONIZING}) the writer sends the first
 * chunk only after the server's continuation request, as RFC 3501 §7.5 requires. Which mode a
 * message gets is decided by {@link org.imapferry.protocol.literal.LiteralModes#choose}.
 *
 * <p>The encoder checks the order the way Netty's {@code SmtpRequestEncoder} does: chunks only
 * inside an announced literal, exactly as many bytes as announced (the last piece a
 * {@link LastLiteralChunk}), an {@link AppendMessage} or {@link AppendEnd} only after a
 * message's literal, and no other part while an APPEND is open. A part out of order fails its
 * write with an {@link EncoderException} and writes nothing; the byte stream can no longer be
 * trusted, so the connection should be closed. Credentials are written with
 * {@link Secret#reveal()} and never appear in an exception message.
 *
 * <p>String arguments are written as atoms, quoted strings or inline literals (see
 * {@code CommandWriter}); two settings, to be changed only between commands on the channel's
 * event loop, follow what the session learned:
 * <ul>
 *   <li>{@link #setUtf8Accepted(boolean)}: after {@code ENABLE UTF8=ACCEPT}, mailbox names go as
 *       UTF-8 instead of modified UTF-7, and strings may be quoted UTF-8 (RFC 6855 §3).</li>
 *   <li>{@link #setLiteralCapabilities(Capabilities)}: LITERAL+ or LITERAL- allow a string that
 *       cannot be quoted to go inline as {@code {n+}}, as decided by
 *       {@link org.imapferry.protocol.literal.LiteralModes#choose}.</li>
 * </ul>
 */
public class ImapCommandEncoder extends MessageToMessageEncoder<Object> {
    private enum State {
        /** Between commands. */
        IDLE,
        /** Inside an APPEND message's literal; {@code literalRemaining} bytes still to come. */
        IN_LITERAL,
        /** After an APPEND message's last chunk: another message or the end of the command. */
        BETWEEN_MESSAGES
    }

    private State state = State.IDLE;
    private long literalRemaining;
    /** The open literal is synchronizing and none of its bytes were written yet. */
    private boolean awaitingContinuation;

    private boolean utf8Accepted;
    private Capabilities literalCapabilities = Capabilities.NONE;

    public ImapCommandEncoder() {
        super(Object.class);
    }

    public boolean isUtf8Accepted() {
        return utf8Accepted;
    }

    /** Set after the server confirmed {@code ENABLE UTF8=ACCEPT}. */
    public void setUtf8Accepted(boolean utf8Accepted) {
        this.utf8Accepted = utf8Accepted;
    }

    /** The capabilities that decide literal announcements; {@link Capabilities#NONE} at first. */
    public Capabilities literalCapabilities() {
        return literalCapabilities;
    }

    /**
     * The server's capabilities; only LITERAL+, LITERAL- and IMAP4rev2 matter here. Without
     * them a string that cannot be quoted is refused rather than sent as a synchronizing literal.
     */
    public void setLiteralCapabilities(Capabilities capabilities) {
        this.literalCapabilities = capabilities;
    }

    /**
     * The server answered the APPEND (NO, BAD) where its synchronizing literal waited for "+":
     * the command is over without its bytes (RFC 3501 §7.5), and the next command may follow.
     *
     * @return false, changing nothing, unless such a literal was waiting: once bytes of a literal
     *         went out, the rest must follow before anything else can
     */
    public boolean abandonRefusedLiteral() {
        if (state != State.IN_LITERAL || !awaitingContinuation) {
            return false;
        }
        state = State.IDLE;
        literalRemaining = 0;
        awaitingContinuation = false;
        return true;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof CommandPart || msg instanceof LiteralChunk;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof LiteralChunk chunk) {
            encodeChunk(chunk, out);
            return;
        }
        CommandPart part = (CommandPart) msg;
        checkOrder(part);
        ByteBuf buf = ctx.alloc().buffer();
        boolean release = true;
        try {
            CommandWriter w = new CommandWriter(buf, utf8Accepted, literalCapabilities);
            State next = write(part, w);
            // Nothing is added to out before this point: MessageToMessageEncoder writes whatever
            // out holds even when encode throws.
            out.add(buf);
            release = false;
            state = next;
        } finally {
            if (release) {
                buf.release();
            }
        }
    }

    private void encodeChunk(LiteralChunk chunk, List<Object> out) {
        int bytes = chunk.content().readableBytes();
        boolean last = chunk instanceof LastLiteralChunk;
        if (state != State.IN_LITERAL) {
            throw new EncoderException("unexpected " + chunk + ": no APPEND literal is open (state " + state + ")");
        }
        if (bytes > literalRemaining) {
            throw new EncoderException(
                    chunk + " overruns the announced literal: only " + literalRemaining + " bytes remain");
        }
        if (last && bytes != literalRemaining) {
            throw new EncoderException(
                    chunk + " ends the literal " + (literalRemaining - bytes) + " bytes short of its announced length");
        }
        literalRemaining -= bytes;
        awaitingContinuation = false;
        if (last) {
            state = State.BETWEEN_MESSAGES;
        }
        // The input is released by MessageToMessageEncoder after encode; this reference goes on.
        out.add(chunk.content().retain());
    }

    private void checkOrder(CommandPart part) {
        boolean appendContinues = part instanceof AppendMessage || part instanceof AppendEnd;
        if (state == State.IN_LITERAL) {
            throw new EncoderException(describe(part) + " while an APPEND literal is open: " + literalRemaining
                    + " bytes and a LastLiteralChunk are still expected");
        }
        if (state == State.BETWEEN_MESSAGES && !appendContinues) {
            throw new EncoderException(describe(part) + " inside an APPEND: an AppendMessage or AppendEnd is expected");
        }
        if (state == State.IDLE && appendContinues) {
            throw new EncoderException(describe(part) + " without an APPEND");
        }
    }

    /** Names a part for an error message without its arguments, which may hold credentials. */
    private static String describe(CommandPart part) {
        if (part instanceof TaggedCommand tagged) {
            return tagged.command().name() + " command";
        }
        return part.getClass().getSimpleName();
    }

    /** Writes one part and returns the state after it. */
    private State write(CommandPart part, CommandWriter w) {
        if (part instanceof TaggedCommand tagged) {
            w.ascii(tagged.tag().value()).sp().ascii(tagged.command().name());
            if (tagged.command() instanceof Append append) {
                w.sp().mailbox(append.mailbox(), "APPEND mailbox");
                return appendMessage(append.first(), w);
            }
            command(tagged.command(), w);
            w.crlf();
            return State.IDLE;
        }
        if (part instanceof AppendMessage message) {
            return appendMessage(message, w);
        }
        if (part instanceof AppendEnd) {
            w.crlf();
            return State.IDLE;
        }
        if (part instanceof SaslResponse response) {
            // base64 *(CRLF base64), or "*" to cancel (RFC 3501 §6.2.2)
            w.ascii(saslToken(response.base64(), "SASL response", true)).crlf();
            return State.IDLE;
        }
        if (part instanceof IdleDone) {
            w.ascii("DONE").crlf();
            return State.IDLE;
        }
        throw new EncoderException("unknown command part " + part.getClass().getName());
    }

    /**
     * <pre>
     * append-message = append-opts SP append-data        (RFC 3502 §6; the SP before it is written here)
     * append-opts    = [SP flag-list] [SP date-time]
     * </pre>
     */
    private State appendMessage(AppendMessage message, CommandWriter w) {
        if (!message.flags().isEmpty()) {
            w.sp().flagList(message.flags(), "APPEND flag list");
        }
        if (message.date() != null) {
            w.sp().dateTime(message.date(), "APPEND date");
        }
        w.sp().literalAnnouncement(message.length(), message.binary(), message.mode());
        literalRemaining = message.length();
        awaitingContinuation = message.mode() == LiteralMode.SYNCHRONIZING;
        return State.IN_LITERAL;
    }

    /** The arguments after the command name; the caller writes tag, name and CRLF. */
    private void command(ImapCommand command, CommandWriter w) {
        if (command instanceof Login login) {
            w.sp().astring(login.user(), "LOGIN user", "use AUTHENTICATE PLAIN")
                    .sp()
                    .astring(login.password().reveal(), "LOGIN password", "use AUTHENTICATE PLAIN");
        } else if (command instanceof Authenticate auth) {
            w.sp().atom(auth.mechanism(), "AUTHENTICATE mechanism");
            if (auth.initialResponse() != null) {
                // SASL-IR: an empty initial response is "=" (RFC 4959 §3)
                w.sp().ascii(
                                auth.initialResponse().isEmpty()
                                        ? "="
                                        : saslToken(auth.initialResponse(), "AUTHENTICATE initial response", false));
            }
        } else if (command instanceof Enable enable) {
            for (String capability : enable.capabilities()) {
                w.sp().atom(capability, "ENABLE capability");
            }
        } else if (command instanceof Id id) {
            idParameters(id.parameters(), w.sp());
        } else if (command instanceof Compress compress) {
            w.sp().atom(compress.algorithm(), "COMPRESS algorithm");
        } else if (command instanceof ListMailboxes list) {
            if (!list.selectOptions().isEmpty()) {
                w.sp().listOptions(list.selectOptions(), "LIST selection option");
            }
            w.sp().astring(list.reference(), "LIST reference").sp().listMailbox(list.pattern(), "LIST pattern");
            if (!list.returnOptions().isEmpty()) {
                w.sp().ascii("RETURN ").listOptions(list.returnOptions(), "LIST return option");
            }
        } else if (command instanceof Lsub lsub) {
            w.sp().astring(lsub.reference(), "LSUB reference").sp().listMailbox(lsub.pattern(), "LSUB pattern");
        } else if (command instanceof Subscribe subscribe) {
            w.sp().mailbox(subscribe.mailbox(), "SUBSCRIBE mailbox");
        } else if (command instanceof Unsubscribe unsubscribe) {
            w.sp().mailbox(unsubscribe.mailbox(), "UNSUBSCRIBE mailbox");
        } else if (command instanceof Create create) {
            w.sp().mailbox(create.mailbox(), "CREATE mailbox");
            if (!create.specialUse().isEmpty()) {
                // create-param = "USE" SP "(" [use-attr *(SP use-attr)] ")"   (RFC 6154 §6)
                w.sp().ascii("(USE ")
                        .useAttributes(create.specialUse(), "CREATE special-use attribute")
                        .ascii(")");
            }
        } else if (command instanceof Delete delete) {
            w.sp().mailbox(delete.mailbox(), "DELETE mailbox");
        } else if (command instanceof Rename rename) {
            w.sp().mailbox(rename.from(), "RENAME source").sp().mailbox(rename.to(), "RENAME target");
        } else if (command instanceof Select select) {
            select(select, w);
        } else if (command instanceof Status status) {
            w.sp().mailbox(status.mailbox(), "STATUS mailbox").sp().atomList(status.items(), "STATUS item");
        } else if (command instanceof UidSearch search) {
            if (!search.returnOptions().isEmpty()) {
                w.sp().ascii("RETURN ").verbatimList(search.returnOptions(), "SEARCH return option");
            }
            w.sp().verbatim(search.criteria(), "SEARCH criteria");
        } else if (command instanceof UidFetch fetch) {
            uidFetch(fetch, w);
        } else if (command instanceof UidStore store) {
            uidStore(store, w);
        } else if (command instanceof UidExpunge expunge) {
            w.sp().ascii(expunge.uids().toString());
        } else if (command instanceof UidCopy copy) {
            w.sp().ascii(copy.uids().toString()).sp().mailbox(copy.mailbox(), copy.name() + " mailbox");
        } else if (command instanceof Notify notify) {
            notify(notify, w);
        }
        // CAPABILITY, NOOP, LOGOUT, STARTTLS, NAMESPACE, EXPUNGE, CLOSE, UNSELECT, IDLE: no arguments.
    }

    /**
     * <pre>
     * id_params_list = "(" #(string SP nstring) ")" / nil            (RFC 2971 §4)
     * </pre>
     */
    private static void idParameters(Map<String, String> parameters, CommandWriter w) {
        if (parameters.isEmpty()) {
            w.ascii("NIL");
            return;
        }
        w.ascii("(");
        boolean first = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!first) {
                w.sp();
            }
            first = false;
            w.string(e.getKey(), "ID field").sp();
            if (e.getValue() == null) {
                w.ascii("NIL");
            } else {
                w.string(e.getValue(), "ID value of " + e.getKey());
            }
        }
        w.ascii(")");
    }

    /**
     * <pre>
     * select-params = SP "(" select-param *(SP select-param) ")"                 (RFC 4466 §2.1)
     * select-param  = "CONDSTORE" / "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] ")"
     * </pre>
     */
    private static void select(Select select, CommandWriter w) {
        w.sp().mailbox(select.mailbox(), select.name() + " mailbox");
        if (!select.condStore() && select.qresync() == null) {
            return;
        }
        w.sp().ascii("(");
        if (select.condStore()) {
            w.ascii("CONDSTORE");
        }
        Select.Qresync q = select.qresync();
        if (q != null) {
            if (select.condStore()) {
                w.sp();
            }
            w.ascii("QRESYNC (")
                    .number(q.uidValidity(), "QRESYNC UIDVALIDITY")
                    .sp()
                    .number(q.modSeq(), "QRESYNC modification sequence");
            if (q.knownUids() != null) {
                w.sp().ascii(q.knownUids().toString());
            }
            w.ascii(")");
        }
        w.ascii(")");
    }

    /**
     * <pre>
     * notify-set          = "SET" [status-indicator] SP event-groups          (RFC 5465 §8)
     * one-or-more-mailbox = "(" mailbox *(SP mailbox) ")" / mailbox
     * </pre>
     */
    private static void notify(Notify notify, CommandWriter w) {
        if (notify.groups().isEmpty()) {
            w.sp().ascii("NONE");
            return;
        }
        w.sp().ascii("SET");
        if (notify.status()) {
            w.sp().ascii("STATUS");
        }
        for (Notify.EventGroup group : notify.groups()) {
            w.sp().ascii("(").ascii(group.filter().wire());
            if (!group.mailboxes().isEmpty()) {
                w.sp().ascii("(");
                for (int i = 0; i < group.mailboxes().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.mailbox(group.mailboxes().get(i), "NOTIFY mailbox");
                }
                w.ascii(")");
            }
            w.sp();
            List<Notify.Event> events = group.orderedEvents();
            if (events.isEmpty()) {
                w.ascii("NONE");
            } else {
                w.ascii("(");
                for (int i = 0; i < events.size(); i++) {
                    w.ascii(i > 0 ? " " : "").ascii(events.get(i).wire());
                }
                w.ascii(")");
            }
            w.ascii(")");
        }
    }

    /** <pre>fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"</pre>  (RFC 4466 §2.4) */
    private static void uidFetch(UidFetch fetch, CommandWriter w) {
        w.sp().ascii(fetch.uids().toString()).sp();
        if (fetch.items().size() == 1) {
            // A single fetch-att, or a macro (ALL / FAST / FULL), which must not be parenthesized.
            w.verbatim(fetch.items().get(0), "FETCH item");
        } else {
            w.verbatimList(fetch.items(), "FETCH item");
        }
        if (fetch.changedSince() != null) {
            w.sp().ascii("(CHANGEDSINCE ").number(fetch.changedSince(), "CHANGEDSINCE");
            if (fetch.vanished()) {
                w.ascii(" VANISHED");
            }
            w.ascii(")");
        }
    }

    /** <pre>store-modifiers = SP "(" store-modifier *(SP store-modifier) ")"</pre>  (RFC 4466 §2.5) */
    private static void uidStore(UidStore store, CommandWriter w) {
        w.sp().ascii(store.uids().toString());
        if (store.unchangedSince() != null) {
            w.sp().ascii("(UNCHANGEDSINCE ")
                    .number(store.unchangedSince(), "UNCHANGEDSINCE")
                    .ascii(")");
        }
        w.sp().ascii(store.mode().prefix()).ascii("FLAGS");
        if (store.silent()) {
            w.ascii(".SILENT");
        }
        w.sp().flagList(store.flags(), "STORE flag list");
    }

    /**
     * A SASL token, or "*" for a cancellation when allowed. Checked so a wrong value cannot
     * break the line or be confused with the "=" of an empty initial response; the message
     * never shows it.
     *
     * <pre>
     * base64          = *(4base64-char) [base64-terminal]
     * base64-terminal = (2base64-char "==") / (3base64-char "=")
     * </pre>
     */
    private static String saslToken(Secret secret, String what, boolean cancelAllowed) {
        String value = secret.reveal();
        if (cancelAllowed && value.equals("*")) {
            return value;
        }
        if (value.length() % 4 != 0) {
            throw new EncoderException(what + " must be base64; its length is not a multiple of 4");
        }
        int padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
        for (int i = 0; i < value.length() - padding; i++) {
            char c = value.charAt(i);
            boolean base64 =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!base64) {
                throw new EncoderException(what + " must be base64; it has a character outside the base64 alphabet");
            }
        }
        return value;
    }
}
