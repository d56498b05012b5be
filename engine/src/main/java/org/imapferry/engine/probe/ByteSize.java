package org.imapferry.engine.probe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A size as a user writes it: {@code 2048}, {@code 75K}, {@code 200M}, {@code 1.5G}, {@code 2T}.
 * The suffixes are powers of 1000, the same MB as in the probe's MB/s.
 */
public final class ByteSize {
    private ByteSize() {}

    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a size is required, e.g. 10G");
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1_000L;
                case 'M' -> unit = 1_000_000L;
                case 'G' -> unit = 1_000_000_000L;
                case 'T' -> unit = 1_000_000_000_000L;
                default -> unit = 1;
            }
        }
        String number = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            BigDecimal value = new BigDecimal(number.strip()).multiply(BigDecimal.valueOf(unit));
            if (value.signum() <= 0) {
                throw new IllegalArgumentException("'" + text + "' is not a positive size");
            }
            return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size: use a number with K, M, G or T," + " e.g. 10G");
        }
    }
}
