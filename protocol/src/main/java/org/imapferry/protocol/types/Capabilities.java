package org.imapferry.protocol.types;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a server announced in CAPABILITY data or a [CAPABILITY ...] response code. */
public record Capabilities(Set<Capability> names) {
    public static final Capabilities NONE = new Capabilities(Set.of());

    public Capabilities {
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    public static Capabilities of(List<String> tokens) {
        return new Capabilities(
                tokens.stream().map(Capability::new).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    public boolean has(Capability capability) {
        return names.contains(capability);
    }

    public boolean hasAuth(String mechanism) {
        return names.contains(Capability.auth(mechanism));
    }

    /** The SASL mechanisms offered ({@code AUTH=PLAIN} gives {@code PLAIN}), in announced order. */
    public List<String> authMechanisms() {
        return names.stream()
                .map(Capability::name)
                .filter(n -> n.startsWith("AUTH="))
                .map(n -> n.substring(5))
                .collect(Collectors.toList());
    }

    /**
     * APPENDLIMIT (RFC 7889) when announced with a value. A value that is not a number (a
     * broken server) counts as no announced limit rather than failing the session.
     */
    public Optional<Long> appendLimit() {
        return names.stream()
                .filter(c -> c.name().startsWith("APPENDLIMIT="))
                .findFirst()
                .map(Capability::parameter)
                .filter(p -> !p.isEmpty() && p.length() <= 18 && p.chars().allMatch(ch -> ch >= '0' && ch <= '9'))
                .map(Long::parseLong);
    }

    @Override
    public String toString() {
        return names.stream().map(Capability::name).collect(Collectors.joining(" "));
    }
}
