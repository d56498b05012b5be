package org.imapferry.protocol.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** <pre>id = "ID" SP id_params_list</pre>  (RFC 2971 §4); an empty map is sent as NIL. */
public record Id(Map<String, String> parameters) implements ImapCommand {
    public Id {
        parameters = new LinkedHashMap<>(parameters);
    }

    @Override
    public String name() {
        return "ID";
    }
}
