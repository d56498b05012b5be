package org.imapferry.protocol.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imapferry.protocol.response.CapabilityData;
import org.imapferry.protocol.response.ContinuationRequest;
import org.imapferry.protocol.response.EnabledData;
import org.imapferry.protocol.response.EsearchData;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.ExpungeData;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.FlagsData;
import org.imapferry.protocol.response.IdData;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.MalformedResponse;
import org.imapferry.protocol.response.NamespaceData;
import org.imapferry.protocol.response.RecentData;
import org.imapferry.protocol.response.SearchData;
import org.imapferry.protocol.response.SectionData;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.response.UnknownData;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.response.VanishedData;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ModifiedUtf7;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.SequenceSet;
import org.imapferry.protocol.types.Tag;

/**
 * The grammar of server responses (RFC 3501 §9, RFC 9051 §9 and the extensions a migration
 * client meets), applied to one response the decoder has already framed. Each reader is named
 * after the ABNF rule it implements and quotes it.
 *
 * <p>Parsing never throws: a response that breaks the grammar becomes a
 * {@link MalformedResponse} saying where, and the connection goes on. Leniency is limited to
 * quirks real servers are known to send (extra spaces, NIL for an empty list, lower-case
 * keywords, a missing text after a response code); anything else is reported, not guessed.
 */
public final class ResponseParser {
    /** How much of a malformed or unknown response is kept as text. */
    private static final int RAW_LIMIT = 1024;

    private ResponseParser() {}

    /**
     * Parses one framed response.
     *
     * @param buf           the response bytes, lines without their final CRLF and inline literals
     *                      in place
     * @param length        how many bytes of {@code buf} belong to the response
     * @param streamed      sorted content offsets of literals whose bytes were streamed
     * @param streamedCount how many entries of {@code streamed} are in use
     */
    public static ImapResponse parse(byte[] buf, int length, int[] streamed, int streamedCount) {
        ImapReader r = new ImapReader(buf, 0, length, streamed, streamedCount);
        try {
            return readResponse(r, buf, length);
        } catch (GrammarException | IllegalArgumentException e) {
            return new MalformedResponse(raw(buf, length), e.getMessage());
        }
    }

    /** The response as Latin-1 text, cut to a size fit for a log line. */
    static String raw(byte[] buf, int length) {
        int n = Math.min(length, RAW_LIMIT);
        String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        return n < length ? text + "..." : text;
    }

    /**
     * <pre>
     * response      = *(continue-req / response-data) response-done
     * continue-req  = "+" SP (resp-text / base64) CRLF
     * response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data / message-data
     *                 / capability-data / enable-data / id-response / namespace-response) CRLF
     * response-tagged = tag SP resp-cond-state CRLF
     * </pre>
     */
    private static ImapResponse readResponse(ImapReader r, byte[] buf, int length) {
        if (r.atEnd()) {
            throw new GrammarException("empty response line");
        }
        if (r.peekIs('+')) {
            r.advance();
            // A bare "+" (no SP) is common (Exchange, public-inbox): the text is then empty.
            if (r.peekIs(' ')) {
                r.advance();
            }
            return new ContinuationRequest(r.readRest());
        }
        if (r.peekIs('*')) {
            r.advance();
            r.sp();
            return readUntagged(r, buf, length);
        }
        Tag tag = new Tag(r.readToken());
        r.sp();
        String word = r.readAtom().toUpperCase(Locale.ROOT);
        Status status = switch (word) {
            case "OK" -> Status.OK;
            case "NO" -> Status.NO;
            case "BAD" -> Status.BAD;
            default -> throw new GrammarException("expected OK, NO or BAD after tag " + tag + ", found " + word);
        };
        RespText text = readRespText(r);
        return new TaggedResponse(tag, status, text.code, text.text);
    }

    private static ImapResponse readUntagged(ImapReader r, byte[] buf, int length) {
        int c = r.peek();
        if (c >= '0' && c <= '9') {
            return readNumberedData(r, buf, length);
        }
        String keyword = r.readAtom().toUpperCase(Locale.ROOT);
        ImapResponse response;
        switch (keyword) {
            case "OK", "NO", "BAD", "PREAUTH", "BYE" -> {
                RespText text = readRespText(r);
                return new UntaggedStatus(Status.valueOf(keyword), text.code, text.text);
            }
            case "CAPABILITY" -> response = new CapabilityData(Capabilities.of(readCapabilities(r)));
            case "ENABLED" -> response = new EnabledData(readCapabilities(r));
            case "ID" -> response = readIdResponse(r);
            case "LIST", "LSUB", "XLIST" -> response = readMailboxList(r, keyword);
            case "NAMESPACE" -> response = readNamespaceResponse(r);
            case "STATUS" -> response = readStatus(r);
            case "SEARCH" -> response = readSearch(r);
            case "ESEARCH" -> response = readEsearchResponse(r);
            case "FLAGS" -> {
                r.sp();
                response = new FlagsData(r.readFlagList());
            }
            case "VANISHED" -> response = readExpungedResp(r);
            default -> {
                return new UnknownData(keyword, new String(buf, 0, length, StandardCharsets.ISO_8859_1));
            }
        }
        r.expectEnd();
        return response;
    }

    /**
     * <pre>
     * mailbox-data =/ number SP "EXISTS" / number SP "RECENT"
     * message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
     * </pre>
     */
    private static ImapResponse readNumberedData(ImapReader r, byte[] buf, int length) {
        long number = r.readNumber();
        r.sp();
        String keyword = r.readAtom().toUpperCase(Locale.ROOT);
        ImapResponse response;
        switch (keyword) {
            case "EXISTS" -> response = new ExistsData(number);
            case "RECENT" -> response = new RecentData(number);
            case "EXPUNGE" -> response = new ExpungeData(number);
            case "FETCH" -> response = readMsgAtt(r, number);
            default -> {
                return new UnknownData(keyword, new String(buf, 0, length, StandardCharsets.ISO_8859_1));
            }
        }
        r.expectEnd();
        return response;
    }

    private record RespText(ResponseCode code, String text) {}

    /**
     * <pre>resp-text = ["[" resp-text-code "]" SP] text</pre>
     * Lenient: the SP and text may be missing altogether ({@code * BYE}, {@code * OK [CLOSED]}).
     */
    private static RespText readRespText(ImapReader r) {
        if (r.peekIs(' ')) {
            r.advance();
        }
        ResponseCode code = null;
        if (r.peekIs('[')) {
            int close = r.find(']');
            if (close >= 0) {
                code = readRespTextCode(r.sub(r.position() + 1, close));
                r.position(close + 1);
                if (r.peekIs(' ')) {
                    r.advance();
                }
            }
        }
        return new RespText(code, r.readRest());
    }

    /**
     * <pre>
     * resp-text-code = "ALERT" / "PARSE" / "READ-ONLY" / "READ-WRITE" / "TRYCREATE" / capability-data
     *                / "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")"
     *                / "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number / "UNSEEN" SP nz-number
     *                / "APPENDUID" SP nz-number SP append-uid / "COPYUID" SP nz-number SP uid-set SP uid-set
     *                / "HIGHESTMODSEQ" SP mod-sequence-value / "NOMODSEQ" / "CLOSED"
     *                / "ALREADYEXISTS" / "OVERQUOTA" / "LIMIT" / "AUTHENTICATIONFAILED" / "UNAVAILABLE"
     *                / atom [SP 1*&lt;any TEXT-CHAR except "]"&gt;]
     * </pre>
     * A known code whose argument does not parse (UIDVALIDITY 0, reversed APPENDUID) is kept as
     * {@link ResponseCode.Other} with its raw argument rather than failing the whole response.
     */
    static ResponseCode readRespTextCode(ImapReader r) {
        String name = r.readToken().toUpperCase(Locale.ROOT);
        int argStart = r.position();
        if (r.peekIs(' ')) {
            argStart++;
        }
        String argument = r.text(Math.min(argStart, r.end()), r.end());
        try {
            ResponseCode code = readKnownCode(r, name);
            if (code != null) {
                r.expectEnd();
                return code;
            }
        } catch (GrammarException | IllegalArgumentException e) {
            // falls through: the code is kept with its raw argument
        }
        return new ResponseCode.Other(name, argument);
    }

    private static ResponseCode readKnownCode(ImapReader r, String name) {
        switch (name) {
            case "ALERT":
                return new ResponseCode.Alert();
            case "PARSE":
                return new ResponseCode.Parse();
            case "READ-ONLY":
                return new ResponseCode.ReadOnly();
            case "READ-WRITE":
                return new ResponseCode.ReadWrite();
            case "TRYCREATE":
                return new ResponseCode.TryCreate();
            case "ALREADYEXISTS":
                return new ResponseCode.AlreadyExists();
            case "OVERQUOTA":
                return new ResponseCode.OverQuota();
            case "LIMIT":
                return new ResponseCode.Limit();
            case "THROTTLED":
                return new ResponseCode.Throttled();
            case "AUTHENTICATIONFAILED":
                return new ResponseCode.AuthenticationFailed();
            case "UNAVAILABLE":
                return new ResponseCode.Unavailable();
            case "NOMODSEQ":
                return new ResponseCode.NoModSeq();
            case "CLOSED":
                return new ResponseCode.Closed();
            case "CAPABILITY":
                return new ResponseCode.CapabilityCode(Capabilities.of(readCapabilities(r)));
            case "PERMANENTFLAGS":
                r.sp();
                return new ResponseCode.PermanentFlags(r.readFlagList());
            case "UIDVALIDITY":
                r.sp();
                return new ResponseCode.UidValidity(r.readNzNumber());
            case "UIDNEXT":
                r.sp();
                return new ResponseCode.UidNext(r.readNzNumber());
            case "UNSEEN":
                r.sp();
                return new ResponseCode.Unseen(r.readNzNumber());
            case "HIGHESTMODSEQ":
                r.sp();
                return new ResponseCode.HighestModSeq(r.readNumber());
            case "APPENDUID": {
                // append-uid = uniqueid / uid-set (RFC 4315 §4; a set only after MULTIAPPEND)
                r.sp();
                long validity = r.readNzNumber();
                r.sp();
                return new ResponseCode.AppendUid(validity, r.readSequenceSet());
            }
            case "COPYUID": {
                r.sp();
                long validity = r.readNzNumber();
                r.sp();
                SequenceSet source = r.readSequenceSet();
                r.sp();
                return new ResponseCode.CopyUid(validity, source, r.readSequenceSet());
            }
            default:
                return null;
        }
    }

    /**
     * <pre>
     * capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)
     * enable-data     = "ENABLED" *(SP capability)
     * </pre>
     * Tokens are taken as sent; a trailing SP (seen in the wild) ends the list.
     */
    static List<String> readCapabilities(ImapReader r) {
        List<String> tokens = new ArrayList<>();
        for (; ; ) {
            r.skipSpaces();
            if (r.atEnd()) {
                return tokens;
            }
            tokens.add(r.readToken());
        }
    }

    /**
     * <pre>
     * id_response    = "ID" SP id_params_list
     * id_params_list = "(" #(string SP nstring) ")" / nil
     * </pre>
     * (RFC 2971 §4)
     */
    static IdData readIdResponse(ImapReader r) {
        r.sp();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!r.tryNil()) {
            r.expect('(');
            for (; ; ) {
                r.skipSpaces();
                if (r.peekIs(')')) {
                    r.advance();
                    break;
                }
                String key = utf8(r.readString());
                r.sp();
                parameters.put(key, utf8(r.readNstring()));
            }
        }
        return new IdData(Collections.unmodifiableMap(parameters));
    }

    /**
     * <pre>
     * mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
     *                [SP mbox-list-extended]
     * mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"
     * mbox-list-extended-item = mbox-list-extended-item-tag SP tagged-ext-val
     * </pre>
     * (RFC 3501 §9, RFC 5258 §9; OLDNAME is RFC 5465 §5.4). The delimiter {@code ""} (seen from
     * a few servers) means no hierarchy, as NIL does. {@code mailbox} is an astring, so a name
     * sent as the atom NIL is the mailbox "NIL"; the empty name answers {@code LIST "" ""}.
     */
    static ListData readMailboxList(ImapReader r, String kind) {
        r.sp();
        List<String> attributes = new ArrayList<>();
        if (!r.tryNil()) {
            r.expect('(');
            for (; ; ) {
                r.skipSpaces();
                if (r.peekIs(')')) {
                    r.advance();
                    break;
                }
                attributes.add(r.readFlag().value());
            }
        }
        r.sp();
        Character delimiter = null;
        if (!r.tryNil()) {
            String d = utf8(r.readQuoted());
            if (d.length() > 1) {
                throw new GrammarException("hierarchy delimiter \"" + d + "\" is longer than one character");
            }
            delimiter = d.isEmpty() ? null : d.charAt(0);
        }
        r.sp();
        boolean quoted = r.peekIs('"');
        int nameStart = r.position();
        byte[] name = r.readMailboxBytes();
        if (quoted && !r.atEnd() && !r.peekIs(' ')) {
            // GreenMail before 2026 did not escape a DQUOTE inside a name ("ab"cd"): when the
            // quoted string is followed by more name, the name runs to the line's last DQUOTE.
            int last = r.findLast('"');
            if (last > r.position()) {
                name = r.text(nameStart + 1, last).getBytes(StandardCharsets.UTF_8);
                r.position(last + 1);
            }
        }
        MailboxName oldName = null;
        r.skipSpaces();
        if (r.peekIs('(')) {
            r.advance();
            for (; ; ) {
                r.skipSpaces();
                if (r.peekIs(')')) {
                    r.advance();
                    break;
                }
                String tag = utf8(r.readAstring()).toUpperCase(Locale.ROOT);
                r.sp();
                if (tag.equals("OLDNAME")) {
                    r.expect('(');
                    oldName = mailbox(r.readMailboxBytes());
                    r.expect(')');
                } else {
                    r.skipValue();
                }
            }
        }
        return new ListData(kind, attributes, delimiter, name.length == 0 ? null : mailbox(name), oldName);
    }

    /** A mailbox name from its wire bytes: UTF-8 (RFC 6855) carrying modified UTF-7 (RFC 3501 §5.1.3). */
    private static MailboxName mailbox(byte[] wire) {
        return MailboxName.fromWire(utf8(wire));
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * <pre>
     * Namespace-Response = "NAMESPACE" SP Namespace SP Namespace SP Namespace
     * Namespace = nil / "(" 1*( "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil)
     *             *(Namespace-Response-Extension) ")" ) ")"
     * Namespace-Response-Extension = SP string SP "(" string *(SP string) ")"
     * </pre>
     * (RFC 2342 §5). The SP between namespaces is optional here: RFC 5255's own example omits
     * it. Prefixes are decoded from modified UTF-7 like mailbox names.
     */
    static NamespaceData readNamespaceResponse(ImapReader r) {
        List<List<NamespaceData.Namespace>> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            r.skipSpaces();
            three.add(readNamespace(r));
        }
        return new NamespaceData(three.get(0), three.get(1), three.get(2));
    }

    private static List<NamespaceData.Namespace> readNamespace(ImapReader r) {
        List<NamespaceData.Namespace> out = new ArrayList<>();
        if (r.tryNil()) {
            return out;
        }
        r.expect('(');
        for (; ; ) {
            r.skipSpaces();
            if (r.peekIs(')')) {
                r.advance();
                return out;
            }
            r.expect('(');
            String prefix = ModifiedUtf7.decode(utf8(r.readString()));
            r.sp();
            Character delimiter = null;
            if (!r.tryNil()) {
                String d = utf8(r.readQuoted());
                delimiter = d.isEmpty() ? null : d.charAt(0);
            }
            for (; ; ) {
                r.skipSpaces();
                if (r.peekIs(')')) {
                    r.advance();
                    break;
                }
                r.skipValue();
            }
            out.add(new NamespaceData.Namespace(prefix, delimiter));
        }
    }

    /**
     * <pre>
     * mailbox-data    =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
     * status-att-list = status-att SP number *(SP status-att SP number)
     * </pre>
     * An empty list and a trailing SP (Exchange) are accepted.
     */
    static StatusData readStatus(ImapReader r) {
        r.sp();
        MailboxName name = mailbox(r.readMailboxBytes());
        r.skipSpaces();
        Map<String, Long> attributes = new LinkedHashMap<>();
        r.expect('(');
        for (; ; ) {
            r.skipSpaces();
            if (r.peekIs(')')) {
                r.advance();
                break;
            }
            String att = r.readAtom().toUpperCase(Locale.ROOT);
            r.sp();
            attributes.put(att, r.readNumber());
        }
        return new StatusData(name, attributes);
    }

    /**
     * <pre>
     * mailbox-data =/ "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]
     * search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"
     * </pre>
     * (RFC 3501 §9, RFC 7162 §7)
     */
    static SearchData readSearch(ImapReader r) {
        List<Long> numbers = new ArrayList<>();
        Long modSeq = null;
        for (; ; ) {
            r.skipSpaces();
            if (r.atEnd()) {
                break;
            }
            if (r.peekIs('(')) {
                r.advance();
                r.skipSpaces();
                if (!r.tryWord("MODSEQ")) {
                    throw r.error("expected MODSEQ");
                }
                r.sp();
                modSeq = r.readNumber();
                r.skipSpaces();
                r.expect(')');
                break;
            }
            numbers.add(r.readNzNumber());
        }
        return new SearchData(numbers, modSeq);
    }

    /**
     * <pre>
     * esearch-response  = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
     * search-correlator = SP "(" "TAG" SP tag-string ")"
     * search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set
     *                    / "COUNT" SP number / "MODSEQ" SP mod-sequence-value / search-ret-data-ext
     * </pre>
     * (RFC 4731 §3.1, RFC 7162 §3.1.5); extension data is skipped.
     */
    static EsearchData readEsearchResponse(ImapReader r) {
        r.skipSpaces();
        String tag = null;
        if (r.peekIs('(')) {
            r.advance();
            r.skipSpaces();
            if (!r.tryWord("TAG")) {
                throw r.error("expected TAG");
            }
            r.sp();
            tag = utf8(r.readAstring());
            r.skipSpaces();
            r.expect(')');
        }
        boolean uid = false;
        Long min = null;
        Long max = null;
        Long count = null;
        Long modSeq = null;
        SequenceSet all = null;
        for (; ; ) {
            r.skipSpaces();
            if (r.atEnd()) {
                break;
            }
            String name = r.readAtom().toUpperCase(Locale.ROOT);
            if (name.equals("UID")) {
                uid = true;
                continue;
            }
            r.sp();
            switch (name) {
                case "MIN" -> min = r.readNumber();
                case "MAX" -> max = r.readNumber();
                case "COUNT" -> count = r.readNumber();
                case "MODSEQ" -> modSeq = r.readNumber();
                case "ALL" -> all = r.readSequenceSet();
                default -> r.skipValue();
            }
        }
        return new EsearchData(tag, uid, min, max, all, count, modSeq);
    }

    /**
     * <pre>
     * expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids
     * known-uids    = sequence-set
     * </pre>
     * (RFC 7162 §3.2.10)
     */
    static VanishedData readExpungedResp(ImapReader r) {
        r.sp();
        boolean earlier = false;
        if (r.peekIs('(')) {
            r.advance();
            if (!r.tryWord("EARLIER")) {
                throw r.error("expected EARLIER");
            }
            r.expect(')');
            r.sp();
            earlier = true;
        }
        return new VanishedData(earlier, r.readSequenceSet());
    }

    /**
     * <pre>
     * msg-att         = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"
     * msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"
     * msg-att-static  = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time / "RFC822.SIZE" SP number
     *                 / "RFC822" [".HEADER" / ".TEXT"] SP nstring / "BODY" ["STRUCTURE"] SP body
     *                 / "BODY" section ["&lt;" number "&gt;"] SP nstring / "UID" SP uniqueid
     *                 / "BINARY" section-binary SP (nstring / literal8) / "BINARY.SIZE" section-binary SP number
     * fetch-mod-resp  = "MODSEQ" SP "(" permsg-modsequence ")"
     * </pre>
     * (RFC 3501 §9, RFC 3516 §4.2, RFC 7162 §3.1.4). Items come in any order. Streamed body
     * sections are skipped (their events came first); unmodeled items are skipped structurally
     * and kept raw in {@link FetchData#extra()}.
     */
    static FetchData readMsgAtt(ImapReader r, long sequenceNumber) {
        r.sp();
        r.expect('(');
        Long uid = null;
        List<Flag> flags = null;
        ImapDateTime internalDate = null;
        Long size = null;
        Long modSeq = null;
        List<SectionData> sections = new ArrayList<>();
        Map<String, String> extra = new LinkedHashMap<>();
        // Extra parentheses around items ("(ENVELOPE (...))", seen in the wild) are flattened.
        int depth = 1;
        for (; ; ) {
            r.skipSpaces();
            if (r.peekIs(')')) {
                r.advance();
                if (--depth == 0) {
                    break;
                }
                continue;
            }
            if (r.peekIs('(')) {
                r.advance();
                depth++;
                continue;
            }
            FetchAttName att = readFetchAttName(r);
            r.sp();
            switch (att.name) {
                case "UID" -> uid = r.readNzNumber();
                case "FLAGS" -> {
                    List<String> refused = new ArrayList<>();
                    flags = r.readMessageFlags(refused);
                    if (!refused.isEmpty()) {
                        extra.put(FetchData.NOT_FLAGS, String.join(" ", refused));
                    }
                }
                case "RFC822.SIZE" -> size = r.readNumber();
                case "INTERNALDATE" -> {
                    int start = r.position();
                    byte[] date = r.readNstring();
                    try {
                        internalDate = date == null ? null : ImapDateTime.parse(utf8(date));
                    } catch (IllegalArgumentException e) {
                        extra.put(att.name, r.text(start, r.position()));
                    }
                }
                case "MODSEQ" -> {
                    // permsg-modsequence = mod-sequence-value; Zoho sends (0) and (-1), kept raw
                    int start = r.position();
                    r.expect('(');
                    if (r.peekIs('-')) {
                        r.position(start);
                        extra.put(att.name, r.skipValue());
                    } else {
                        modSeq = r.readNumber();
                        r.skipSpaces();
                        r.expect(')');
                    }
                }
                default -> {
                    if (att.isSection()) {
                        readSectionValue(r, att, sections);
                    } else {
                        extra.put(att.wire, r.skipValue());
                    }
                }
            }
        }
        return new FetchData(sequenceNumber, uid, flags, internalDate, size, modSeq, sections, extra);
    }

    private static void readSectionValue(ImapReader r, FetchAttName att, List<SectionData> sections) {
        String section = att.section == null ? "" : att.section;
        if (r.atStreamedLiteral()) {
            r.skipStreamedLiteral();
            return;
        }
        if (r.peekIs(')')) {
            // Yandex sends "BODY[2] )": a section with no value at all; read as NIL.
            sections.add(new SectionData(att.name, section, att.origin, null));
            return;
        }
        sections.add(new SectionData(att.name, section, att.origin, r.readNstring()));
    }

    /**
     * An item name as sent ({@code wire}, upper-cased) and, for body sections, its parts.
     *
     * @param name    the item without section and origin, ".PEEK" dropped
     * @param section the bracket content, or null when the item has none
     */
    private record FetchAttName(String wire, String name, String section, Long origin) {
        boolean isSection() {
            return section != null && (name.equals("BODY") || name.equals("BINARY"))
                    || section == null
                            && origin == null
                            && (name.equals("RFC822") || name.equals("RFC822.TEXT") || name.equals("RFC822.HEADER"));
        }
    }

    /**
     * <pre>
     * section   = "[" [section-spec] "]"
     * section-binary = "[" [section-part] "]"
     * </pre>
     * An item name is an atom; a section in brackets and a partial origin may follow.
     */
    private static FetchAttName readFetchAttName(ImapReader r) {
        int start = r.position();
        while (!r.atEnd() && !r.peekIs(' ') && !r.peekIs('(') && !r.peekIs(')') && !r.peekIs('[') && !r.peekIs('"')) {
            r.advance();
        }
        if (r.position() == start) {
            throw r.error("expected a fetch item");
        }
        String name = BodySectionScanner.itemName(r.text(start, r.position()));
        String section = null;
        Long origin = null;
        if (r.peekIs('[')) {
            int close = r.find(']');
            if (close < 0) {
                throw r.error("unterminated section");
            }
            section = r.text(r.position() + 1, close).toUpperCase(Locale.ROOT);
            r.position(close + 1);
            if (r.peekIs('<')) {
                r.advance();
                origin = r.readNumber();
                r.expect('>');
            }
        }
        String wire = r.text(start, r.position()).toUpperCase(Locale.ROOT);
        return new FetchAttName(wire, name, section, origin);
    }
}
