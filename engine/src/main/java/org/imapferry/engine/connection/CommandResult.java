package org.imapferry.engine.connection;

import java.util.List;
import java.util.stream.Collectors;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.TaggedResponse;

/** A completed command: its tagged OK and the untagged data it collected. */
public record CommandResult(TaggedResponse completion, List<ImapResponse> data) {
    public <T extends ImapResponse> List<T> all(Class<T> type) {
        return data.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    public <T extends ImapResponse> T first(Class<T> type) {
        return data.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElse(null);
    }
}
