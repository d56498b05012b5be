package org.imapferry.engine.probe;

import java.util.List;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Capability;

/** The capabilities that decide how fast a copy can go, each with why it matters. */
public final class SpeedCapabilities {
    /** One capability: offered or not, and what it buys. */
    public record Mark(String name, boolean offered, String effect) {}

    private SpeedCapabilities() {}

    public static List<Mark> of(Capabilities caps) {
        String appendLimit = caps.appendLimit().map(n -> "APPENDLIMIT=" + n).orElse("APPENDLIMIT");
        boolean hasAppendLimit = caps.names().stream().anyMatch(c -> c.name().startsWith("APPENDLIMIT"));
        return List.of(
                new Mark("LITERAL+", caps.has(Capability.LITERAL_PLUS), "APPEND without a round trip per message"),
                new Mark(
                        "LITERAL-",
                        caps.has(Capability.LITERAL_MINUS) || caps.has(Capability.IMAP4REV2),
                        "no round trip for messages up to 4 KB"),
                new Mark("MULTIAPPEND", caps.has(Capability.MULTIAPPEND), "many messages per APPEND command"),
                new Mark("UIDPLUS", caps.has(Capability.UIDPLUS), "target UIDs known without a search"),
                new Mark("CONDSTORE", caps.has(Capability.CONDSTORE), "a second run reads only changed flags"),
                new Mark("QRESYNC", caps.has(Capability.QRESYNC), "a second run learns expunges cheaply"),
                new Mark("COMPRESS=DEFLATE", caps.has(Capability.COMPRESS_DEFLATE), "fewer bytes on slow links"),
                new Mark("BINARY", caps.has(Capability.BINARY), "messages with NUL bytes copied as they are"),
                new Mark(appendLimit, hasAppendLimit, "the largest message the server accepts"),
                new Mark("SPECIAL-USE", caps.has(Capability.SPECIAL_USE), "Sent, Trash... mapped without guessing"),
                new Mark("NOTIFY", caps.has(new Capability("NOTIFY")), "changes pushed for many folders at once"),
                new Mark("IDLE", caps.has(Capability.IDLE), "changes pushed for the selected folder"));
    }
}
