package org.imapferry.protocol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.imapferry.protocol.command.Notify.Event;
import org.imapferry.protocol.command.Notify.EventGroup;
import org.imapferry.protocol.command.Notify.Filter;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;

class NotifyTest {
    private static final List<MailboxName> INBOX = List.of(MailboxName.INBOX);

    @Test
    void aGroupAServerWouldRefuseCannotBeBuilt() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EventGroup(Filter.PERSONAL, List.of(), Set.of(Event.MESSAGE_NEW)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EventGroup(Filter.PERSONAL, List.of(), Set.of(Event.MESSAGE_EXPUNGE)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EventGroup(Filter.PERSONAL, List.of(), Set.of(Event.FLAG_CHANGE, Event.MAILBOX_NAME)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EventGroup(Filter.SUBTREE, List.of(), Set.of(Event.MAILBOX_NAME)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EventGroup(Filter.INBOXES, INBOX, Set.of(Event.MAILBOX_NAME)));
        assertThrows(IllegalArgumentException.class, () -> new Notify(true, List.of()));
    }

    @Test
    void eventsComeOutInTheOrderOfTheGrammar() {
        EventGroup group = new EventGroup(
                Filter.MAILBOXES,
                INBOX,
                Set.of(Event.MAILBOX_NAME, Event.FLAG_CHANGE, Event.MESSAGE_EXPUNGE, Event.MESSAGE_NEW));
        assertEquals(
                List.of(Event.MESSAGE_NEW, Event.MESSAGE_EXPUNGE, Event.FLAG_CHANGE, Event.MAILBOX_NAME),
                group.orderedEvents());
        assertEquals(List.of(), new EventGroup(Filter.SELECTED, List.of(), Set.of()).orderedEvents());
        assertEquals("NOTIFY", Notify.none().name());
    }
}
