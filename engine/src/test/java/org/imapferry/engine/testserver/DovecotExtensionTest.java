package org.imapferry.engine.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as JUnit drives it (this class and its nested one), then its lifecycle driven by hand. */
@DovecotTest
class DovecotExtensionTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.builder()
            .courierLike()
            .user("alice", "wonder land")
            .build();

    private static DovecotServer startedBeforeAll;

    @BeforeAll
    static void runsBeforeTheClassMethods() {
        startedBeforeAll = DOVECOT.server();
    }

    @Test
    void theAccountsAskedForLogIn() {
        assertTrue(status(DOVECOT.server(), "LOGIN alice \"wonder land\"").startsWith("OK"));
        assertEquals("INBOX.", DOVECOT.server().prefix(), "the builder's variant reaches the server");
    }

    @Nested
    class Inner {
        @Test
        void aNestedClassSharesTheServer() {
            assertSame(startedBeforeAll, DOVECOT.server());
        }
    }

    @Test
    void stopsAndDeletesAfterTheClassThatStartedIt() {
        DovecotExtension extension =
                DovecotExtension.builder().user("bob", "pw").build();
        extension.beforeAll(contextOf(DovecotExtensionTest.class));
        DovecotServer server = extension.server();
        Path directory = server.directory();
        assertTrue(status(server, "LOGIN bob pw").startsWith("OK"));

        extension.beforeAll(contextOf(Inner.class));
        assertSame(server, extension.server(), "a nested class must not start a second server");
        extension.afterAll(contextOf(Inner.class));
        assertTrue(status(server, "LOGIN bob pw").startsWith("OK"), "a nested class must not stop it either");

        extension.afterAll(contextOf(DovecotExtensionTest.class));
        assertFalse(Files.exists(directory));
        UncheckedIOException refused =
                assertThrows(UncheckedIOException.class, () -> RawImap.connect(server.host(), server.port()));
        assertInstanceOf(ConnectException.class, refused.getCause());
        assertThrows(IllegalStateException.class, extension::server);
    }

    @Test
    void aClassNotMarkedDovecotTestIsAConfigurationError() {
        DovecotExtension extension = DovecotExtension.plain();
        ExtensionConfigurationException e = assertThrows(
                ExtensionConfigurationException.class,
                () -> extension.beforeAll(contextOf(DovecotExtensionTest.class, Set.of("slow"))));
        assertTrue(e.getMessage().contains("mark it @DovecotTest"), e.getMessage());
        assertThrows(IllegalStateException.class, extension::server, "nothing was started");
    }

    @Test
    void aServerAskedForOutsideTheClassLifecycleIsAnError() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> DovecotExtension.plain().server());
        assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
    }

    private static String status(DovecotServer server, String command) {
        try (RawImap client = RawImap.connect(server.host(), server.port())) {
            return client.status(command);
        }
    }

    private static ExtensionContext contextOf(Class<?> testClass) {
        return contextOf(testClass, Set.of(DovecotTest.TAG));
    }

    /** What the extension asks of its context, the test class and its tags; anything else fails loudly. */
    private static ExtensionContext contextOf(Class<?> testClass, Set<String> tags) {
        return (ExtensionContext) Proxy.newProxyInstance(
                DovecotExtensionTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredTestClass" -> testClass;
                    case "getTags" -> tags;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
