package org.imapferry.engine.testserver;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private Dovecot per test class: started before the class's {@code @BeforeAll} methods, with
 * the accounts asked for, and stopped (its folder deleted) after the class. Register it on a static
 * field of a class marked {@link DovecotTest}:
 *
 * <pre>{@code
 * @DovecotTest
 * class MyTest {
 *     @RegisterExtension
 *     static final DovecotExtension DOVECOT = DovecotExtension.builder().user("alice", "pw").build();
 *
 *     @Test
 *     void logsIn() {
 *         DovecotServer dovecot = DOVECOT.server();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Without the {@code dovecot} binary the class is skipped, except under {@code CI=true}, where it
 * fails: see {@link DovecotServer#assumeAvailable()}.
 */
public final class DovecotExtension implements BeforeAllCallback, AfterAllCallback {
    private final DovecotServer.Builder options;
    private final Map<String, String> users;
    private DovecotServer server;
    /** The class that started the server: a {@code @Nested} class inherits the field and must not restart it. */
    private Class<?> owner;

    private DovecotExtension(Builder builder) {
        this.options = builder.options;
        this.users = Map.copyOf(builder.users);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain-IMAP server with '/' as separator and no accounts yet. */
    public static DovecotExtension plain() {
        return builder().build();
    }

    /** The running server; only between the class's start and its end. */
    public DovecotServer server() {
        if (server == null) {
            throw new IllegalStateException("Dovecot is not running: register the DovecotExtension on a static"
                    + " field with @RegisterExtension, and use it from @BeforeAll on");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server != null) {
            return;
        }
        // Checked before Dovecot is looked for, so a machine without it reports the mistake too.
        if (!context.getTags().contains(DovecotTest.TAG)) {
            throw new ExtensionConfigurationException(
                    context.getRequiredTestClass().getSimpleName()
                            + " starts a Dovecot: mark it @DovecotTest, so that -DexcludedGroups=dovecot leaves it out");
        }
        DovecotServer.assumeAvailable();
        DovecotServer started = options.start();
        try {
            if (!users.isEmpty()) {
                started.addUsers(users);
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        server = started;
        owner = context.getRequiredTestClass();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null && context.getRequiredTestClass() == owner) {
            try {
                server.close();
            } finally {
                server = null;
                owner = null;
            }
        }
    }

    /** The server's shape (as {@link DovecotServer.Builder}) and its accounts. */
    public static final class Builder {
        private final DovecotServer.Builder options = DovecotServer.builder();
        private final Map<String, String> users = new LinkedHashMap<>();

        /** Courier/Cyrus-style names: separator '.', personal namespace prefix "INBOX.". */
        public Builder courierLike() {
            options.courierLike();
            return this;
        }

        public Builder separator(char separator) {
            options.separator(separator);
            return this;
        }

        public Builder tls(DovecotServer.Tls tls) {
            options.tls(tls);
            return this;
        }

        /** Announce COMPRESS=DEFLATE, when the imap_zlib plugin is installed. */
        public Builder compress(boolean compress) {
            options.compress(compress);
            return this;
        }

        /** Settings appended to the generated dovecot.conf. */
        public Builder extraConfig(String settings) {
            options.extraConfig(settings);
            return this;
        }

        /** An account made at start; more can be added later with {@link DovecotServer#addUser}. */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        public Builder users(Map<String, String> passwords) {
            users.putAll(passwords);
            return this;
        }

        public DovecotExtension build() {
            return new DovecotExtension(this);
        }
    }
}
