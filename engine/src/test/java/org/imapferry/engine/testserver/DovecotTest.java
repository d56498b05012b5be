package org.imapferry.engine.testserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class (or method) that needs a private Dovecot, so that {@code mvn test -DexcludedGroups=dovecot}
 * runs the quick loop without them. Put it on every class that registers a {@link DovecotExtension}
 * or starts a {@link DovecotServer} itself.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(DovecotTest.TAG)
public @interface DovecotTest {
    String TAG = "dovecot";
}
