package org.imapferry.protocol.types;

import java.util.Objects;

/**
 * A credential (password, OAuth token). Its {@link #toString()} never shows the value, so a
 * secret that ends up in a log line, an exception message or a trace prints as {@code ***}.
 * Only the encoder and the SASL mechanisms call {@link #reveal()}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value, for the one place that must put it on the wire. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
