package org.imapferry.protocol.response;

import java.util.List;

/**
 * <pre>
 * Namespace-Response = "*" SP "NAMESPACE" SP Namespace SP Namespace SP Namespace
 * Namespace = nil / "(" 1*( "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) *(Namespace_Response_Extension) ")" ) ")"
 * </pre>
 * (RFC 2342 §5). NIL gives an empty list.
 */
public record NamespaceData(List<Namespace> personal, List<Namespace> otherUsers, List<Namespace> shared)
        implements ImapResponse {
    /** @param delimiter null for NIL */
    public record Namespace(String prefix, Character delimiter) {}

    public NamespaceData {
        personal = List.copyOf(personal);
        otherUsers = List.copyOf(otherUsers);
        shared = List.copyOf(shared);
    }
}
