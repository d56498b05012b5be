package org.imapferry.protocol.response;

import java.util.Map;

/**
 * <pre>id_response = "ID" SP id_params_list</pre>  (RFC 2971 §4); NIL gives an empty map,
 * a NIL value is kept as null.
 */
public record IdData(Map<String, String> parameters) implements ImapResponse {}
