package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.SequenceSet;
import org.imapferry.protocol.types.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict parser the encoder's round trips rely on: a parser that took more than a server does
 * would hide the very faults the fuzz target looks for.
 */
class ImapCommandParserTest {
    @Test
    void readsEachTokenByItsOwnRule() {
        assertEquals(
                List.of(new TaggedCommand(
                        new Tag("a]1"),
                        new ListMailboxes(List.of("SUBSCRIBED"), "~x]", "%/*]", List.of("STATUS (MESSAGES UIDNEXT)")))),
                parse("a]1 LIST (SUBSCRIBED) ~x] %/*] RETURN (STATUS (MESSAGES UIDNEXT))\r\n"));
        assertEquals(
                List.of(new TaggedCommand(
                        new Tag("A1"),
                        ImapCommands.uidStore(
                                SequenceSet.parse("1:3,9:*"),
                                UidStore.Mode.ADD,
                                List.of(Flag.SEEN, new Flag("$Junk"))))),
                parse("A1 UID STORE 1:3,9:* +FLAGS.SILENT (\\Seen $Junk)\r\n"));
        assertEquals(
                List.of(new TaggedCommand(new Tag("A1"), new Status(MailboxName.of("a b"), List.of("MESSAGES")))),
                parse("A1 STATUS \"a b\" (MESSAGES)\r\n"));
        assertEquals(
                List.of(new TaggedCommand(new Tag("A1"), new Select(MailboxName.of("a(b"), true, false, null))),
                parse("A1 EXAMINE {3+}\r\na(b\r\n"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "A1 SELECT a*b\r\n", // list-wildcards only in a list-mailbox
                "A1 SELECT a%\r\n",
                "A1 SELECT a(b\r\n",
                "A1 SELECT a\"b\r\n",
                "A1 SELECT a\\b\r\n",
                "A1 SELECT a\u0001b\r\n", // a CTL
                "A1 SELECT \"a\\b\"\r\n", // only \" and \\ may be escaped
                "A1 SELECT \"a\rb\"\r\n",
                "A1 SELECT {5+}\r\nab\r\n", // the literal is longer than what follows
                "A1 LIST \"\" a]{\r\n",
                "A1 LIST ( ) \"\" *\r\n", // an empty option
                "A1 LIST (\\Sent) \"\" *\r\n", // an option is an atom
                "A1 LIST \"\" * RETURN (STATUS ())\r\n", // an option value is not empty
                "A1 LSUB a* *\r\n", // the reference is an astring
                "A+1 NOOP\r\n", // no "+" in a tag
                "A1 STATUS INBOX (MESSAGES UN]SEEN)\r\n", // a status item is an atom
                "A1 CREATE x (USE (Sent))\r\n", // a use-attr starts with "\"
                "A1 UID STORE 1 +FLAGS (\\*)\r\n", // \* is flag-perm, not a flag
                "A1 UID STORE 1 (UNCHANGEDSINCE -1) FLAGS ()\r\n",
                "A1 APPEND INBOX \"01-Jan-10000 00:00:00 +0000\" {0}\r\n\r\n", // date-year = 4DIGIT
                "A1 APPEND INBOX \"01-Jan-2020 00:00 +0000\" {0}\r\n\r\n",
                "A1 NOOP\n", // CRLF, not a bare LF
                "A1 NOOP\r\nA2 NOOP\r\n"
            })
    void refusesWhatAStrictServerRefuses(String command) {
        assertThrows(IllegalArgumentException.class, () -> parse(command));
    }

    private static List<Object> parse(String command) {
        return new ImapCommandParser(command.getBytes(StandardCharsets.UTF_8), false).parse();
    }
}
