package org.imapferry.engine.probe;

import java.time.Duration;

/**
 * How long a session takes to open.
 *
 * @param connect the TCP connection alone
 * @param tls     the TLS handshake (implicit TLS), or the STARTTLS exchange with its handshake;
 *                null when the connection is not encrypted
 * @param login   authentication and what follows it (ENABLE, ID, COMPRESS)
 */
public record ConnectionTimes(Duration connect, Duration tls, Duration login) {}
