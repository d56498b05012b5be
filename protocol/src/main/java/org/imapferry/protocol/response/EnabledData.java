package org.imapferry.protocol.response;

import java.util.List;

/** <pre>enable-data = "ENABLED" *(SP capability)</pre>  (RFC 5161 §4) */
public record EnabledData(List<String> capabilities) implements ImapResponse {
    public EnabledData {
        capabilities = List.copyOf(capabilities);
    }
}
