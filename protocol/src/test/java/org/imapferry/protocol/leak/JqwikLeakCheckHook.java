package org.imapferry.protocol.leak;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * The leak check of {@link LeakCheckExtension} for jqwik, whose engine does not run Jupiter
 * extensions: after each test class with properties, a leak fails that class. Registered through
 * {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 */
public final class JqwikLeakCheckHook implements AfterContainerHook {
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return element.map(e -> e instanceof Class).orElse(false);
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) throws InterruptedException {
        LeakCheckExtension.assertNoLeaks(context.label() + " (jqwik)");
    }
}
