package org.imapferry.protocol.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.imapferry.protocol.types.MailboxName;

/**
 * <pre>
 * notify           = "NOTIFY" SP (notify-set / notify-none)
 * notify-set       = "SET" [status-indicator] SP event-groups
 * status-indicator = SP "STATUS"
 * notify-none      = "NONE"
 * event-groups     = event-group *(SP event-group)
 * event-group      = "(" filter-mailboxes SP events ")"
 * events           = ( "(" event *(SP event) ")" ) / "NONE"
 * </pre>
 * (RFC 5465 §8). No groups means {@code NOTIFY NONE}.
 *
 * @param status ask for a STATUS response for every mailbox the groups name, at once (§3)
 */
public record Notify(boolean status, List<EventGroup> groups) implements ImapCommand {
    public Notify {
        groups = List.copyOf(groups);
        if (groups.isEmpty() && status) {
            throw new IllegalArgumentException("NOTIFY NONE takes no STATUS indicator");
        }
    }

    /** {@code NOTIFY NONE}: no more notifications than plain IMAP sends. */
    public static Notify none() {
        return new Notify(false, List.of());
    }

    @Override
    public String name() {
        return "NOTIFY";
    }

    /**
     * <pre>
     * filter-mailboxes          = filter-mailboxes-selected / filter-mailboxes-other
     * filter-mailboxes-other    = "inboxes" / "personal" / "subscribed" /
     *                             ( "subtree" SP one-or-more-mailbox ) / ( "mailboxes" SP one-or-more-mailbox )
     * filter-mailboxes-selected = "selected" / "selected-delayed"
     * </pre>
     */
    public enum Filter {
        SELECTED("selected"),
        SELECTED_DELAYED("selected-delayed"),
        INBOXES("inboxes"),
        PERSONAL("personal"),
        SUBSCRIBED("subscribed"),
        SUBTREE("subtree"),
        MAILBOXES("mailboxes");

        private final String wire;

        Filter(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** Only {@code subtree} and {@code mailboxes} name mailboxes, and they need at least one. */
        public boolean namesMailboxes() {
            return this == SUBTREE || this == MAILBOXES;
        }
    }

    /** <pre>message-event / mailbox-event / user-event</pre>; message fetch attributes are not asked for. */
    public enum Event {
        MESSAGE_NEW("MessageNew"),
        MESSAGE_EXPUNGE("MessageExpunge"),
        FLAG_CHANGE("FlagChange"),
        ANNOTATION_CHANGE("AnnotationChange"),
        MAILBOX_NAME("MailboxName"),
        SUBSCRIPTION_CHANGE("SubscriptionChange"),
        MAILBOX_METADATA_CHANGE("MailboxMetadataChange"),
        SERVER_METADATA_CHANGE("ServerMetadataChange");

        private final String wire;

        Event(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * One event group. RFC 5465 §5 makes a server answer BAD to a group with MessageNew but not
     * MessageExpunge (or the reverse), or with FlagChange or AnnotationChange but not both of
     * them: such a group cannot be built.
     *
     * @param mailboxes the mailboxes of {@code subtree} and {@code mailboxes}; empty for the other filters
     * @param events    empty for {@code NONE}
     */
    public record EventGroup(Filter filter, List<MailboxName> mailboxes, Set<Event> events) {
        public EventGroup {
            mailboxes = List.copyOf(mailboxes);
            events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
            if (filter.namesMailboxes() == mailboxes.isEmpty()) {
                throw new IllegalArgumentException(filter.wire()
                        + (filter.namesMailboxes() ? " needs at least one mailbox" : " takes no mailbox"));
            }
            boolean isNew = events.contains(Event.MESSAGE_NEW);
            boolean expunge = events.contains(Event.MESSAGE_EXPUNGE);
            if (isNew != expunge) {
                throw new IllegalArgumentException("MessageNew and MessageExpunge go together (RFC 5465 §5)");
            }
            if ((events.contains(Event.FLAG_CHANGE) || events.contains(Event.ANNOTATION_CHANGE)) && !isNew) {
                throw new IllegalArgumentException(
                        "FlagChange and AnnotationChange need MessageNew and " + "MessageExpunge (RFC 5465 §5)");
            }
        }

        /** The events in the order of {@link Event}, as the encoder writes them. */
        public List<Event> orderedEvents() {
            return events.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(events));
        }
    }
}
