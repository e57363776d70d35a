package io.github.appendlog.log4j2;

import java.net.URI;
import java.net.URL;
import org.apache.logging.log4j.core.LoggerContext;

/** Starts private Log4j2 contexts from the {@code log4j2.xml} files in {@code src/test/resources}. */
final class TestContexts {
    private TestContexts() {
    }

    static URI resource(String name) throws Exception {
        URL url = TestContexts.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        return url.toURI();
    }

    /** A private, started context configured from a test resource. */
    static LoggerContext context(String resource) throws Exception {
        LoggerContext context = new LoggerContext(resource, null, resource(resource));
        context.start();
        return context;
    }
}
